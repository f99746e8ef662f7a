using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

/// <summary>
/// Agency stories becoming articles, always through <see cref="ArticleService"/>: a new draft or a published story,
/// the agency's update applied to a copy nobody has touched, a late photo or video attached.
/// </summary>
public sealed class WireArticles(MansetDb db, ArticleService articles, CategoryTree tree, TimeProvider clock, IOptions<MansetOptions> options)
{
    /// <summary>Who writes when a rule publishes or the agency updates: the system, named after the agency.</summary>
    public static Actor AgencyActor(string credit) => Actor.System with { Name = $"Ajans ({credit})" };

    /// <param name="media">The item's media when the caller has them loaded (ingest does), to save a query per story.</param>
    public async Task<SaveOutcome> CreateAsync(WireItem item, bool publish, Actor actor, CancellationToken ct, IEnumerable<WireMedia>? media = null)
    {
        var now = clock.GetUtcNow();
        var stored = media is null ? await StoredMediaAsync(item.Id, ct)
            : media.Where(m => m.State == WireMediaState.Stored && m.MediaId != null).OrderBy(m => m.Order).ThenBy(m => m.Id).ToList();
        var image = stored.FirstOrDefault(m => m.Kind == MediaKind.Image);
        var video = stored.FirstOrDefault(m => m.Kind == MediaKind.Video && m.VideoId is not null);
        var breakingUntil = item.PublishedAt.AddMinutes(options.Value.Publishing.BreakingMinutes);
        var outcome = await articles.CreateAsync(new ArticleInput
        {
            Title = AgencyText.Cut(item.Title, Limits.TitleMax),
            Spot = AgencyText.Cut(item.Spot, Limits.SpotMax),
            Body = item.Body,
            Category = await CategoryAsync(item, ct),
            Tags = item.City is { } city ? [city] : [],
            Source = item.Credit,
            Status = publish ? "published" : "draft",
            PublishedAt = publish ? (item.PublishedAt < now ? item.PublishedAt : now) : null,
            // A story that is no longer news is not flashed in the SON DAKİKA band when it is published late.
            Breaking = item.IsBreaking && (!publish || breakingUntil > now),
            BreakingUntil = item.IsBreaking && publish && breakingUntil > now ? breakingUntil : null,
            Image = image is null ? null : new ImageInput { Id = image.MediaId, Caption = image.Caption, Credit = image.Credit },
            VideoId = video?.VideoId,
        }, actor, ct);
        if (outcome is SaveOutcome.Saved saved)
        {
            item.ArticleId = saved.Article.Id;
            item.ArticleVersion = saved.Article.Version;
            item.State = saved.Article.Status is ArticleStatus.Published or ArticleStatus.Scheduled ? WireItemState.Published : WireItemState.Draft;
            item.AgencyUpdated = false;
            if (publish && video?.VideoId is { } videoId)
            {
                await db.Videos.Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsPublished, true), ct);
            }
        }
        return outcome;
    }

    /// <summary>
    /// The agency changed the story: an article nobody has edited since we wrote it takes the new text; one an
    /// editor changed keeps theirs and is flagged "ajans güncelledi" for them to compare.
    /// </summary>
    public async Task ApplyAgencyUpdateAsync(WireItem item, CancellationToken ct)
    {
        if (item.ArticleId is not { } articleId) return;
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => (int?)a.Version).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            item.ArticleId = null;
            item.ArticleVersion = null;
            item.State = WireItemState.New;
            return;
        }
        if (current != item.ArticleVersion)
        {
            item.AgencyUpdated = true;
            return;
        }
        var outcome = await articles.UpdateAsync(articleId, AgencyInput(item), current, AgencyActor(item.Credit), ct);
        if (outcome is SaveOutcome.Saved saved) item.ArticleVersion = saved.Article.Version;
        else item.AgencyUpdated = true;
    }

    /// <summary>The editor chose the agency's new text over theirs (from the wire desk's comparison).</summary>
    public async Task<SaveOutcome> TakeAgencyTextAsync(WireItem item, Actor actor, CancellationToken ct)
    {
        if (item.ArticleId is not { } articleId) return new SaveOutcome.NotFound();
        var outcome = await articles.UpdateAsync(articleId, AgencyInput(item), expectedVersion: null, actor, ct);
        if (outcome is SaveOutcome.Saved saved)
        {
            item.ArticleVersion = saved.Article.Version;
            item.AgencyUpdated = false;
        }
        return outcome;
    }

    static ArticleInput AgencyInput(WireItem item) => new()
    {
        Title = AgencyText.Cut(item.Title, Limits.TitleMax),
        Spot = AgencyText.Cut(item.Spot, Limits.SpotMax),
        Body = item.Body,
    };

    /// <summary>A photo or video that arrived after the article was made goes on it, if it has none yet.</summary>
    public async Task AttachMediaAsync(WireItem item, CancellationToken ct)
    {
        if (item.ArticleId is not { } articleId) return;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Version, a.ImageId, a.VideoId, a.Status }).FirstOrDefaultAsync(ct);
        if (article is null) return;
        var media = await StoredMediaAsync(item.Id, ct);
        var image = article.ImageId is null ? media.FirstOrDefault(m => m.Kind == MediaKind.Image) : null;
        var video = article.VideoId is null ? media.FirstOrDefault(m => m.Kind == MediaKind.Video && m.VideoId is not null) : null;
        if (image is null && video is null) return;
        var outcome = await articles.UpdateAsync(articleId, new ArticleInput
        {
            Image = image is null ? null : new ImageInput { Id = image.MediaId, Caption = image.Caption, Credit = image.Credit },
            VideoId = video?.VideoId,
        }, article.Version, AgencyActor(item.Credit), ct);
        if (outcome is SaveOutcome.Saved saved && item.ArticleVersion == article.Version) item.ArticleVersion = saved.Article.Version;
        if (video?.VideoId is { } videoId && article.Status == ArticleStatus.Published)
        {
            await db.Videos.Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsPublished, true), ct);
        }
    }

    Task<List<WireMedia>> StoredMediaAsync(long itemId, CancellationToken ct) =>
        db.WireMedia.AsNoTracking().Where(m => m.WireItemId == itemId && m.State == WireMediaState.Stored && m.MediaId != null)
            .OrderBy(m => m.Order).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>The item's category if it still exists, else the first main category (an article needs one).</summary>
    async Task<string> CategoryAsync(WireItem item, CancellationToken ct)
    {
        var categories = await tree.GetAsync(ct);
        if (item.Category is { } slug && categories.BySlug(slug) is not null) return slug;
        return categories.BySlug("gundem")?.Slug ?? categories.Roots.FirstOrDefault()?.Slug ?? "";
    }
}
