using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Manset.Tests.Support;

namespace Manset.Tests.Site;

/// <summary>The article page as a reader gets it: anatomy, order, dates, redirects, caching.</summary>
public abstract class ArticlePageTests(AppFixture fixture)
{
    const string Title = "Putin Kuzey Kore'de: Kararlı desteği için Kim'e teşekkür etti";

    static object Putin(string category) => new
    {
        title = Title,
        spot = "Rusya Devlet Başkanı, Pyongyang'da resmi törenle karşılandı.",
        body = "<p>Ziyaret iki gün sürecek.</p><h2>İkili görüşme</h2><p>Liderler baş başa görüştü.</p><blockquote><p>\"Desteğiniz için teşekkür ederiz\"</p></blockquote><h2>Anlaşmalar</h2><p>Dört belge imzalandı.</p>",
        category,
        tags = new[] { "Rusya", "Kuzey Kore" },
        source = "İHA",
        publishedAt = "2024-06-19T11:29:00+03:00",
        breaking = false,
        status = "published",
    };

    [Fact]
    public async Task Renders_the_anatomy_of_a_Turkish_news_page_in_order()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Dünya");
        var article = await Json.ArticleAsync(api, Putin(category));
        var id = (int)article["id"]!;
        var url = $"/{category}/putin-kuzey-korede-kararli-destegi-icin-kime-tesekkur-etti-{id}";
        Assert.Equal(url, (string?)article["url"]);

        var response = await app.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var doc = await TestApp.ParseAsync(response);

        Assert.Equal("tr", doc.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith(Title, doc.Title, StringComparison.Ordinal);
        Assert.Equal($"http://manset.test{url}", doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal(Title, doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("19 Haziran 2024 Çarşamba - 11:29", html, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector(".updated"));

        var crumbs = doc.QuerySelectorAll(".breadcrumb li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(new[] { "Haber", "Dünya", Title }, crumbs);

        // The elements a reader meets, in the order of the issue.
        var order = new[]
        {
            doc.QuerySelector(".band"), doc.QuerySelector(".breadcrumb"), doc.QuerySelector("h1"), doc.QuerySelector(".dateline"),
            doc.QuerySelector(".story .spot"), doc.QuerySelector(".body"), doc.QuerySelector(".source"), doc.QuerySelector(".reactions"),
            doc.QuerySelector(".tags"), doc.QuerySelector(".aside"), doc.QuerySelector("footer"),
        };
        Assert.All(order, Assert.NotNull);
        for (var i = 1; i < order.Length; i++)
        {
            Assert.True(order[i - 1]!.CompareDocumentPosition(order[i]!).HasFlag(DocumentPositions.Following),
                $"{order[i - 1]!.ClassName ?? order[i - 1]!.LocalName} should come before {order[i]!.ClassName ?? order[i]!.LocalName}");
        }
        Assert.Equal("SON DAKİKA", doc.QuerySelector(".band-label")!.TextContent.Trim());
        Assert.Equal(new[] { "İkili görüşme", "Anlaşmalar" }, doc.QuerySelectorAll(".body h2").Select(h => h.TextContent));
        Assert.NotNull(doc.QuerySelector(".body blockquote"));
        Assert.Equal("Kaynak: İHA", doc.QuerySelector(".source")!.TextContent.Trim());
        Assert.True(doc.QuerySelector(".body")!.CompareDocumentPosition(doc.QuerySelector(".source")!).HasFlag(DocumentPositions.Following));
        Assert.Equal(new[] { "Beğendim", "Sevdim", "Beğenmedim", "Üzgün", "İnanılmaz" }, doc.QuerySelectorAll(".reactions .label").Select(l => l.TextContent));
        Assert.All(doc.QuerySelectorAll(".reactions .count"), c => Assert.Equal("0", c.TextContent));
        Assert.Equal(new[] { "Rusya", "Kuzey Kore" }, doc.QuerySelectorAll(".tags a").Select(a => a.TextContent));
        Assert.Equal("ÇOK OKUNANLAR", doc.QuerySelector("#aside-most-read")?.TextContent.Trim());
        Assert.Contains("© ", doc.QuerySelector("footer .copyright")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Manşet Haber", doc.QuerySelector("footer .copyright")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("footer .kunye"));
        Assert.Contains(doc.QuerySelectorAll("a[href='/giris']"), a => a.TextContent.Trim() == "Giriş Yap");

        var jsonLd = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var graph = jsonLd.RootElement.GetProperty("@graph");
        var news = graph.EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(Title, news.GetProperty("headline").GetString());
        Assert.Equal("2024-06-19T11:29:00+03:00", news.GetProperty("datePublished").GetString());
        var breadcrumb = graph.EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "BreadcrumbList");
        Assert.Equal(3, breadcrumb.GetProperty("itemListElement").GetArrayLength());
    }

    [Fact]
    public async Task Old_slugs_and_categories_answer_301_to_the_canonical_url()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Dünya");
        var other = await Json.CategoryAsync(api, "Gündem");
        var article = await Json.ArticleAsync(api, Putin(category));
        var id = (int)article["id"]!;
        var oldUrl = (string)article["url"]!;

        var renamed = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "Putin Pyongyang'dan ayrıldı", category = other }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var newUrl = $"/{other}/putin-pyongyangdan-ayrildi-{id}";

        var reader = app.Reader();
        foreach (var stale in new[] { oldUrl, $"/{category}/putin-pyongyangdan-ayrildi-{id}", $"/{other}/baska-bir-slug-{id}" })
        {
            var response = await reader.GetAsync(stale);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(newUrl, response.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(newUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{other}/putin-pyongyangdan-ayrildi-{id + 100000}")).StatusCode);
    }

    [Fact]
    public async Task An_edit_shows_on_the_next_request_although_pages_are_cached()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Dünya");
        var article = await Json.ArticleAsync(api, Putin(category));
        var id = (int)article["id"]!;
        var url = (string)article["url"]!;
        var reader = app.Reader();

        var first = await (await reader.GetAsync(url)).Content.ReadAsStringAsync();
        var again = await reader.GetAsync(url);
        Assert.True(again.Headers.Age.HasValue, "the second request should be served from the output cache");
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        var categoryPage = await (await reader.GetAsync($"/{category}")).Content.ReadAsStringAsync();
        Assert.Contains("Kararlı desteği", categoryPage, StringComparison.Ordinal);

        var edited = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { spot = "Ziyaretin ikinci gününde iki lider ortak bildiri yayımladı.", body = "<p>Güncellenen metin.</p>" }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var response = await reader.GetAsync(url);
        Assert.False(response.Headers.Age.HasValue, "the edit should have evicted the cached page");
        var doc = await TestApp.ParseAsync(response);
        Assert.Equal("Ziyaretin ikinci gününde iki lider ortak bildiri yayımladı.", doc.QuerySelector(".story .spot")!.TextContent);
        Assert.Equal("Güncellenen metin.", doc.QuerySelector(".body")!.TextContent.Trim());
        Assert.StartsWith("Güncelleme: ", doc.QuerySelector(".updated")!.TextContent.Trim(), StringComparison.Ordinal);

        var retitled = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "Kim ile Putin ortak bildiri yayımladı" }));
        Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);
        var categoryAfter = await (await reader.GetAsync($"/{category}")).Content.ReadAsStringAsync();
        Assert.Contains("Kim ile Putin ortak bildiri yayımladı", categoryAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_not_public()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var draft = await Json.ArticleAsync(api, new { title = "Gizli taslak", category, status = "draft" });
        var scheduled = await Json.ArticleAsync(api, new { title = "Yarın çıkacak", category, status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal("scheduled", (string?)scheduled["status"]);
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync((string)draft["url"]!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync((string)scheduled["url"]!)).StatusCode);
        var listing = await (await reader.GetAsync($"/{category}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Gizli taslak", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_stories_share_the_most_tags_then_are_the_latest_published()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var (a, b, c) = ($"Baraj {Guid.NewGuid():N}", $"Sulama {Guid.NewGuid():N}", $"Kuraklık {Guid.NewGuid():N}");
        async Task<int> Story(string title, string[] tags, string publishedAt, string status = "published") =>
            (int)(await Json.ArticleAsync(api, new { title, category, tags, status, publishedAt }))["id"]!;

        // Made in this order (ids grow), published in another: within the same number of shared tags the newest
        // publication comes first, whatever the ids say; more shared tags beat newer stories; drafts never appear.
        var three = await Story("Üç etiket ortak", [a, b, c], "2024-05-01T09:00:00+03:00");
        var twoLater = await Story("İki etiket, sonra yayımlanan", [a, b], "2024-05-20T09:00:00+03:00");
        var twoEarlier = await Story("İki etiket, önce yayımlanan", [b, c], "2024-05-10T09:00:00+03:00");
        var one = await Story("Bir etiket, en yeni", [c], "2024-06-01T09:00:00+03:00");
        await Story("Taslak, üç etiket", [a, b, c], "2024-06-02T09:00:00+03:00", "draft");
        var main = await Json.ArticleAsync(api, new { title = "Barajlarda doluluk", category, tags = new[] { a, b, c }, status = "published", publishedAt = "2024-06-03T09:00:00+03:00" });

        var doc = await TestApp.ParseAsync(await app.Reader().GetAsync((string)main["url"]!));
        var related = doc.QuerySelectorAll(".related a[href]")
            .Select(l => System.Text.RegularExpressions.Regex.Match(l.GetAttribute("href")!, "-([0-9]+)$"))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();
        Assert.Equal([three, twoLater, twoEarlier, one], related);
    }

    [Fact]
    public async Task Breaking_news_enters_the_band_on_every_page_at_once()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var reader = app.Reader();
        var calm = await Json.ArticleAsync(api, new { title = "Sakin bir gün", category, status = "published" });
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync((string)calm["url"]!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);

        await Json.ArticleAsync(api, new { title = "Son dakika: Barajda su seviyesi yükseldi", category, status = "published", breaking = true });
        foreach (var page in new[] { (string)calm["url"]!, "/" })
        {
            var doc = await TestApp.ParseAsync(await reader.GetAsync(page));
            Assert.Contains(doc.QuerySelectorAll(".band li a"), a => a.TextContent == "Son dakika: Barajda su seviyesi yükseldi");
        }
    }
}

public sealed class ArticlePageTestsOnSqlite(SqliteApp app) : ArticlePageTests(app), IClassFixture<SqliteApp>;
public sealed class ArticlePageTestsOnPostgres(PostgresApp app) : ArticlePageTests(app), IClassFixture<PostgresApp>;
