using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Site;

/// <summary>The public site's reads, shared by its pages.</summary>
public static class SiteQueries
{
    /// <summary>What readers may see: published articles, newest first is up to the caller.</summary>
    public static IQueryable<Article> Published(this MansetDb db) =>
        db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);

    /// <summary>
    /// The ids of the newest published stories still flagged SON DAKİKA at <paramref name="now"/>, newest first. The
    /// flagged ones are read by the range of their BreakingUntil (a partial index of the flagged stories only) and
    /// sorted and filtered here: asked for newest first, SQLite walked the PublishedAt index through every article
    /// looking for them, 1.6 s on a million-article paper when none was live.
    /// </summary>
    public static async Task<List<int>> LiveBreakingIdsAsync(this MansetDb db, DateTimeOffset now, int take, CancellationToken ct)
    {
        var live = await db.Articles.AsNoTracking().Where(a => a.IsBreaking && a.BreakingUntil > now)
            .Select(a => new { a.Id, a.PublishedAt, a.Status }).ToListAsync(ct);
        return live.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(take).Select(a => a.Id).ToList();
    }

    /// <summary>One page of a list, newest first, with the total for the pager (counted as far as the pager needs).</summary>
    public static async Task<(List<ArticleCard> Items, int Total)> PageAsync(this IQueryable<Article> query, int page, int size, CancellationToken ct)
    {
        var total = await query.OrderByDescending(a => a.PublishedAt).Take(PagerView.CountLimit(page, size)).CountAsync(ct);
        var items = await query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(ArticleCard.Projection).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>Reads <c>?sayfa=</c>: null when it is not a page number.</summary>
    public static int? PageNumber(this HttpRequest request)
    {
        var raw = request.Query[PagerView.Parameter].ToString();
        if (raw.Length == 0) return 1;
        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000
            ? page
            : null;
    }
}
