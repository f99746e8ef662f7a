using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Manset.Tests.Support;

namespace Manset.Tests.Api;

/// <summary>The content API of contract.md, on SQLite and on PostgreSQL.</summary>
public abstract class ContentApiTests(AppFixture fixture)
{
    const string PutinTitle = "Putin Kuzey Kore'de: Kararlı desteği için Kim'e teşekkür etti";

    static object Article(string category, string title = PutinTitle, string status = "published", object? extra = null) => new
    {
        title,
        spot = "Rusya Devlet Başkanı, Pyongyang'da resmi törenle karşılandı.",
        body = "<p>Ziyaret iki gün sürecek.</p><h2>İkili görüşme</h2><p>Liderler baş başa görüştü.</p>",
        category,
        tags = new[] { "Rusya", "Kuzey Kore" },
        source = "İHA",
        publishedAt = "2024-06-19T11:29:00+03:00",
        breaking = false,
        status,
    };

    [Fact]
    public async Task Categories_are_listed_created_and_refused_twice()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var slug = "k" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.PostAsync("/api/v1/categories", Json.Body(new { name = "Dünya Ekonomisi", slug }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal(slug, (string?)body["slug"]);
        Assert.Equal("Dünya Ekonomisi", (string?)body["name"]);

        var child = await api.PostAsync("/api/v1/categories", Json.Body(new { name = "Borsa İstanbul", parentSlug = slug }));
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);
        Assert.Equal("borsa-istanbul", (string?)(await Json.ReadAsync(child))["slug"]);

        var again = await api.PostAsync("/api/v1/categories", Json.Body(new { name = "Dünya Ekonomisi", slug }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        var list = (await Json.ReadAsync(await api.GetAsync("/api/v1/categories"))).AsArray();
        Assert.Contains(list, c => (string?)c!["slug"] == slug && c["parentSlug"] is null);
        Assert.Contains(list, c => (string?)c!["slug"] == "borsa-istanbul" && (string?)c["parentSlug"] == slug);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"Ok\",\"slug\":\"Büyük Harf\"}", "slug")]
    [InlineData("{\"name\":\"Ok\",\"slug\":\"yonetim\"}", "slug")]
    [InlineData("{\"name\":\"Ok\",\"parentSlug\":\"yok-boyle-bir-kategori\"}", "parentSlug")]
    [InlineData("{\"name\":5}", "name")]
    public async Task Bad_categories_get_400_naming_the_field(string json, string field)
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var response = await api.PostAsync("/api/v1/categories", Json.Raw(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("İstek geçersiz", (string?)problem["title"]);
        Assert.NotNull(problem["errors"]![field]);
    }

    /// <summary>
    /// U+FFFE is valid UTF-8 (EF BF BE) in an address and valid JSON, but Unicode normalisation refuses it, and the
    /// Turkish folding behind slugs, source names and search threw on it: a server error (found by the property tests).
    /// </summary>
    [Fact]
    public async Task Text_that_unicode_normalisation_refuses_is_taken_as_text()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/articles?source=%EF%BF%BE")).StatusCode);
        var category = await Json.CategoryAsync(api);
        var created = await Json.ArticleAsync(api, new { title = "Iğdır\uFFFEda hasat", category, status = "published", source = "İHA\uFFFE", tags = new[] { "çiğ\uFFFEsüt" } });
        Assert.EndsWith($"/{category}/igdir-da-hasat-{(int)created["id"]!}", (string?)created["url"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/arama?q=I%C4%9Fd%C4%B1r%EF%BF%BEda")).StatusCode);
    }

    [Fact]
    public async Task An_article_round_trips_with_the_contract_fields()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Dünya");
        var created = await Json.ArticleAsync(api, Article(category));
        var id = (int)created["id"]!;
        Assert.Equal($"/{category}/putin-kuzey-korede-kararli-destegi-icin-kime-tesekkur-etti-{id}", (string?)created["url"]);

        var response = await api.GetAsync($"/api/v1/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var a = await Json.ReadAsync(response);
        Assert.Equal(PutinTitle, (string?)a["title"]);
        Assert.Equal(category, (string?)a["category"]);
        Assert.Equal("İHA", (string?)a["source"]);
        Assert.Equal("published", (string?)a["status"]);
        Assert.False((bool)a["breaking"]!);
        Assert.Equal(new[] { "Rusya", "Kuzey Kore" }, a["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(DateTimeOffset.Parse("2024-06-19T11:29:00+03:00", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)a["publishedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("<h2>İkili görüşme</h2>", (string?)a["body"], StringComparison.Ordinal);
        foreach (var field in new[] { "spot", "updatedAt", "image", "media", "id", "url" }) Assert.True(a.AsObject().ContainsKey(field), field);

        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{id}");
        notModified.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await api.SendAsync(notModified)).StatusCode);
    }

    [Fact]
    public async Task Bodies_are_sanitized_but_keep_what_editors_use()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var created = await Json.ArticleAsync(api, new
        {
            title = "Temizlenmiş gövde",
            category,
            status = "draft",
            body = "<h2>Alt başlık</h2><p onmouseover=\"x()\">Metin <a href=\"javascript:alert(1)\">kötü</a> <a href=\"https://example.com\">iyi</a></p>" +
                   "<script>alert(1)</script><blockquote><p>Alıntı</p></blockquote><ul><li>madde</li></ul>" +
                   "<img src=\"https://example.com/a.jpg\" onerror=\"x()\" alt=\"a\"><iframe src=\"https://www.youtube.com/embed/xyz\"></iframe>",
        });
        var body = (string)created["body"]!;
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        foreach (var kept in new[] { "<h2>Alt başlık</h2>", "href=\"https://example.com\"", "<blockquote>", "<ul><li>madde</li></ul>", "src=\"https://example.com/a.jpg\"", "https://www.youtube.com/embed/xyz" })
            Assert.Contains(kept, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_the_html_parser_fails_on_is_saved_with_its_words()
    {
        // AngleSharp's parser throws on this markup (Infrastructure/FuzzFindingTests): it answered 500 and lost the text.
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var created = await Json.ArticleAsync(api, new
        {
            title = "Ayrıştırılamayan gövde",
            category,
            status = "draft",
            body = "<p>Valilik açıkladı<select><xmp>yollar kapalı</xmp><select>\nAkşam yeniden açılacak</p>",
        });
        Assert.Equal("<p>Valilik açıkladı yollar kapalı</p><p>Akşam yeniden açılacak</p>", (string?)created["body"]);
    }

    [Fact]
    public async Task Put_applies_and_a_stale_etag_gets_412_with_nothing_overwritten()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var id = (int)(await Json.ArticleAsync(api, Article(category)))["id"]!;
        var first = await api.GetAsync($"/api/v1/articles/{id}");
        var etag = first.Headers.ETag!;

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = Json.Body(new { title = "İlk düzeltme", category }) };
        put.Headers.IfMatch.Add(etag);
        var updated = await api.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("İlk düzeltme", (string?)(await Json.ReadAsync(updated))["title"]);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = Json.Body(new { title = "Üstüne yazma", category }) };
        stale.Headers.IfMatch.Add(etag);
        var refused = await api.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("İlk düzeltme", (string?)(await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{id}")))["title"]);

        var without = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "If-Match olmadan", category }));
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);

        var revisions = (await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{id}/revisions"))).AsArray();
        Assert.Equal(new[] { "If-Match olmadan", "İlk düzeltme", PutinTitle }, revisions.Select(r => (string?)r!["title"]));
        Assert.Equal(new[] { 3, 2, 1 }, revisions.Select(r => (int)r!["version"]!));
    }

    [Fact]
    public async Task List_filters_and_pages_newest_first()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        for (var i = 1; i <= 3; i++)
        {
            await Json.ArticleAsync(api, new { title = $"Liste haberi {i}", category, status = "published", source = i == 2 ? "aa" : "DHA", publishedAt = $"2025-01-0{i}T10:00:00+03:00" });
        }
        await Json.ArticleAsync(api, new { title = "Liste taslağı", category, status = "draft" });

        var all = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?category={category}"));
        Assert.Equal(4, (int)all["total"]!);
        var published = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?category={category}&status=published"));
        Assert.Equal(new[] { "Liste haberi 3", "Liste haberi 2", "Liste haberi 1" }, published["items"]!.AsArray().Select(x => (string?)x!["title"]));
        var aa = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?category={category}&source=AA"));
        Assert.Equal("Liste haberi 2", (string?)aa["items"]![0]!["title"]);
        var q = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?category={category}&q=taslağı"));
        Assert.Equal(1, (int)q["total"]!);
        var page2 = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles?category={category}&status=published&page=2&pageSize=2"));
        Assert.Equal("Liste haberi 1", (string?)page2["items"]![0]!["title"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/articles?status=yayinda")).StatusCode);
    }

    public static TheoryData<string, string> BadArticles => new()
    {
        { "{\"spot\":\"başlıksız\",\"category\":\"CAT\",\"status\":\"published\"}", "title" },
        { "{\"title\":\"" + new string('a', 201) + "\",\"category\":\"CAT\"}", "title" },
        { "{\"title\":\"Uzun spot\",\"spot\":\"" + new string('s', 601) + "\",\"category\":\"CAT\"}", "spot" },
        { "{\"title\":\"Kategorisiz\"}", "category" },
        { "{\"title\":\"Bilinmeyen\",\"category\":\"boyle-bir-kategori-yok\"}", "category" },
        { "{\"title\":\"Tür\",\"category\":\"CAT\",\"breaking\":\"evet\"}", "breaking" },
        { "{\"title\":\"Tür\",\"category\":\"CAT\",\"tags\":\"tek\"}", "tags" },
        { "{\"title\":\"Tür\",\"category\":\"CAT\",\"publishedAt\":\"dün\"}", "publishedAt" },
        { "{\"title\":\"Durum\",\"category\":\"CAT\",\"status\":\"yayinda\"}", "status" },
        { "{\"title\":\"Zaman\",\"category\":\"CAT\",\"status\":\"scheduled\",\"publishedAt\":\"2020-01-01T00:00:00+03:00\"}", "publishedAt" },
        { "{not json", "$" },
        { "", "$" },
    };

    [Theory]
    [MemberData(nameof(BadArticles))]
    public async Task Bad_input_gets_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var before = (int)(await Json.ReadAsync(await api.GetAsync("/api/v1/articles")))["total"]!;
        var response = await api.PostAsync("/api/v1/articles", Json.Raw(json.Replace("CAT", category, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("İstek geçersiz", (string?)problem["title"]);
        Assert.True(problem["errors"]?[field] is not null, $"errors should name '{field}': {problem}");
        Assert.Equal(before, (int)(await Json.ReadAsync(await api.GetAsync("/api/v1/articles")))["total"]!);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var response = await api.PostAsync("/api/v1/articles", Json.Body(new { title = "Dev", category, body = new string('x', 200_001) }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["body"]);
    }

    [Fact]
    public async Task No_token_401_wrong_token_401_wrong_role_403()
    {
        var app = await fixture.AppAsync();
        var anonymous = app.Reader();
        var none = await anonymous.PostAsync("/api/v1/articles", Json.Body(new { title = "x", category = "gundem" }));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Kimlik doğrulaması gerekli", (string?)(await Json.ReadAsync(none))["title"]);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mst_uydurma");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/categories")).StatusCode);

        var editor = await app.ApiClientAsync("editor");
        var category = await Json.CategoryAsync(editor);
        var muhabir = await app.ApiClientAsync("muhabir");
        var forbidden = await muhabir.PostAsync("/api/v1/articles", Json.Body(new { title = "Yayınla", category, status = "published" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Bu işlem için yetkiniz yok", (string?)(await Json.ReadAsync(forbidden))["title"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await muhabir.PostAsync("/api/v1/categories", Json.Body(new { name = "Muhabir kategorisi" }))).StatusCode);

        var draft = await Json.ArticleAsync(muhabir, new { title = "Muhabirin taslağı", category, status = "draft" });
        var id = (int)draft["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await muhabir.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "Muhabirin düzeltmesi" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync($"/api/v1/articles/{id}", Json.Body(new { status = "published" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await muhabir.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "Yayındakini değiştirme" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await muhabir.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_unpublishes_what_was_out_and_removes_drafts()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var published = await Json.ArticleAsync(api, Article(category, "Kaldırılacak haber"));
        var draft = await Json.ArticleAsync(api, Article(category, "Silinecek taslak", "draft"));
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync((string)published["url"]!)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/articles/{published["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await reader.GetAsync((string)published["url"]!)).StatusCode);
        Assert.Equal("unpublished", (string?)(await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{published["id"]}")))["status"]);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/articles/{draft["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/articles/{draft["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Media_upload_takes_real_images_and_refuses_the_rest()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent(TestImages.Png(1200, 800));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "foto.png");
        var response = await api.PostAsync("/api/v1/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = await Json.ReadAsync(response);
        Assert.Equal(1200, (int)media["width"]!);
        Assert.Equal(800, (int)media["height"]!);
        var renditions = media["renditions"]!.AsArray();
        Assert.Equal(new[] { 320, 640, 960, 1200 }, renditions.Select(r => (int)r!["width"]!));
        var image = await app.Reader().GetAsync((string)renditions[1]!["url"]!);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);

        using var fake = new MultipartFormDataContent { { new ByteArrayContent("<?php echo 1; ?>"u8.ToArray()), "file", "shell.jpg" } };
        var refused = await api.PostAsync("/api/v1/media", fake);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await Json.ReadAsync(refused))["errors"]!["file"]);

        var category = await Json.CategoryAsync(api);
        var article = await Json.ArticleAsync(api, new { title = "Görselli haber", category, status = "published", image = new { id = (int)media["id"]!, caption = "Açıklama", credit = "AA" } });
        Assert.Equal("Açıklama", (string?)article["image"]!["caption"]);
        Assert.Single(article["media"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_api_routes_and_ids_answer_problem_details_not_pages()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        foreach (var url in new[] { "/api/v1/boyle-bir-sey-yok", "/api/v1/articles/987654321" })
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bulunamadı", (string?)(await Json.ReadAsync(response))["title"]);
        }
        var wrongMethod = await api.PatchAsync("/api/v1/categories", Json.Body(new { }));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var app = await fixture.AppAsync();
        var response = await app.Reader().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Json.ReadAsync(response);
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/categories", "/api/v1/articles", "/api/v1/articles/{id}", "/api/v1/articles/{id}/revisions", "/api/v1/media" })
            Assert.True(paths.ContainsKey(path), path);
    }
}

public sealed class ContentApiTestsOnSqlite(SqliteApp app) : ContentApiTests(app), IClassFixture<SqliteApp>;
public sealed class ContentApiTestsOnPostgres(PostgresApp app) : ContentApiTests(app), IClassFixture<PostgresApp>;
