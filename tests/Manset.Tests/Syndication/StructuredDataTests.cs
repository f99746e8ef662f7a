using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Manset.Tests.Support;

namespace Manset.Tests.Syndication;

/// <summary>
/// schema.org JSON-LD of the public pages, checked generically against a table of required properties per type,
/// and the Open Graph / Twitter card tags and canonical links.
/// </summary>
public abstract partial class StructuredDataTests(AppFixture fixture)
{
    const string Base = "http://manset.test";

    /// <summary>
    /// What every node of a type must carry (Google's required and recommended properties for news sites).
    /// "a|b": one of them. A type missing from this table fails the test, so no node goes unchecked.
    /// </summary>
    static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["NewsArticle"] = ["headline", "image", "datePublished", "dateModified", "author", "publisher", "mainEntityOfPage"],
        ["BreadcrumbList"] = ["itemListElement"],
        ["ListItem"] = ["position", "name", "item"],
        ["Person"] = ["name", "url"],
        ["Organization"] = ["name"],
        ["NewsMediaOrganization"] = ["name", "url", "logo"],
        ["ImageObject"] = ["url", "width", "height"],
        ["WebSite"] = ["name", "url", "potentialAction"],
        ["SearchAction"] = ["target", "query-input"],
        ["VideoObject"] = ["name", "description", "thumbnailUrl", "uploadDate", "contentUrl|embedUrl", "duration"],
        ["CollectionPage"] = ["name", "url", "isPartOf"],
    };

    /// <summary>The types each kind of page must show.</summary>
    static readonly Dictionary<string, string[]> PageTypes = new(StringComparer.Ordinal)
    {
        ["home"] = ["NewsMediaOrganization", "WebSite", "SearchAction"],
        ["article"] = ["NewsArticle", "BreadcrumbList", "Person", "NewsMediaOrganization", "ImageObject"],
        ["category"] = ["CollectionPage", "BreadcrumbList"],
        ["video"] = ["VideoObject", "NewsMediaOrganization"],
    };

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")]
    private static partial Regex IsoWithOffset();

    static List<JsonObject> JsonLd(IHtmlDocument doc) =>
        doc.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonNode.Parse(s.TextContent)!.AsObject()).ToList();

    /// <summary>Every object with an @type, anywhere in the blocks.</summary>
    static IEnumerable<JsonObject> Typed(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["@type"] is not null) yield return o;
                foreach (var (_, value) in o) foreach (var inner in Typed(value)) yield return inner;
                break;
            case JsonArray a:
                foreach (var value in a) foreach (var inner in Typed(value)) yield return inner;
                break;
        }
    }

    static bool Present(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<string>(out var s) => !string.IsNullOrWhiteSpace(s),
        JsonArray a => a.Count > 0,
        _ => true,
    };

    /// <summary>Problems with the blocks of one page; empty when every node has what its type requires.</summary>
    internal static List<string> Check(IEnumerable<JsonObject> blocks, string page)
    {
        var problems = new List<string>();
        var blockList = blocks.ToList();
        if (blockList.Count == 0) problems.Add($"{page}: no JSON-LD");
        foreach (var block in blockList)
        {
            if ((string?)block["@context"] != "https://schema.org") problems.Add($"{page}: @context is {block["@context"]}");
        }
        var nodes = blockList.SelectMany(Typed).ToList();
        foreach (var node in nodes)
        {
            var type = (string)node["@type"]!;
            if (!Required.TryGetValue(type, out var required))
            {
                problems.Add($"{page}: no rule for @type {type}");
                continue;
            }
            foreach (var property in required)
            {
                if (!property.Split('|').Any(p => Present(node[p]))) problems.Add($"{page}: {type} lacks {property}");
            }
        }
        foreach (var type in PageTypes[page])
        {
            if (!nodes.Any(n => (string?)n["@type"] == type)) problems.Add($"{page}: no {type}");
        }
        return problems;
    }

    [Fact]
    public void The_generic_check_catches_a_missing_property_and_an_unknown_type()
    {
        var good = JsonNode.Parse("""{"@context":"https://schema.org","@type":"VideoObject","name":"a","description":"b","thumbnailUrl":["c"],"uploadDate":"d","embedUrl":"e","duration":"PT1M","publisher":{"@type":"NewsMediaOrganization","name":"n","url":"u","logo":{"@type":"ImageObject","url":"l","width":1,"height":1}}}""")!.AsObject();
        Assert.Empty(Check([good], "video"));
        var noThumbnail = good.DeepClone().AsObject();
        noThumbnail.Remove("thumbnailUrl");
        Assert.Contains("video: VideoObject lacks thumbnailUrl", Check([noThumbnail], "video"));
        var emptyName = good.DeepClone().AsObject();
        emptyName["name"] = " ";
        Assert.Contains("video: VideoObject lacks name", Check([emptyName], "video"));
        var unknown = good.DeepClone().AsObject();
        unknown["@type"] = "Movie";
        Assert.Contains("video: no rule for @type Movie", Check([unknown], "video"));
        Assert.Contains("video: no VideoObject", Check([unknown], "video"));
    }

    async Task<(IHtmlDocument Home, IHtmlDocument Article, IHtmlDocument Category, IHtmlDocument Video, string ArticlePath)> PagesAsync(HttpClient reader)
    {
        var home = await TestApp.ParseAsync(await reader.GetAsync("/"));
        // An article with an author and a picture, from the feed of a demo author.
        var articlePath = home.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .First(h => Regex.IsMatch(h, @"^/[a-z0-9-]+/[a-z0-9-]+-\d+$") && !h.StartsWith("/video/", StringComparison.Ordinal));
        var videos = await TestApp.ParseAsync(await reader.GetAsync("/video"));
        var videoPath = videos.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).First(h => Regex.IsMatch(h, @"^/video/[a-z0-9-]+-\d+$"));
        return (home, await TestApp.ParseAsync(await reader.GetAsync(articlePath)), await TestApp.ParseAsync(await reader.GetAsync("/spor")),
            await TestApp.ParseAsync(await reader.GetAsync(videoPath)), articlePath);
    }

    [Fact]
    public async Task Home_article_category_and_video_pages_carry_the_structured_data_search_engines_require()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var (home, article, category, video, articlePath) = await PagesAsync(reader);
        var problems = Check(JsonLd(home), "home").Concat(Check(JsonLd(article), "article"))
            .Concat(Check(JsonLd(category), "category")).Concat(Check(JsonLd(video), "video")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        // The values, not just their presence.
        var search = JsonLd(home).SelectMany(Typed).Single(n => (string?)n["@type"] == "SearchAction");
        Assert.Equal(Base + "/arama?q={search_term_string}", (string?)search["target"]);
        Assert.Equal("required name=search_term_string", (string?)search["query-input"]);

        var news = JsonLd(article).SelectMany(Typed).Single(n => (string?)n["@type"] == "NewsArticle");
        Assert.Equal(Base + articlePath, (string?)news["mainEntityOfPage"]);
        Assert.Equal(article.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), (string?)news["mainEntityOfPage"]);
        Assert.Matches(IsoWithOffset(), (string)news["datePublished"]!);
        Assert.Matches(IsoWithOffset(), (string)news["dateModified"]!);
        Assert.True(DateTimeOffset.Parse((string)news["dateModified"]!, System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse((string)news["datePublished"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(article.QuerySelector("h1")!.TextContent.Trim(), (string?)news["headline"]);
        var images = news["image"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal(3, images.Count);
        Assert.Equal(3, images.Distinct().Count());
        // Google's article images: 16:9, 4:3 and 1:1, each at least 50,000 pixels.
        foreach (var (image, ratio) in images.Zip(new[] { 16 / 9.0, 4 / 3.0, 1.0 }))
        {
            var response = await reader.GetAsync(new Uri(image).AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            using var picture = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(ratio, (double)picture.Width / picture.Height, 2);
            Assert.True(picture.Width * picture.Height >= 50_000, $"{image}: {picture.Width}×{picture.Height}");
        }
        foreach (var person in news["author"]!.AsArray())
        {
            var url = (string)person!["url"]!;
            Assert.Matches(@"^http://manset\.test/yazar/[a-z0-9-]+$", url);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(url).AbsolutePath)).StatusCode);
        }
        var logo = (string)news["publisher"]!["logo"]!["url"]!;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(logo).AbsolutePath)).StatusCode);

        var crumbs = JsonLd(category).SelectMany(Typed).Single(n => (string?)n["@type"] == "BreadcrumbList")["itemListElement"]!.AsArray();
        Assert.Equal(Base + "/spor", (string?)crumbs[^1]!["item"]);
        Assert.Equal(Enumerable.Range(1, crumbs.Count), crumbs.Select(c => (int)c!["position"]!));
    }

    static string? Meta(IHtmlDocument doc, string key) =>
        doc.Head!.QuerySelectorAll("meta").SingleOrDefault(m => m.GetAttribute("property") == key || m.GetAttribute("name") == key)?.GetAttribute("content");

    [Fact]
    public async Task Open_graph_and_twitter_cards_describe_each_page()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var (home, article, category, video, _) = await PagesAsync(reader);
        foreach (var (doc, type) in new[] { (home, "website"), (article, "article"), (category, "website"), (video, "video.other") })
        {
            Assert.Equal(type, Meta(doc, "og:type"));
            Assert.Equal("Manşet Haber", Meta(doc, "og:site_name"));
            Assert.Equal("tr_TR", Meta(doc, "og:locale"));
            Assert.False(string.IsNullOrWhiteSpace(Meta(doc, "og:title")));
            Assert.False(string.IsNullOrWhiteSpace(Meta(doc, "og:description")));
            Assert.Equal(doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Meta(doc, "og:url"));
            Assert.Equal("summary_large_image", Meta(doc, "twitter:card"));
            Assert.Equal(Meta(doc, "og:image"), Meta(doc, "twitter:image"));

            // og:image is a real file of the stated size.
            var image = await reader.GetAsync(new Uri(Meta(doc, "og:image")!).AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            using var bitmap = SkiaSharp.SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
            Assert.Equal(bitmap.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), Meta(doc, "og:image:width"));
            Assert.Equal(bitmap.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), Meta(doc, "og:image:height"));
        }
        Assert.Equal(article.QuerySelector("h1")!.TextContent.Trim(), Meta(article, "og:title"));
        Assert.Matches(IsoWithOffset(), Meta(article, "article:published_time")!);
        Assert.Matches(IsoWithOffset(), Meta(article, "article:modified_time")!);
        Assert.False(string.IsNullOrWhiteSpace(Meta(article, "article:section")));
        Assert.Contains("/media/", Meta(article, "og:image"), StringComparison.Ordinal);
        Assert.Contains("/media/", Meta(video, "og:image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_public_page_names_one_absolute_canonical_address()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var (_, _, _, _, articlePath) = await PagesAsync(reader);
        foreach (var page in new[] { "/", "/gundem", "/spor", articlePath, "/etiket/eskisehir", "/yazar/elif-karaca", "/video", "/son-dakika", "/kunye", "/iletisim", "/gizlilik" })
        {
            var response = await reader.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            var canonical = (await TestApp.ParseAsync(response)).Head!.QuerySelectorAll("link[rel=canonical]").Select(l => l.GetAttribute("href")).ToList();
            Assert.True(canonical.Count == 1, $"{page}: {canonical.Count} canonical links");
            Assert.Equal(Base + page, canonical[0]);
        }
    }
}

public sealed class StructuredDataTestsOnSqlite(SqliteDemoApp app) : StructuredDataTests(app), IClassFixture<SqliteDemoApp>;
public sealed class StructuredDataTestsOnPostgres(PostgresDemoApp app) : StructuredDataTests(app), IClassFixture<PostgresDemoApp>;
