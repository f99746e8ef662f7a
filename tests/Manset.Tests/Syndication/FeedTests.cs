using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Manset.Tests.Support;

namespace Manset.Tests.Syndication;

/// <summary>
/// RSS 2.0 feeds, read by an independent parser (System.ServiceModel.Syndication's Rss20FeedFormatter, strict about
/// the RSS 2.0 structure and RFC 822 dates) and checked element by element.
/// </summary>
public abstract class FeedTests(AppFixture fixture)
{
    const string Base = "http://manset.test";
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    sealed record Feed(SyndicationFeed Parsed, XDocument Raw, string Text);

    static async Task<Feed> FeedAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var formatter = new Rss20FeedFormatter();
        using (var xml = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            Assert.True(formatter.CanRead(xml), $"{path} is not RSS 2.0");
            formatter.ReadFrom(xml);
        }
        return new Feed(formatter.Feed, XDocument.Parse(text), text);
    }

    static List<string> Titles(Feed feed) => feed.Parsed.Items.Select(i => i.Title.Text).ToList();

    static string PathOf(Uri uri)
    {
        Assert.Equal(Base + "/", uri.GetLeftPart(UriPartial.Authority) + "/");
        return uri.AbsolutePath;
    }

    [Fact]
    public async Task Site_feed_is_rss_20_with_permalinks_dates_categories_authors_and_real_enclosures()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var feed = await FeedAsync(reader, "/rss");
        var channel = feed.Raw.Root!.Element("channel")!;
        Assert.Equal("2.0", (string?)feed.Raw.Root!.Attribute("version"));
        Assert.Equal("Manşet Haber", feed.Parsed.Title.Text);
        Assert.Equal("tr", feed.Parsed.Language);
        var self = channel.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.Equal(Base + "/rss", (string?)self.Attribute("href"));
        Assert.Equal("application/rss+xml", (string?)self.Attribute("type"));

        var items = feed.Parsed.Items.ToList();
        Assert.InRange(items.Count, 40, 50);
        var dates = items.Select(i => i.PublishDate).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.All(dates, d => Assert.NotEqual(default, d));

        var rawItems = channel.Elements("item").ToList();
        var enclosures = 0;
        var creators = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var link = item.Links.Single(l => l.RelationshipType is null or "alternate").Uri;
            Assert.True(link.IsAbsoluteUri);
            Assert.Equal(link.ToString(), item.Id);
            Assert.Equal("true", (string?)rawItems[i].Element("guid")!.Attribute("isPermaLink"));
            Assert.False(string.IsNullOrWhiteSpace(item.Summary?.Text));
            Assert.NotEmpty(item.Categories);
            if (rawItems[i].Elements(Dc + "creator").Any()) creators++;
            if (i < 5) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(PathOf(link))).StatusCode);

            if (item.Links.SingleOrDefault(l => l.RelationshipType == "enclosure") is { } enclosure)
            {
                enclosures++;
                Assert.Equal("image/jpeg", enclosure.MediaType);
                if (enclosures <= 5)
                {
                    var image = await reader.GetAsync(PathOf(enclosure.Uri));
                    Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                    Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(enclosure.Length, (await image.Content.ReadAsByteArrayAsync()).LongLength);
                }
            }
        }
        Assert.True(enclosures >= 40, $"only {enclosures} enclosures");
        // Every demo article has a byline (articles other tests add through the API may not).
        Assert.True(creators >= 40, $"only {creators} dc:creator");
        // Spot only, unless asked for the full text.
        Assert.DoesNotContain("content:encoded", feed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_text_comes_with_tam_1_and_links_are_absolute()
    {
        var app = await fixture.AppAsync();
        var feed = await FeedAsync(app.Reader(), "/rss?tam=1");
        var items = feed.Raw.Root!.Element("channel")!.Elements("item").ToList();
        Assert.NotEmpty(items);
        Assert.Equal(Base + "/rss?tam=1", (string?)feed.Raw.Root!.Element("channel")!.Elements(Atom + "link").Single().Attribute("href"));
        foreach (var item in items)
        {
            var html = (string?)item.Element(Content + "encoded");
            Assert.False(string.IsNullOrWhiteSpace(html));
            Assert.Contains("<p>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"/", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_published_articles_reach_the_feeds_and_a_takedown_leaves_them_at_once()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var api = await app.ApiClientAsync();
        var tag = "besleme" + Guid.NewGuid().ToString("N")[..8];
        // Cached before the writes below: the purge on publishing must reach the feeds.
        await FeedAsync(reader, "/rss");
        await FeedAsync(reader, "/rss/spor");

        await Json.ArticleAsync(api, new { title = "Taslak haber beslemeye girmez", category = "spor", tags = new[] { tag }, body = "<p>Taslak.</p>", status = "draft" });
        await Json.ArticleAsync(api, new { title = "Zamanlanmış haber beslemeye girmez", category = "spor", tags = new[] { tag }, body = "<p>Sonra.</p>", status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddDays(2) });
        var published = await Json.ArticleAsync(api, new { title = "Yayımlanan haber beslemede", category = "spor", tags = new[] { tag }, body = "<p>Şimdi.</p>", status = "published" });

        foreach (var path in new[] { "/rss", "/rss/spor", "/rss/etiket/" + tag })
        {
            var titles = Titles(await FeedAsync(reader, path));
            Assert.Contains("Yayımlanan haber beslemede", titles);
            Assert.DoesNotContain("Taslak haber beslemeye girmez", titles);
            Assert.DoesNotContain("Zamanlanmış haber beslemeye girmez", titles);
        }
        Assert.Single(Titles(await FeedAsync(reader, "/rss/etiket/" + tag)));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/articles/{(int)published["id"]!}")).StatusCode);
        foreach (var path in new[] { "/rss", "/rss/spor", "/rss/etiket/" + tag })
            Assert.DoesNotContain("Yayımlanan haber beslemede", Titles(await FeedAsync(reader, path)));
    }

    [Fact]
    public async Task A_category_feed_includes_its_subcategories_and_nothing_else()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var api = await app.ApiClientAsync();
        var parent = await Json.CategoryAsync(api, "Ana Bölüm");
        var child = "k" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/categories", Json.Body(new { name = "Alt Bölüm", slug = child, parentSlug = parent }))).StatusCode);
        await Json.ArticleAsync(api, new { title = "Alt kategorideki haber", category = child, body = "<p>Alt.</p>", status = "published" });
        await Json.ArticleAsync(api, new { title = "Ana kategorideki haber", category = parent, body = "<p>Ana.</p>", status = "published" });

        var parentFeed = await FeedAsync(reader, "/rss/" + parent);
        Assert.Equal(["Ana kategorideki haber", "Alt kategorideki haber"], Titles(parentFeed));
        Assert.Equal(Base + "/" + parent, parentFeed.Parsed.Links.Single(l => l.RelationshipType is null or "alternate").Uri.ToString());
        Assert.Equal(["Alt kategorideki haber"], Titles(await FeedAsync(reader, "/rss/" + child)));
        Assert.Equal(["Alt Bölüm"], (await FeedAsync(reader, "/rss/" + child)).Parsed.Items.Single().Categories.Select(c => c.Name));

        // The demo's sport section: every item is in spor or below it.
        var sport = await FeedAsync(reader, "/rss/spor");
        Assert.NotEmpty(sport.Parsed.Items);
        var sportSlugs = (await Json.ReadAsync(await api.GetAsync("/api/v1/categories"))).AsArray()
            .Where(c => (string?)c!["slug"] == "spor" || (string?)c!["parentSlug"] == "spor").Select(c => (string)c!["slug"]!).ToHashSet();
        Assert.All(sport.Parsed.Items, i => Assert.Contains(i.Links[0].Uri.AbsolutePath.Split('/')[1], sportSlugs));
    }

    [Fact]
    public async Task Author_and_tag_feeds_hold_that_authors_and_that_tags_articles()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var author = await FeedAsync(reader, "/rss/yazar/elif-karaca");
        Assert.NotEmpty(author.Parsed.Items);
        foreach (var item in author.Raw.Root!.Element("channel")!.Elements("item"))
            Assert.Contains("Elif Karaca", item.Elements(Dc + "creator").Select(c => c.Value));
        Assert.Equal(Base + "/rss/yazar/elif-karaca", (string?)author.Raw.Root!.Element("channel")!.Element(Atom + "link")!.Attribute("href"));

        var tag = await FeedAsync(reader, "/rss/etiket/eskisehir");
        Assert.NotEmpty(tag.Parsed.Items);
        var first = await TestApp.ParseAsync(await reader.GetAsync(PathOf(tag.Parsed.Items.First().Links[0].Uri)));
        Assert.Contains(first.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/etiket/eskisehir");
    }

    [Theory]
    [InlineData("/rss/boyle-bir-kategori-yok")]
    [InlineData("/rss/yazar/boyle-bir-yazar-yok")]
    [InlineData("/rss/etiket/boyle-bir-etiket-yok")]
    public async Task Unknown_slugs_are_404(string path)
    {
        var app = await fixture.AppAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/spor", "/rss/spor")]
    [InlineData("/yazar/elif-karaca", "/rss/yazar/elif-karaca")]
    [InlineData("/etiket/eskisehir", "/rss/etiket/eskisehir")]
    public async Task Pages_announce_the_site_feed_and_their_own(string page, string? own)
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var doc = await TestApp.ParseAsync(await reader.GetAsync(page));
        var feeds = doc.Head!.QuerySelectorAll("link[rel=alternate][type='application/rss+xml']").Select(l => l.GetAttribute("href")!).ToList();
        var expected = own is null ? new[] { Base + "/rss" } : [Base + "/rss", Base + own];
        Assert.Equal(expected, feeds);
        foreach (var feed in feeds) await FeedAsync(reader, new Uri(feed).PathAndQuery);
    }
}

public sealed class FeedTestsOnSqlite(SqliteDemoApp app) : FeedTests(app), IClassFixture<SqliteDemoApp>;
public sealed class FeedTestsOnPostgres(PostgresDemoApp app) : FeedTests(app), IClassFixture<PostgresDemoApp>;
