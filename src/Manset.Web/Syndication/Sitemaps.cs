using System.Globalization;
using System.Xml;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Syndication;

/// <summary>
/// Sitemaps for crawlers, written row by row to the response (XmlWriter over an async query, nothing built in memory):
/// <c>/sitemap.xml</c> is the index of monthly article sitemaps (<c>/sitemap-articles-2026-11.xml</c>, a month of more
/// than 50,000 articles continues in <c>-2</c>, <c>-3</c>…), categories, tags, videos and the Google News sitemap.
/// Months are Istanbul's calendar months.
/// </summary>
public static class Sitemaps
{
    public const int MaxUrls = 50_000;
    public const int MaxNews = 1_000;
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    const string ContentType = "application/xml; charset=utf-8";
    const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const string ImageNs = "http://www.google.com/schemas/sitemap-image/1.1";
    const string VideoNs = "http://www.google.com/schemas/sitemap-video/1.1";
    const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static async Task<IResult> IndexAsync(HttpContext http, MansetDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct)
    {
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Home);
        CacheTags.Add(http, CacheTags.Videos);
        var published = db.Published();
        // One query for the first and latest times (the index's range, its lastmods, whether there is news), and one per
        // month for its count and lastmod together.
        var span = await published.GroupBy(a => 1)
            .Select(g => new { First = g.Min(a => a.PublishedAt), Latest = g.Max(a => a.PublishedAt), Newest = g.Max(a => a.EditedAt ?? a.PublishedAt) })
            .FirstOrDefaultAsync(ct);
        var first = span?.First;

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "sitemapindex", Ns);
        if (first is { } start)
        {
            var now = clock.GetUtcNow();
            for (var month = MonthOf(start); month.Start <= now; month = month.Next())
            {
                var (from, to) = (month.Start, month.Next().Start);
                var inMonth = await published.Where(a => a.PublishedAt >= from && a.PublishedAt < to).GroupBy(a => 1)
                    .Select(g => new { Count = g.Count(), Last = g.Max(a => a.EditedAt ?? a.PublishedAt) })
                    .FirstOrDefaultAsync(ct);
                if (inMonth is not { Count: > 0 } found) continue;
                var (count, lastmod) = (found.Count, found.Last);
                for (var part = 1; (part - 1) * MaxUrls < count; part++)
                {
                    await EntryAsync(xml, chrome.Absolute($"/sitemap-articles-{month.Name}{(part > 1 ? "-" + part.ToString(CultureInfo.InvariantCulture) : "")}.xml"), lastmod);
                }
            }
        }
        // The schema wants at least one url in a urlset: sitemaps that would be empty are left out of the index.
        var newest = span?.Newest;
        await EntryAsync(xml, chrome.Absolute("/sitemap-categories.xml"), newest);
        if (await db.ArticleTags.AnyAsync(t => t.Article.Status == ArticleStatus.Published, ct))
            await EntryAsync(xml, chrome.Absolute("/sitemap-tags.xml"), newest);
        if (await SitemapVideos(db).MaxAsync(v => (DateTimeOffset?)v.PublishedAt, ct) is { } video)
            await EntryAsync(xml, chrome.Absolute("/sitemap-videos.xml"), video);
        var since = clock.GetUtcNow() - NewsWindow;
        if (span?.Latest >= since)
            await EntryAsync(xml, chrome.Absolute("/sitemap-news.xml"), newest);
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    static async Task EntryAsync(XmlWriter xml, string loc, DateTimeOffset? lastmod)
    {
        await xml.WriteStartElementAsync(null, "sitemap", Ns);
        await xml.WriteElementStringAsync(null, "loc", Ns, loc);
        if (lastmod is { } l) await xml.WriteElementStringAsync(null, "lastmod", Ns, Turkish.Iso(l));
        await xml.WriteEndElementAsync();
    }

    /// <summary>One month of articles (<c>2026-11</c>, or <c>2026-11-2</c> for its second 50,000), oldest first.</summary>
    public static async Task<IResult> ArticlesAsync(string month, HttpContext http, MansetDb db, SiteChrome chrome, CancellationToken ct)
    {
        if (Month.Parse(month) is not { } parsed) return Results.NotFound();
        var (m, part) = parsed;
        CacheTags.Add(http, CacheTags.Home);
        var (from, to) = (m.Start, m.Next().Start);
        var rows = db.Published().Where(a => a.PublishedAt >= from && a.PublishedAt < to)
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Skip((part - 1) * MaxUrls).Take(MaxUrls)
            .Select(a => new
            {
                a.Id, a.Slug, CategorySlug = a.Category.Slug, LastMod = a.EditedAt ?? a.PublishedAt,
                ImageKey = a.Image == null ? null : a.Image.StorageKey,
                Renditions = a.Image == null ? null : a.Image.Renditions,
            })
            .AsAsyncEnumerable();
        await using var e = rows.GetAsyncEnumerator(ct);
        if (!await e.MoveNextAsync()) return Results.NotFound();

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "image", null, ImageNs);
        do
        {
            var a = e.Current;
            await xml.WriteStartElementAsync(null, "url", Ns);
            await xml.WriteElementStringAsync(null, "loc", Ns, chrome.Absolute(Links.Article(a.CategorySlug, a.Slug, a.Id)));
            if (a.LastMod is { } lastmod) await xml.WriteElementStringAsync(null, "lastmod", Ns, Turkish.Iso(lastmod));
            if (a.ImageKey is not null && a.Renditions is { Length: > 0 })
            {
                var image = new ImageRef(a.ImageKey, 0, 0, a.Renditions);
                await xml.WriteStartElementAsync("image", "image", ImageNs);
                await xml.WriteElementStringAsync("image", "loc", ImageNs, chrome.Absolute(image.Src(ImagePipeline.Ladder[^1])));
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
        } while (await e.MoveNextAsync());
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    /// <summary>The home page and every category page, with the time of the newest article in it (subcategories included).</summary>
    public static async Task<IResult> CategoriesAsync(HttpContext http, MansetDb db, CategoryTree tree, SiteChrome chrome, CancellationToken ct)
    {
        CacheTags.Add(http, CacheTags.Home);
        var categories = await tree.GetAsync(ct);
        var latest = await db.Published().GroupBy(a => a.CategoryId)
            .Select(g => new { g.Key, Last = g.Max(a => a.PublishedAt) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Ns);
        await UrlAsync(xml, chrome.Absolute("/"), latest.Values.Max());
        var pending = new Stack<CategoryNode>(categories.Roots.Reverse());
        while (pending.TryPop(out var node))
        {
            var last = categories.SelfAndDescendants(node.Id).Select(id => latest.GetValueOrDefault(id)).Max();
            await UrlAsync(xml, chrome.Absolute(Links.Category(node.Slug)), last);
            foreach (var child in categories.Children(node.Id).Reverse()) pending.Push(child);
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    /// <summary>Tag pages that list at least one published article: the 50,000 most recently used.</summary>
    public static async Task<IResult> TagsAsync(HttpContext http, MansetDb db, SiteChrome chrome, CancellationToken ct)
    {
        CacheTags.Add(http, CacheTags.Home);
        var rows = db.ArticleTags.AsNoTracking().Where(t => t.Article.Status == ArticleStatus.Published)
            .GroupBy(t => t.Tag.Slug)
            .Select(g => new { Slug = g.Key, Last = g.Max(t => t.Article.PublishedAt) })
            .OrderByDescending(g => g.Last).ThenBy(g => g.Slug)
            .Take(MaxUrls)
            .AsAsyncEnumerable();

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Ns);
        await foreach (var tag in rows.WithCancellation(ct)) await UrlAsync(xml, chrome.Absolute(Links.Tag(tag.Slug)), tag.Last);
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    static async Task UrlAsync(XmlWriter xml, string loc, DateTimeOffset? lastmod)
    {
        await xml.WriteStartElementAsync(null, "url", Ns);
        await xml.WriteElementStringAsync(null, "loc", Ns, loc);
        if (lastmod is { } l) await xml.WriteElementStringAsync(null, "lastmod", Ns, Turkish.Iso(l));
        await xml.WriteEndElementAsync();
    }

    /// <summary>Published videos that have a poster (Google requires a thumbnail), newest first.</summary>
    public static async Task<IResult> VideosAsync(HttpContext http, MansetDb db, SiteChrome chrome, CancellationToken ct)
    {
        CacheTags.Add(http, CacheTags.Videos);
        var rows = SitemapVideos(db)
            .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
            .Take(MaxUrls)
            .Select(v => new
            {
                v.Id, v.Slug, v.Title, v.Description, v.DurationSeconds, v.PublishedAt, v.EmbedUrl,
                FileKey = v.File == null ? null : v.File.StorageKey,
                PosterKey = v.Poster!.StorageKey, PosterRenditions = v.Poster.Renditions,
            })
            .AsAsyncEnumerable();

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "video", null, VideoNs);
        await foreach (var v in rows.WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "url", Ns);
            await xml.WriteElementStringAsync(null, "loc", Ns, chrome.Absolute(Links.Video(v.Slug, v.Id)));
            await xml.WriteStartElementAsync("video", "video", VideoNs);
            await xml.WriteElementStringAsync("video", "thumbnail_loc", VideoNs, chrome.Absolute(new ImageRef(v.PosterKey, 0, 0, v.PosterRenditions).Src(1280)));
            await xml.WriteElementStringAsync("video", "title", VideoNs, Cut(v.Title, 100));
            await xml.WriteElementStringAsync("video", "description", VideoNs, Cut(v.Description.Length > 0 ? v.Description : v.Title, 2048));
            if (v.FileKey is not null) await xml.WriteElementStringAsync("video", "content_loc", VideoNs, chrome.Absolute(ImageRef.UrlPrefix + v.FileKey));
            if (v.EmbedUrl is not null) await xml.WriteElementStringAsync("video", "player_loc", VideoNs, v.EmbedUrl);
            if (v.DurationSeconds is > 0 and <= 28_800)
                await xml.WriteElementStringAsync("video", "duration", VideoNs, v.DurationSeconds.ToString(CultureInfo.InvariantCulture));
            await xml.WriteElementStringAsync("video", "publication_date", VideoNs, Turkish.Iso(v.PublishedAt));
            await xml.WriteElementStringAsync("video", "family_friendly", VideoNs, "yes");
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    static IQueryable<Video> SitemapVideos(MansetDb db) =>
        db.Videos.AsNoTracking().Where(v => v.IsPublished && v.Poster != null && (v.File != null || v.EmbedUrl != null));

    /// <summary>Google News: articles first published in the last two days, at most 1,000, newest first.</summary>
    public static async Task<IResult> NewsAsync(HttpContext http, MansetDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct)
    {
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Home);
        var since = clock.GetUtcNow() - NewsWindow;
        var rows = db.Published().Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(MaxNews)
            .Select(a => new { a.Id, a.Slug, a.Title, CategorySlug = a.Category.Slug, PublishedAt = a.PublishedAt!.Value, LastMod = a.EditedAt ?? a.PublishedAt })
            .AsAsyncEnumerable();

        http.Response.ContentType = ContentType;
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "news", null, NewsNs);
        await foreach (var a in rows.WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "url", Ns);
            await xml.WriteElementStringAsync(null, "loc", Ns, chrome.Absolute(Links.Article(a.CategorySlug, a.Slug, a.Id)));
            if (a.LastMod is { } lastmod) await xml.WriteElementStringAsync(null, "lastmod", Ns, Turkish.Iso(lastmod));
            await xml.WriteStartElementAsync("news", "news", NewsNs);
            await xml.WriteStartElementAsync("news", "publication", NewsNs);
            await xml.WriteElementStringAsync("news", "name", NewsNs, chrome.Name);
            await xml.WriteElementStringAsync("news", "language", NewsNs, "tr");
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync("news", "publication_date", NewsNs, Turkish.Iso(a.PublishedAt));
            await xml.WriteElementStringAsync("news", "title", NewsNs, a.Title);
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    /// <summary>Crawlers may read the site, not the newsroom, the login or the API; the sitemaps are named.</summary>
    public static IResult Robots(IOptions<MansetOptions> options)
    {
        var root = options.Value.Site.BaseUri;
        var text = string.Join('\n',
            "User-agent: *",
            "Allow: /",
            "Disallow: /yonetim",
            "Disallow: /giris",
            "Disallow: /api/",
            "",
            $"Sitemap: {new Uri(root, "sitemap.xml")}",
            $"Sitemap: {new Uri(root, "sitemap-news.xml")}",
            "");
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    static Month MonthOf(DateTimeOffset instant)
    {
        var local = Turkish.ToIstanbul(instant);
        return new Month(local.Year, local.Month);
    }

    /// <summary>A calendar month in Istanbul.</summary>
    readonly record struct Month(int Year, int Number)
    {
        public string Name => $"{Year:0000}-{Number:00}";

        public DateTimeOffset Start
        {
            get
            {
                var local = new DateTime(Year, Number, 1, 0, 0, 0, DateTimeKind.Unspecified);
                return new DateTimeOffset(local, Turkish.TimeZone.GetUtcOffset(local)).ToUniversalTime();
            }
        }

        public Month Next() => Number == 12 ? new Month(Year + 1, 1) : new Month(Year, Number + 1);

        /// <summary>"2026-11" → (2026-11, 1); "2026-11-2" → (2026-11, 2); anything else null.</summary>
        public static (Month Month, int Part)? Parse(string text)
        {
            var parts = text.Split('-');
            if (parts.Length is < 2 or > 3 || parts[0].Length != 4 || parts[1].Length != 2) return null;
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > 9999) return null;
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12) return null;
            var part = 1;
            if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out part) || part < 2 || parts[2][0] == '0')) return null;
            return (new Month(year, month), part);
        }
    }
}
