using System.Globalization;
using System.Text;
using System.Xml;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Manset.Web.Syndication;

/// <summary>
/// RSS 2.0 feeds of the latest published articles: the site (<c>/rss</c>), a category with its subcategories
/// (<c>/rss/{category}</c>), an author (<c>/rss/yazar/{slug}</c>) and a tag (<c>/rss/etiket/{slug}</c>).
/// Items carry the spot as description; <c>?tam=1</c> adds the full text as <c>content:encoded</c>.
/// </summary>
public static class Feeds
{
    public const string ContentType = "application/rss+xml";
    public const string FullTextParameter = "tam";
    /// <summary>Items per feed.</summary>
    public const int Size = 50;
    /// <summary>The enclosure is the JPEG rendition at least this wide (or the largest there is).</summary>
    const int EnclosureWidth = 960;

    const string Atom = "http://www.w3.org/2005/Atom";
    const string Dc = "http://purl.org/dc/elements/1.1/";
    const string Content = "http://purl.org/rss/1.0/modules/content/";

    sealed record Item(int Id, string Title, string Slug, string Spot, string CategorySlug, string CategoryName,
        DateTimeOffset PublishedAt, string? ImageKey, string? Renditions, string Body)
    {
        public List<string> Authors { get; init; } = [];
    }

    sealed record Channel(string Title, string Path, string Description);

    public static async Task<IResult> SiteAsync(HttpContext http, MansetDb db, SiteChrome chrome, IMediaStore store, IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Home);
        return await WriteAsync(http, db.Published(), new Channel(chrome.Name, "/", T["SiteDescription"].Value), "/rss", chrome, store, ct);
    }

    public static async Task<IResult> CategoryAsync(string category, HttpContext http, MansetDb db, CategoryTree tree, SiteChrome chrome, IMediaStore store,
        IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        var categories = await tree.GetAsync(ct);
        if (categories.BySlug(category) is not { } node) return Results.NotFound();
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Category(node.Id));
        var ids = categories.SelfAndDescendants(node.Id).ToList();
        var channel = new Channel($"{T["NewsOf", node.Name].Value} - {chrome.Name}", Links.Category(node.Slug), T["CategoryDescription", node.Name].Value);
        return await WriteAsync(http, db.Published().Where(a => ids.Contains(a.CategoryId)), channel, "/rss/" + node.Slug, chrome, store, ct);
    }

    public static async Task<IResult> AuthorAsync(string slug, HttpContext http, MansetDb db, SiteChrome chrome, IMediaStore store,
        IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, a.Slug }).FirstOrDefaultAsync(ct);
        if (author is null) return Results.NotFound();
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Author(author.Id));
        var channel = new Channel($"{T["NewsOf", author.Name].Value} - {chrome.Name}", Links.Author(author.Slug), T["AuthorDescription", author.Name].Value);
        return await WriteAsync(http, db.Published().Where(a => a.Authors.Any(x => x.AuthorId == author.Id)), channel, "/rss/yazar/" + author.Slug, chrome, store, ct);
    }

    public static async Task<IResult> TagAsync(string slug, HttpContext http, MansetDb db, SiteChrome chrome, IMediaStore store,
        IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name, t.Slug }).FirstOrDefaultAsync(ct);
        if (tag is null) return Results.NotFound();
        await chrome.BlocksAsync();
        CacheTags.Add(http, CacheTags.Tag(tag.Id));
        var channel = new Channel($"{T["NewsOf", tag.Name].Value} - {chrome.Name}", Links.Tag(tag.Slug), T["TagDescription", tag.Name].Value);
        return await WriteAsync(http, db.Published().Where(a => a.Tags.Any(t => t.TagId == tag.Id)), channel, "/rss/etiket/" + tag.Slug, chrome, store, ct);
    }

    /// <summary>The feed of a category, tag or author page is at <c>/rss</c> + the page's path (<c>/rss/spor</c>, <c>/rss/etiket/x</c>).</summary>
    public static string ForListPage(string path) => "/rss" + path;

    static async Task<IResult> WriteAsync(HttpContext http, IQueryable<Article> query, Channel channel, string self, SiteChrome chrome, IMediaStore store, CancellationToken ct)
    {
        var full = http.Request.Query[FullTextParameter] == "1";
        var items = await query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(Size)
            .Select(a => new Item(a.Id, a.Title, a.Slug, a.Spot, a.Category.Slug, a.Category.Name, a.PublishedAt ?? a.CreatedAt,
                a.Image == null ? null : a.Image.StorageKey, a.Image == null ? null : a.Image.Renditions, full ? a.Body : "")
            {
                Authors = a.Authors.OrderBy(x => x.Order).Select(x => x.Author.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        CacheTags.AddArticles(http, items.Select(i => i.Id));
        var enclosures = await EnclosuresAsync(items, store, ct);

        http.Response.ContentType = ContentType + "; charset=utf-8";
        SharedCacheHeaders.ApplyTo(http); // the body is written here, not by a result
        await using var xml = XmlWriter.Create(http.Response.Body, Xml.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "rss", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.0");
        await xml.WriteAttributeStringAsync("xmlns", "atom", null, Atom);
        await xml.WriteAttributeStringAsync("xmlns", "dc", null, Dc);
        if (full) await xml.WriteAttributeStringAsync("xmlns", "content", null, Content);
        await xml.WriteStartElementAsync(null, "channel", null);
        await xml.WriteElementStringAsync(null, "title", null, channel.Title);
        await xml.WriteElementStringAsync(null, "link", null, chrome.Absolute(channel.Path));
        await xml.WriteElementStringAsync(null, "description", null, channel.Description);
        await xml.WriteElementStringAsync(null, "language", null, "tr");
        await xml.WriteElementStringAsync(null, "copyright", null, $"© {chrome.Publisher}");
        await xml.WriteElementStringAsync(null, "generator", null, "Manşet");
        // The newest item's time, not the clock's: the same content gives the same feed.
        if (items.Count > 0) await xml.WriteElementStringAsync(null, "lastBuildDate", null, Rfc822(items.Max(i => i.PublishedAt)));
        await xml.WriteElementStringAsync(null, "ttl", null, "5");
        await xml.WriteStartElementAsync("atom", "link", Atom);
        await xml.WriteAttributeStringAsync(null, "href", null, chrome.Absolute(self) + (full ? "?tam=1" : ""));
        await xml.WriteAttributeStringAsync(null, "rel", null, "self");
        await xml.WriteAttributeStringAsync(null, "type", null, ContentType);
        await xml.WriteEndElementAsync();

        foreach (var (item, enclosureOfItem) in items.Zip(enclosures))
        {
            var url = chrome.Absolute(Links.Article(item.CategorySlug, item.Slug, item.Id));
            await xml.WriteStartElementAsync(null, "item", null);
            await xml.WriteElementStringAsync(null, "title", null, item.Title);
            await xml.WriteElementStringAsync(null, "link", null, url);
            await xml.WriteElementStringAsync(null, "description", null, item.Spot.Length > 0 ? item.Spot : item.Title);
            await xml.WriteElementStringAsync(null, "pubDate", null, Rfc822(item.PublishedAt));
            await xml.WriteStartElementAsync(null, "guid", null);
            await xml.WriteAttributeStringAsync(null, "isPermaLink", null, "true");
            await xml.WriteStringAsync(url);
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync(null, "category", null, item.CategoryName);
            foreach (var author in item.Authors) await xml.WriteElementStringAsync("dc", "creator", Dc, author);
            if (enclosureOfItem is { } enclosure)
            {
                await xml.WriteStartElementAsync(null, "enclosure", null);
                await xml.WriteAttributeStringAsync(null, "url", null, chrome.Absolute(ImageRef.UrlPrefix + enclosure.Key));
                await xml.WriteAttributeStringAsync(null, "length", null, enclosure.Length.ToString(CultureInfo.InvariantCulture));
                await xml.WriteAttributeStringAsync(null, "type", null, "image/jpeg");
                await xml.WriteEndElementAsync();
            }
            // Escaped HTML, as RSS readers expect it in content:encoded.
            if (full) await xml.WriteElementStringAsync("content", "encoded", Content, AbsoluteLinks(item.Body, chrome));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return Results.Empty;
    }

    /// <summary>
    /// Each item's enclosure, in the items' order: asked of the store together (with a bucket each is a request), not
    /// one after another while the feed is written.
    /// </summary>
    static Task<(string Key, long Length)?[]> EnclosuresAsync(IReadOnlyList<Item> items, IMediaStore store, CancellationToken ct) =>
        Task.WhenAll(items.Select(item => EnclosureAsync(item, store, ct)));

    /// <summary>The JPEG rendition used as enclosure, with its real size in the store; none when the file is missing.</summary>
    static async Task<(string Key, long Length)?> EnclosureAsync(Item item, IMediaStore store, CancellationToken ct)
    {
        if (item.ImageKey is null || item.Renditions is null) return null;
        var widths = new ImageRef(item.ImageKey, 0, 0, item.Renditions).Widths;
        if (widths.Length == 0) return null;
        var width = widths.FirstOrDefault(w => w >= EnclosureWidth, widths[^1]);
        var key = ImagePipeline.RenditionKey(item.ImageKey, width);
        return await store.LengthOfAsync(key, ct) is { } length ? (key, length) : null;
    }

    /// <summary>RFC 822 (as RFC 1123 writes it, in GMT), what RSS 2.0 asks of pubDate.</summary>
    public static string Rfc822(DateTimeOffset instant) => instant.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Sanitized bodies link to our own pages and media by path; a feed reader needs whole addresses.</summary>
    static string AbsoluteLinks(string html, SiteChrome chrome)
    {
        var root = chrome.Absolute("/");
        var sb = new StringBuilder(html);
        sb.Replace("href=\"/", "href=\"" + root).Replace("src=\"/", "src=\"" + root).Replace("srcset=\"/", "srcset=\"" + root);
        // "//host/x" became "http://site///host/x" above: put protocol-relative links back.
        sb.Replace(root + "/", "//");
        return sb.ToString();
    }
}

static class Xml
{
    public static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CheckCharacters = true,
    };
}
