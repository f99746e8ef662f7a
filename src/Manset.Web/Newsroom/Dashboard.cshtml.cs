using System.Security.Claims;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed record DeskItem(int Id, string Title, string CategorySlug, string Slug, ArticleStatus Status, DateTimeOffset? PublishedAt, DateTimeOffset ModifiedAt, long Views)
{
    public string PublicUrl => Links.Article(CategorySlug, Slug, Id);
}

/// <summary>The newsroom's front page: what is mine, what waits, what is scheduled, what went out today, what is read.</summary>
public sealed class DashboardModel(MansetDb db, TimeProvider clock, Engagement.MostRead mostRead, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public List<DeskItem> MyDrafts { get; private set; } = [];
    public List<DeskItem> InReview { get; private set; } = [];
    public List<DeskItem> Scheduled { get; private set; } = [];
    public List<DeskItem> PublishedToday { get; private set; } = [];
    public List<DeskItem> MostRead { get; private set; } = [];
    public List<DeskItem> BreakingNow { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = T["Dashboard"].Value;
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow();
        var localToday = Turkish.ToIstanbul(now).Date;
        var startOfDay = new DateTimeOffset(localToday, Turkish.TimeZone.GetUtcOffset(localToday)).ToUniversalTime();
        var articles = db.Articles.AsNoTracking();
        IQueryable<DeskItem> Items(IQueryable<Article> q) => q.Select(a => new DeskItem(a.Id, a.Title, a.Category.Slug, a.Slug, a.Status, a.PublishedAt, a.ModifiedAt, a.Stats == null ? 0 : a.Stats.Views));

        MyDrafts = await Items(articles.Where(a => a.CreatedById == me && (a.Status == ArticleStatus.Draft || a.Status == ArticleStatus.Review)).OrderByDescending(a => a.ModifiedAt)).Take(10).ToListAsync(ct);
        InReview = await Items(articles.Where(a => a.Status == ArticleStatus.Review).OrderByDescending(a => a.ModifiedAt)).Take(10).ToListAsync(ct);
        Scheduled = await Items(articles.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.PublishedAt)).Take(10).ToListAsync(ct);
        PublishedToday = await Items(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt >= startOfDay).OrderByDescending(a => a.PublishedAt)).Take(20).ToListAsync(ct);
        // The same figures as the site's ÇOK OKUNANLAR (last 24 hours).
        var read = (await mostRead.GetAsync(ct)).Day.Select(a => a.Id).ToList();
        var rows = await Items(articles.Where(a => read.Contains(a.Id))).ToListAsync(ct);
        MostRead = read.Select(id => rows.Find(r => r.Id == id)).OfType<DeskItem>().ToList();
        var live = await db.LiveBreakingIdsAsync(now, 10, ct);
        var breaking = live.Count == 0 ? [] : await Items(articles.Where(a => live.Contains(a.Id))).ToListAsync(ct);
        BreakingNow = live.Select(id => breaking.Find(r => r.Id == id)).OfType<DeskItem>().ToList();
    }
}
