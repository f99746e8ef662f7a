using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Manset.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Syndication;

/// <summary>Sitemaps, the Google News sitemap and robots.txt, validated by xmllint against the official schemas.</summary>
public abstract partial class SitemapTests(AppFixture fixture)
{
    static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace Image = "http://www.google.com/schemas/sitemap-image/1.1";
    static readonly XNamespace Video = "http://www.google.com/schemas/sitemap-video/1.1";
    static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    const string Base = "http://manset.test";

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")]
    private static partial Regex W3cWithOffset();

    static async Task<string> GetXmlAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    static string PathOf(string absolute)
    {
        Assert.StartsWith(Base + "/", absolute, StringComparison.Ordinal);
        return absolute[Base.Length..];
    }

    /// <summary>Every published article's public path, from the content API (not from our sitemap code).</summary>
    static async Task<HashSet<string>> PublishedPathsAsync(HttpClient api, Func<DateTimeOffset, bool>? when = null)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var list = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?status=published&pageSize=100&page={page}"));
            var items = list["items"]!.AsArray();
            foreach (var item in items)
            {
                if (when is null || when(DateTimeOffset.Parse((string)item!["publishedAt"]!, System.Globalization.CultureInfo.InvariantCulture)))
                    paths.Add((string)item!["url"]!);
            }
            if (items.Count < 100) return paths;
        }
    }

    [Fact]
    public async Task Every_sitemap_of_the_index_is_valid_against_the_official_schemas()
    {
        var xmllint = XmlLint.Require();
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var folder = Path.Combine(app.DataDirectory, "sitemaps");
        var index = await GetXmlAsync(reader, "/sitemap.xml");
        await XmlLint.AssertValidAsync(xmllint, index, XmlLint.SiteIndex, folder, "/sitemap.xml");

        var locs = XDocument.Parse(index).Root!.Elements(Sm + "sitemap").Select(s => PathOf((string)s.Element(Sm + "loc")!)).ToList();
        Assert.Contains("/sitemap-categories.xml", locs);
        Assert.Contains("/sitemap-tags.xml", locs);
        Assert.Contains("/sitemap-videos.xml", locs);
        Assert.Contains("/sitemap-news.xml", locs);
        Assert.Contains(locs, l => Regex.IsMatch(l, @"^/sitemap-articles-\d{4}-\d\d\.xml$"));
        foreach (var lastmod in XDocument.Parse(index).Descendants(Sm + "lastmod")) Assert.Matches(W3cWithOffset(), lastmod.Value);

        foreach (var loc in locs)
        {
            var xml = await GetXmlAsync(reader, loc);
            await XmlLint.AssertValidAsync(xmllint, xml, XmlLint.UrlSet, folder, loc);
            Assert.NotEmpty(XDocument.Parse(xml).Root!.Elements(Sm + "url"));
        }
    }

    [Fact]
    public async Task An_empty_newspaper_has_a_valid_index_that_lists_no_empty_sitemap()
    {
        var xmllint = XmlLint.Require();
        await using var app = await TestApp.StartAsync(fixture.Database);
        var reader = app.Reader();
        var folder = Path.Combine(app.DataDirectory, "sitemaps");
        var index = await GetXmlAsync(reader, "/sitemap.xml");
        await XmlLint.AssertValidAsync(xmllint, index, XmlLint.SiteIndex, folder, "/sitemap.xml");
        var locs = XDocument.Parse(index).Root!.Elements(Sm + "sitemap").Select(s => PathOf((string)s.Element(Sm + "loc")!)).ToList();
        Assert.Equal(["/sitemap-categories.xml"], locs);
        await XmlLint.AssertValidAsync(xmllint, await GetXmlAsync(reader, "/sitemap-categories.xml"), XmlLint.UrlSet, folder, "/sitemap-categories.xml");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/rss")).StatusCode);
    }

    [Fact]
    public async Task The_validator_rejects_what_the_schemas_forbid()
    {
        // The check above is only worth something if xmllint really applies the extension schemas.
        var xmllint = XmlLint.Require();
        var app = await fixture.AppAsync();
        var folder = Path.Combine(app.DataDirectory, "sitemaps-bad");
        var news = await GetXmlAsync(app.Reader(), "/sitemap-news.xml");
        Assert.True((await XmlLint.ValidateAsync(xmllint, news, XmlLint.UrlSet, folder)).Valid);
        var wrongLanguage = news.Replace("<news:language>tr</news:language>", "<news:language>Türkçe</news:language>", StringComparison.Ordinal);
        Assert.NotEqual(news, wrongLanguage);
        Assert.False((await XmlLint.ValidateAsync(xmllint, wrongLanguage, XmlLint.UrlSet, folder)).Valid);
        var noTitle = Regex.Replace(news, "<news:title>[^<]*</news:title>", "");
        Assert.False((await XmlLint.ValidateAsync(xmllint, noTitle, XmlLint.UrlSet, folder)).Valid);
        var index = await GetXmlAsync(app.Reader(), "/sitemap.xml");
        Assert.False((await XmlLint.ValidateAsync(xmllint, index.Replace("<loc>", "<lok>", StringComparison.Ordinal).Replace("</loc>", "</lok>", StringComparison.Ordinal), XmlLint.SiteIndex, folder)).Valid);
    }

    [Fact]
    public async Task Monthly_sitemaps_hold_every_published_article_once_with_its_image_and_nothing_unpublished()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var api = await app.ApiClientAsync();
        var draft = await Json.ArticleAsync(api, new { title = "Taslak site haritasına girmez", category = "gundem", body = "<p>Taslak.</p>", status = "draft" });
        var scheduled = await Json.ArticleAsync(api, new { title = "Zamanlanmış haber site haritasına girmez", category = "gundem", body = "<p>Zamanlı.</p>", status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddDays(3) });
        var taken = await Json.ArticleAsync(api, new { title = "Yayından kaldırılan haber site haritasından çıkar", category = "gundem", body = "<p>Kalkacak.</p>", status = "published" });
        await reader.GetAsync("/sitemap.xml"); // cached before the takedown: the purge must reach it
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/articles/{(int)taken["id"]!}")).StatusCode);
        var fresh = await Json.ArticleAsync(api, new { title = "Yeni yayımlanan haber site haritasında", category = "gundem", body = "<p>Yeni.</p>", status = "published" });

        var index = XDocument.Parse(await GetXmlAsync(reader, "/sitemap.xml"));
        var months = index.Root!.Elements(Sm + "sitemap").Select(s => PathOf((string)s.Element(Sm + "loc")!))
            .Where(l => l.StartsWith("/sitemap-articles-", StringComparison.Ordinal)).ToList();
        var seen = new List<string>();
        var images = new List<string>();
        foreach (var month in months)
        {
            var doc = XDocument.Parse(await GetXmlAsync(reader, month));
            foreach (var url in doc.Root!.Elements(Sm + "url"))
            {
                seen.Add(PathOf((string)url.Element(Sm + "loc")!));
                Assert.Matches(W3cWithOffset(), (string)url.Element(Sm + "lastmod")!);
                if (url.Element(Image + "image")?.Element(Image + "loc") is { } image) images.Add(PathOf(image.Value));
            }
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var expected = await PublishedPathsAsync(api);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Contains((string)fresh["url"]!, seen);
        Assert.DoesNotContain((string)draft["url"]!, seen);
        Assert.DoesNotContain((string)scheduled["url"]!, seen);
        Assert.DoesNotContain((string)taken["url"]!, seen);
        // The demo articles all have pictures: the image extension names a real rendition.
        Assert.True(images.Count >= 40, $"only {images.Count} images");
        foreach (var image in images.Take(5))
        {
            var response = await reader.GetAsync(image);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/sitemap-articles-1999-01.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/sitemap-articles-2026-13.xml")).StatusCode);
    }

    [Fact]
    public async Task Category_tag_and_video_sitemaps_name_real_pages()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var categories = XDocument.Parse(await GetXmlAsync(reader, "/sitemap-categories.xml")).Root!.Elements(Sm + "url").Select(u => PathOf((string)u.Element(Sm + "loc")!)).ToList();
        Assert.Contains("/", categories);
        Assert.Contains("/gundem", categories);
        Assert.Contains("/spor", categories);
        var tags = XDocument.Parse(await GetXmlAsync(reader, "/sitemap-tags.xml")).Root!.Elements(Sm + "url").Select(u => PathOf((string)u.Element(Sm + "loc")!)).ToList();
        Assert.Contains("/etiket/eskisehir", tags);
        foreach (var page in categories.Take(6).Concat(tags.Take(4)))
            Assert.True((await reader.GetAsync(page)).StatusCode == HttpStatusCode.OK, page);

        var videos = XDocument.Parse(await GetXmlAsync(reader, "/sitemap-videos.xml")).Root!.Elements(Sm + "url").ToList();
        Assert.NotEmpty(videos);
        foreach (var url in videos)
        {
            var video = url.Element(Video + "video")!;
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(PathOf((string)url.Element(Sm + "loc")!))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(PathOf((string)video.Element(Video + "thumbnail_loc")!))).StatusCode);
            Assert.False(string.IsNullOrWhiteSpace((string?)video.Element(Video + "title")));
            Assert.False(string.IsNullOrWhiteSpace((string?)video.Element(Video + "description")));
            var content = (string?)video.Element(Video + "content_loc") ?? (string?)video.Element(Video + "player_loc");
            Assert.NotNull(content);
            if (content.StartsWith(Base, StringComparison.Ordinal))
            {
                var file = await reader.GetAsync(PathOf(content));
                Assert.Equal(HttpStatusCode.OK, file.StatusCode);
                Assert.StartsWith("video/", file.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            }
            Assert.True(int.Parse((string)video.Element(Video + "duration")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Matches(W3cWithOffset(), (string)video.Element(Video + "publication_date")!);
        }
    }

    [Fact]
    public async Task Robots_allows_the_site_keeps_crawlers_out_of_the_newsroom_and_names_the_sitemap()
    {
        var app = await fixture.AppAsync();
        var response = await app.Reader().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Allow: /", lines);
        Assert.Contains("Disallow: /yonetim", lines);
        Assert.Contains("Disallow: /giris", lines);
        Assert.Contains("Disallow: /api/", lines);
        Assert.Contains($"Sitemap: {Base}/sitemap.xml", lines);
        Assert.DoesNotContain("Disallow: /", lines);
    }

    [Fact]
    public async Task News_sitemap_holds_only_articles_first_published_in_the_last_two_days()
    {
        // Its own app on a fake clock: the two-day window is checked as time moves on.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(fixture.Database, demo: true, clock: clock);
        var reader = app.Reader();
        var api = await app.ApiClientAsync();

        async Task<List<XElement>> NewsAsync()
        {
            var doc = XDocument.Parse(await GetXmlAsync(reader, "/sitemap-news.xml"));
            return doc.Root!.Elements(Sm + "url").ToList();
        }

        var urls = await NewsAsync();
        var expected = await PublishedPathsAsync(api, p => p >= clock.GetUtcNow().AddDays(-2));
        var all = await PublishedPathsAsync(api);
        Assert.True(expected.Count > 0 && expected.Count < all.Count, $"the demo should straddle the window: {expected.Count} of {all.Count}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), urls.Select(u => PathOf((string)u.Element(Sm + "loc")!)).Order(StringComparer.Ordinal));
        foreach (var url in urls)
        {
            var news = url.Element(News + "news")!;
            Assert.Equal("Manşet Haber", (string?)news.Element(News + "publication")?.Element(News + "name"));
            Assert.Equal("tr", (string?)news.Element(News + "publication")?.Element(News + "language"));
            var date = (string)news.Element(News + "publication_date")!;
            Assert.Matches(W3cWithOffset(), date);
            Assert.EndsWith("+03:00", date, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace((string?)news.Element(News + "title")));
        }

        // A day later, and a new story: the window moves (the publication purges the cached copy).
        clock.Advance(TimeSpan.FromDays(1));
        var fresh = await Json.ArticleAsync(api, new { title = "Bir gün sonra yayımlanan haber", category = "gundem", body = "<p>Yeni.</p>", status = "published" });
        var later = (await NewsAsync()).Select(u => PathOf((string)u.Element(Sm + "loc")!)).ToList();
        var expectedLater = await PublishedPathsAsync(api, p => p >= clock.GetUtcNow().AddDays(-2));
        Assert.Contains((string)fresh["url"]!, later);
        Assert.Equal(expectedLater.Order(StringComparer.Ordinal), later.Order(StringComparer.Ordinal));
        Assert.True(later.Count < urls.Count + 1, "older stories should have left the window");
    }
}

public sealed class SitemapTestsOnSqlite(SqliteDemoApp app) : SitemapTests(app), IClassFixture<SqliteDemoApp>;
public sealed class SitemapTestsOnPostgres(PostgresDemoApp app) : SitemapTests(app), IClassFixture<PostgresDemoApp>;
