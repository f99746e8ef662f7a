using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Manset.Tests.Support;

namespace Manset.Tests.Site;

/// <summary>Every public page type, on the demo newspaper, on SQLite and PostgreSQL.</summary>
public abstract partial class SitePagesTests(AppFixture fixture)
{
    [GeneratedRegex(@"^/[a-z0-9-]+/[a-z0-9-]+-\d+$")]
    private static partial Regex ArticleUrl();

    static async Task<IHtmlDocument> PageAsync(HttpClient reader, string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await reader.GetAsync(url);
        Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var doc = await TestApp.ParseAsync(response);
        Assert.Equal("tr", doc.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(doc.Title), $"{url} has no title");
        return doc;
    }

    static void ImagesHaveDimensions(IHtmlDocument doc)
    {
        foreach (var img in doc.QuerySelectorAll("img"))
        {
            Assert.False(string.IsNullOrEmpty(img.GetAttribute("width")), img.OuterHtml);
            Assert.False(string.IsNullOrEmpty(img.GetAttribute("height")), img.OuterHtml);
            Assert.NotNull(img.GetAttribute("alt"));
        }
    }

    [Fact]
    public async Task Home_is_a_living_newspaper_linking_at_least_20_articles_that_each_render()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var home = await PageAsync(reader, "/");
        ImagesHaveDimensions(home);
        Assert.True(home.QuerySelectorAll(".manset .slide").Length >= 3, "manşet slider");
        Assert.Equal(home.QuerySelectorAll(".manset .slide").Length, home.QuerySelectorAll(".manset .dots a").Length);
        Assert.True(home.QuerySelectorAll(".surmanset .card").Length >= 3, "sürmanşet");
        Assert.Equal("Son Haberler", home.QuerySelector("#latest-title")?.TextContent);
        Assert.True(home.QuerySelectorAll(".category-block").Length >= 8, "a block per main category");
        Assert.Equal("VİDEO", home.QuerySelector("#aside-video")?.TextContent.Trim());
        Assert.Equal("ÇOK OKUNANLAR", home.QuerySelector("#aside-most-read")?.TextContent.Trim());
        Assert.True(home.QuerySelectorAll(".band li").Length >= 1, "breaking band");
        Assert.True(home.QuerySelectorAll(".manset img").All(i => i.HasAttribute("srcset")));

        var links = home.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Where(h => ArticleUrl().IsMatch(h) && !h.StartsWith("/video/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(links.Count >= 20, $"home links {links.Count} articles");
        foreach (var link in links)
        {
            var doc = await PageAsync(reader, link);
            Assert.Single(doc.QuerySelectorAll("h1"));
            Assert.Matches(@"^\d{1,2} (Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık) \d{4} (Pazartesi|Salı|Çarşamba|Perşembe|Cuma|Cumartesi|Pazar) - \d{2}:\d{2}$",
                doc.QuerySelector(".dateline time")!.TextContent);
            foreach (var part in new[] { ".band", ".breadcrumb", ".story .spot", ".body", ".source", ".reactions", ".tags", ".related", "#aside-video", "#aside-most-read", "footer .kunye" })
                Assert.True(doc.QuerySelector(part) is not null, $"{link} lacks {part}");
            Assert.True(doc.QuerySelectorAll(".body p").Length >= 3, $"{link} body");
            Assert.NotNull(doc.QuerySelector("script[type='application/ld+json']"));
            ImagesHaveDimensions(doc);
        }
    }

    [Fact]
    public async Task Category_pages_page_and_show_sub_categories()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var spor = await PageAsync(reader, "/spor");
        Assert.Equal("Spor", spor.QuerySelector("h1")!.TextContent);
        Assert.Equal(new[] { "Futbol", "Basketbol" }, spor.QuerySelectorAll(".subcategories a").Select(a => a.TextContent));
        Assert.True(spor.QuerySelectorAll(".list .card").Length >= 7, "a parent lists its children's news");
        var futbol = await PageAsync(reader, "/futbol");
        Assert.Equal(new[] { "Haber", "Spor", "Futbol" }, futbol.QuerySelectorAll(".breadcrumb li").Select(li => li.TextContent.Trim()));

    }

    [Fact]
    public async Task Long_lists_page_with_sayfa()
    {
        // Its own app: the demo newspaper of the shared one stays as it was written.
        _ = await fixture.AppAsync();
        await using var app = await TestApp.StartAsync(fixture.Database);
        var reader = app.Reader();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Sayfalı");
        for (var i = 0; i < 23; i++) await Json.ArticleAsync(api, new { title = $"Sayfa haberi {i:00}", category, status = "published", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-i) });
        var first = await PageAsync(reader, $"/{category}");
        Assert.Equal(20, first.QuerySelectorAll(".list .card").Length);
        Assert.Equal($"/{category}?sayfa=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        var second = await PageAsync(reader, $"/{category}?sayfa=2");
        Assert.Equal(new[] { "Sayfa haberi 20", "Sayfa haberi 21", "Sayfa haberi 22" }, second.QuerySelectorAll(".list .card h2").Select(h => h.TextContent.Trim()));
        Assert.Equal($"http://manset.test/{category}?sayfa=2", second.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        await PageAsync(reader, $"/{category}?sayfa=3", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await reader.GetAsync($"/{category}?sayfa=abc")).StatusCode);
    }

    [Fact]
    public async Task Category_urls_are_canonicalised()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var upper = await reader.GetAsync("/Kültür-Sanat");
        Assert.Equal(HttpStatusCode.MovedPermanently, upper.StatusCode);
        Assert.Equal("/kultur-sanat", upper.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Tag_author_video_and_breaking_pages()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var tag = await PageAsync(reader, "/etiket/eskisehir");
        Assert.Equal("Eskişehir", tag.QuerySelector("h1")!.TextContent);
        Assert.True(tag.QuerySelectorAll(".list .card").Length >= 5);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await reader.GetAsync("/etiket/Eskişehir")).StatusCode);

        var author = await PageAsync(reader, "/yazar/murat-demirtas");
        Assert.Equal("Murat Demirtaş", author.QuerySelector("h1")!.TextContent);
        Assert.True(author.QuerySelectorAll(".list .card").Length >= 1);
        await PageAsync(reader, "/yazar/olmayan-yazar", HttpStatusCode.NotFound);

        var videos = await PageAsync(reader, "/video");
        var videoLinks = videos.QuerySelectorAll(".video-card a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(6, videoLinks.Count);
        var video = await PageAsync(reader, videoLinks[0]);
        var source = video.QuerySelector("video source")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(source)).StatusCode);
        Assert.NotNull(video.QuerySelector("video")!.GetAttribute("poster"));
        var id = videoLinks[0][(videoLinks[0].LastIndexOf('-') + 1)..];
        var wrongSlug = await reader.GetAsync($"/video/eski-ad-{id}");
        Assert.Equal(HttpStatusCode.MovedPermanently, wrongSlug.StatusCode);

        var breaking = await PageAsync(reader, "/son-dakika");
        Assert.Equal("SON DAKİKA", breaking.QuerySelector("h1")!.TextContent);
        Assert.True(breaking.QuerySelectorAll(".list .card").Length >= 3);
    }

    [Theory]
    [InlineData("/kunye", "Künye")]
    [InlineData("/iletisim", "İletişim")]
    [InlineData("/gizlilik", "Gizlilik ve Kişisel Verilerin Korunması")]
    public async Task Static_pages(string url, string heading)
    {
        var app = await fixture.AppAsync();
        var doc = await PageAsync(app.Reader(), url);
        Assert.Equal(heading, doc.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Masthead_shows_the_publishers_lines()
    {
        var app = await fixture.AppAsync();
        var doc = await PageAsync(app.Reader(), "/kunye");
        var labels = doc.QuerySelectorAll(".masthead-list dt").Select(d => d.TextContent).ToList();
        Assert.Contains("Genel Yayın Yönetmeni", labels);
        Assert.Contains("Sorumlu Yazı İşleri Müdürü", labels);
    }

    [Fact]
    public async Task Unknown_pages_get_a_Turkish_404()
    {
        var app = await fixture.AppAsync();
        var doc = await PageAsync(app.Reader(), "/boyle-bir-sayfa-yok/hic-yok-123", HttpStatusCode.NotFound);
        Assert.Equal("Sayfa bulunamadı", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        await PageAsync(app.Reader(), "/bilinmeyen-kategori", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Server_errors_get_a_Turkish_page_that_needs_no_database()
    {
        var app = await fixture.AppAsync();
        var response = await app.Reader().GetAsync("/hata/500");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var doc = await TestApp.ParseAsync(response);
        Assert.Equal("Bir sorun oluştu", doc.QuerySelector("h1")!.TextContent);
        Assert.Null(doc.QuerySelector(".band"));
    }

    [Fact]
    public async Task Health_answers_and_names_the_database()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health")).StatusCode);
        var ready = await Json.ReadAsync(await reader.GetAsync("/health/ready"));
        var expected = app.Database == Db.Postgres ? "postgres" : "sqlite";
        Assert.StartsWith(expected, (string?)ready["checks"]!["database"]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_pages_carry_no_per_reader_state()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        foreach (var url in new[] { "/", "/gundem", "/etiket/eskisehir", "/video" })
        {
            var response = await reader.GetAsync(url);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        }
        var home = await TestApp.ParseAsync(await reader.GetAsync("/"));
        var article = home.QuerySelectorAll(".latest a").First().GetAttribute("href")!;
        var page = await reader.GetAsync(article);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SitePagesTestsOnSqlite(SqliteDemoApp app) : SitePagesTests(app), IClassFixture<SqliteDemoApp>;
public sealed class SitePagesTestsOnPostgres(PostgresDemoApp app) : SitePagesTests(app), IClassFixture<PostgresDemoApp>;
