using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom.Articles;

public sealed record ArticleRow(int Id, string Title, ArticleStatus Status, string CategoryName, string CategorySlug, string Slug,
    string? Source, DateTimeOffset? PublishedAt, DateTimeOffset ModifiedAt, long Views, bool IsBreaking, LeadSlot Slot, List<string> Authors)
{
    public string PublicUrl => Links.Article(CategorySlug, Slug, Id);
}

/// <summary>Haberler: every article, filtered by status, category, author, source, dates and text, newest first.</summary>
public sealed class IndexModel(MansetDb db, CategoryTree tree) : PageModel
{
    const int Size = 30;

    [BindProperty(SupportsGet = true, Name = "durum")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "yazar")] public string? Author { get; set; }
    [BindProperty(SupportsGet = true, Name = "kaynak")] public string? Source { get; set; }
    [BindProperty(SupportsGet = true, Name = "baslangic")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "bitis")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "sayfa")] public int PageNumber { get; set; } = 1;

    public List<ArticleRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; }
    public CategorySnapshot Categories { get; private set; } = null!;
    public List<(string Slug, string Name)> Authors { get; private set; } = [];
    public List<string> Sources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Haberler";
        Categories = await tree.GetAsync(ct);
        Authors = (await db.Authors.AsNoTracking().Select(a => new { a.Slug, a.Name }).ToListAsync(ct))
            .OrderBy(a => a.Name, Turkish.Comparer).Select(a => (a.Slug, a.Name)).ToList();
        Sources = (await db.Articles.AsNoTracking().Where(a => a.Source != null).Select(a => a.Source!).Distinct().ToListAsync(ct))
            .Order(Turkish.Comparer).ToList();

        var query = db.Articles.AsNoTracking();
        if (Words.ParseStatus(Status) is { } status) query = query.Where(a => a.Status == status);
        if (Category is not null && Categories.BySlug(Category) is { } node)
        {
            var ids = Categories.SelfAndDescendants(node.Id).ToList();
            query = query.Where(a => ids.Contains(a.CategoryId));
        }
        if (!string.IsNullOrEmpty(Author)) query = query.Where(a => a.Authors.Any(x => x.Author.Slug == Author));
        if (!string.IsNullOrEmpty(Source)) query = query.Where(a => a.Source == Source);
        if (From is { } from)
        {
            var start = Istanbul(from);
            query = query.Where(a => (a.PublishedAt ?? a.CreatedAt) >= start);
        }
        if (To is { } to)
        {
            var end = Istanbul(to.AddDays(1));
            query = query.Where(a => (a.PublishedAt ?? a.CreatedAt) < end);
        }
        if (!string.IsNullOrWhiteSpace(Query) && Query.Length <= 200) query = Api.TextFilter.Apply(db, query, Query.Trim());

        Total = await query.CountAsync(ct);
        Pages = Math.Max(1, (Total + Size - 1) / Size);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.OrderByDescending(a => a.PublishedAt ?? a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * Size).Take(Size)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.Category.Name, a.Category.Slug, a.Slug, a.Source, a.PublishedAt, a.ModifiedAt,
                a.Stats == null ? 0 : a.Stats.Views, a.IsBreaking, a.Slot,
                a.Authors.OrderBy(x => x.Order).Select(x => x.Author.Name).ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
    }

    static DateTimeOffset Istanbul(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Turkish.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public string PageLink(int page)
    {
        var query = Request.Query.Where(q => q.Key != "sayfa").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (page > 1) query.Add($"sayfa={page}");
        return "/yonetim/haberler" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
