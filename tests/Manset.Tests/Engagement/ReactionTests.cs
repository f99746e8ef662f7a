using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Manset.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Engagement;

/// <summary>Reactions: one per reader per article, moved, taken back, protected, limited, exact under concurrency.</summary>
public abstract class ReactionTests(Db db)
{
    static async Task<(TestApp App, int Id, string Url)> ArticleAsync(Db db, FakeTimeProvider? clock = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var app = await TestApp.StartAsync(db, clock: clock, configure: configure);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var article = await Json.ArticleAsync(api, new { title = "Tepki denemesi", category, status = "published" });
        return (app, (int)article["id"]!, (string)article["url"]!);
    }

    static async Task<HttpResponseMessage> ReactAsync(HttpClient reader, int id, string reaction, bool json = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", reaction)]) };
        if (json) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await reader.SendAsync(request);
    }

    static async Task<JsonNode> CountsAsync(TestApp app, int id)
    {
        // No waiting: the counts endpoint is cached, but every reaction evicts it.
        return (await Json.ReadAsync(await app.Reader().GetAsync($"/tepki/{id}")))["counts"]!;
    }

    [Fact]
    public async Task One_reaction_per_reader_moved_and_taken_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (app, id, url) = await ArticleAsync(db, clock);
        await using var _ = app;
        var first = await app.BrowserReaderAsync(url);
        var second = await app.BrowserReaderAsync(url);

        var liked = await Json.ReadAsync(await ReactAsync(first, id, "begendim"));
        Assert.Equal(1, (long)liked["counts"]!["begendim"]!);
        Assert.Equal("begendim", (string?)liked["mine"]);

        var loved = await Json.ReadAsync(await ReactAsync(second, id, "sevdim"));
        Assert.Equal(1, (long)loved["counts"]!["sevdim"]!);
        Assert.Equal(1, (long)loved["counts"]!["begendim"]!);

        clock.Advance(TimeSpan.FromSeconds(10));
        var moved = await Json.ReadAsync(await ReactAsync(first, id, "uzgun"));
        Assert.Equal(0, (long)moved["counts"]!["begendim"]!);
        Assert.Equal(1, (long)moved["counts"]!["uzgun"]!);
        Assert.Equal("uzgun", (string?)moved["mine"]);

        clock.Advance(TimeSpan.FromSeconds(10));
        var back = await Json.ReadAsync(await ReactAsync(first, id, "uzgun"));
        Assert.Equal(0, (long)back["counts"]!["uzgun"]!);
        Assert.Null((string?)back["mine"]);

        var counts = await CountsAsync(app, id);
        Assert.Equal(new long[] { 0, 1, 0, 0, 0 }, new[] { "begendim", "sevdim", "begenmedim", "uzgun", "inanilmaz" }.Select(k => (long)counts[k]!));
    }

    [Fact]
    public async Task Without_javascript_the_post_redirects_to_a_fresh_copy_with_the_readers_choice()
    {
        var (app, id, url) = await ArticleAsync(db);
        await using var _ = app;
        var reader = await app.BrowserReaderAsync(url);
        var cached = await app.Reader().GetAsync(url); // fill the shared cache first
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);

        var posted = await ReactAsync(reader, id, "begendim", json: false);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"{url}?tepki=begendim#tepkiler", posted.Headers.Location?.OriginalString);

        var page = await reader.GetAsync($"{url}?tepki=begendim");
        Assert.False(page.Headers.Age.HasValue, "the reader's copy is not from the cache");
        var doc = await TestApp.ParseAsync(page);
        var like = doc.QuerySelector("button[value=begendim]")!;
        Assert.Equal("true", like.GetAttribute("aria-pressed"));
        Assert.Equal("1", like.QuerySelector(".count")!.TextContent);
        Assert.Equal("Tepkiniz kaydedildi.", doc.QuerySelector(".reactions .note")!.TextContent);
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));

        // Everyone else still gets the shared page, without anyone's choice in it.
        var shared = await TestApp.ParseAsync(await app.Reader().GetAsync(url));
        Assert.All(shared.QuerySelectorAll(".reactions button"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Cross_site_posts_and_readers_without_a_cookie_are_refused()
    {
        var (app, id, url) = await ArticleAsync(db);
        await using var _ = app;

        var stranger = app.Reader();
        stranger.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        var noCookie = await ReactAsync(stranger, id, "begendim");
        Assert.Equal(HttpStatusCode.Forbidden, noCookie.StatusCode);

        var reader = await app.BrowserReaderAsync(url);
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
        crossSite.Headers.Remove("Sec-Fetch-Site");
        reader.DefaultRequestHeaders.Remove("Sec-Fetch-Site");
        reader.DefaultRequestHeaders.Remove("Origin");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(crossSite)).StatusCode);

        var evilOrigin = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
        evilOrigin.Headers.Add("Origin", "https://kotu-site.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(evilOrigin)).StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
        forged.Headers.Add("Sec-Fetch-Site", "same-origin");
        forged.Headers.Add("Cookie", ".Manset.Okur=uydurma-deger");
        forged.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Reader().SendAsync(forged)).StatusCode);

        // Without JavaScript the same refusal sends the reader back to the article with an explanation.
        var plain = await ReactAsync(stranger, id, "begendim", json: false);
        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        Assert.EndsWith("?tepki=cerez#tepkiler", plain.Headers.Location?.OriginalString, StringComparison.Ordinal);

        Assert.Equal(0, (long)(await CountsAsync(app, id))["begendim"]!);
    }

    [Fact]
    public async Task Bad_posts_get_a_reason_in_json_or_a_way_back_without_it_and_count_nothing()
    {
        var (app, id, url) = await ArticleAsync(db);
        await using var _ = app;
        var reader = await app.BrowserReaderAsync(url);

        var notForm = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new StringContent("{\"tepki\":\"begendim\"}", System.Text.Encoding.UTF8, "application/json") };
        notForm.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var refused = await reader.SendAsync(notForm);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Tepki form olarak gönderilmeli.", (string?)(await Json.ReadAsync(refused))["error"]);

        var unknown = await ReactAsync(reader, id, "kizgin");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Bilinmeyen tepki.", (string?)(await Json.ReadAsync(unknown))["error"]);
        var unknownPlain = await ReactAsync(reader, id, "kizgin", json: false);
        Assert.Equal(HttpStatusCode.SeeOther, unknownPlain.StatusCode);
        Assert.Equal($"{url}?tepki=gecersiz#tepkiler", unknownPlain.Headers.Location?.OriginalString);

        var stranger = app.Reader();
        stranger.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal("Tepki verebilmek için sayfayı yeniden yükleyin (okur çerezi gerekli).", (string?)(await Json.ReadAsync(await ReactAsync(stranger, id, "begendim")))["error"]);
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal("Başka bir siteden gönderilen tepki kabul edilmez.", (string?)(await Json.ReadAsync(await app.Reader().SendAsync(crossSite)))["error"]);

        var api = await app.ApiClientAsync();
        var draft = (int)(await Json.ArticleAsync(api, new { title = "Taslak tepki", category = url.Split('/')[1], status = "draft" }))["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await ReactAsync(reader, draft, "begendim")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReactAsync(reader, 999_999, "begendim")).StatusCode);

        var counts = await CountsAsync(app, id);
        Assert.All(Manset.Web.Engagement.Reactions.All, r => Assert.Equal(0, (long)counts[r.Key]!));
    }

    [Fact]
    public async Task A_dislike_counts_a_take_back_after_the_grace_is_undone_and_the_same_reaction_can_come_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero));
        var (app, id, url) = await ArticleAsync(db, clock);
        await using var _ = app;
        var reader = await app.BrowserReaderAsync(url);

        var first = await ReactAsync(reader, id, "begenmedim");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store, private", first.Headers.CacheControl?.ToString());
        Assert.Equal(1, (long)(await Json.ReadAsync(first))["counts"]!["begenmedim"]!);

        // Exactly the grace later (3 s) the same reaction is a take-back, not a double click.
        clock.Advance(TimeSpan.FromSeconds(3));
        var back = await Json.ReadAsync(await ReactAsync(reader, id, "begenmedim"));
        Assert.Null((string?)back["mine"]);
        Assert.Equal(0, (long)back["counts"]!["begenmedim"]!);

        clock.Advance(TimeSpan.FromSeconds(10));
        var again = await Json.ReadAsync(await ReactAsync(reader, id, "begenmedim"));
        Assert.Equal("begenmedim", (string?)again["mine"]);
        Assert.Equal(1, (long)again["counts"]!["begenmedim"]!);

        // Without JavaScript a take-back sends the reader back with "geri".
        clock.Advance(TimeSpan.FromSeconds(10));
        var plain = await ReactAsync(reader, id, "begenmedim", json: false);
        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        Assert.Equal($"{url}?tepki=geri#tepkiler", plain.Headers.Location?.OriginalString);
        Assert.Equal(0, (long)(await CountsAsync(app, id))["begenmedim"]!);
    }

    [Fact]
    public async Task A_readers_choice_shows_on_that_article_only()
    {
        var (app, id, url) = await ArticleAsync(db);
        await using var _ = app;
        var api = await app.ApiClientAsync();
        var other = await Json.ArticleAsync(api, new { title = "Başka tepki haberi", category = url.Split('/')[1], status = "published" });
        var reader = await app.BrowserReaderAsync(url);
        Assert.Equal(HttpStatusCode.OK, (await ReactAsync(reader, id, "inanilmaz")).StatusCode);

        var mine = await TestApp.ParseAsync(await reader.GetAsync($"{url}?tepki=inanilmaz"));
        Assert.Equal("true", mine.QuerySelector("button[value=inanilmaz]")!.GetAttribute("aria-pressed"));
        var elsewhere = await TestApp.ParseAsync(await reader.GetAsync($"{(string)other["url"]!}?tepki=inanilmaz"));
        Assert.All(elsewhere.QuerySelectorAll(".reactions button"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task The_beacon_issues_a_signed_first_party_cookie_and_is_never_cached()
    {
        var (app, _, url) = await ArticleAsync(db);
        await using var __ = app;
        var response = await app.Reader().GetAsync("/okunma");
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(".Manset.Okur=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // The article page itself never sets it.
        Assert.False((await app.Reader().GetAsync(url)).Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Readers_are_rate_limited()
    {
        var (app, id, url) = await ArticleAsync(db, configure: s => s["Manset:Engagement:ReactionsPerReaderPerMinute"] = "5");
        await using var _ = app;
        var reader = await app.BrowserReaderAsync(url);
        var statuses = new List<HttpStatusCode>();
        foreach (var reaction in new[] { "begendim", "sevdim", "uzgun", "inanilmaz", "begenmedim", "begendim", "sevdim" })
        {
            statuses.Add((await ReactAsync(reader, id, reaction)).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == (HttpStatusCode)429));
        var limited = await ReactAsync(reader, id, "uzgun");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("Çok sık tepki gönderdiniz; lütfen biraz bekleyin.", (string?)(await Json.ReadAsync(limited))["error"]);
        var limitedPlain = await ReactAsync(reader, id, "uzgun", json: false);
        Assert.EndsWith("?tepki=sinir#tepkiler", limitedPlain.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var other = await app.BrowserReaderAsync(url);
        Assert.Equal(HttpStatusCode.OK, (await ReactAsync(other, id, "begendim")).StatusCode);
    }

    [Fact]
    public async Task Addresses_are_rate_limited()
    {
        var (app, id, url) = await ArticleAsync(db, configure: s => s["Manset:Engagement:ReactionsPerAddressPerMinute"] = "3");
        await using var _ = app;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await ReactAsync(await app.BrowserReaderAsync(url), id, "begendim")).StatusCode);
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429 }, statuses);
    }

    [Fact]
    public async Task Two_hundred_readers_at_once_count_exactly_two_hundred_and_a_replay_counts_once()
    {
        var (app, id, url) = await ArticleAsync(db);
        await using var _ = app;
        var readers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => app.BrowserReaderAsync(url)));
        var responses = await Task.WhenAll(readers.Select(r => ReactAsync(r, id, "inanilmaz")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(200, (long)(await CountsAsync(app, id))["inanilmaz"]!);

        var replayer = await app.BrowserReaderAsync(url);
        var replays = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => ReactAsync(replayer, id, "sevdim")));
        Assert.Contains(replays, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(replays, r => Assert.True(r.StatusCode is HttpStatusCode.OK or (HttpStatusCode)429, r.StatusCode.ToString()));
        var counts = await CountsAsync(app, id);
        Assert.Equal(1, (long)counts["sevdim"]!);
        Assert.Equal(200, (long)counts["inanilmaz"]!);
    }

    [Fact]
    public async Task Counts_survive_a_restart()
    {
        var (app, id, url) = await ArticleAsync(db);
        var reader = await app.BrowserReaderAsync(url);
        Assert.Equal(HttpStatusCode.OK, (await ReactAsync(reader, id, "uzgun")).StatusCode);
        await using var restarted = await app.RestartAsync();
        var counts = (await Json.ReadAsync(await restarted.Reader().GetAsync($"/tepki/{id}")))["counts"]!;
        Assert.Equal(1, (long)counts["uzgun"]!);
        // The rendered counts, not a copy cached before the reaction (with Redis, cached pages outlive a node's restart
        // and show counts up to Manset:OutputCache:DurationSeconds old; scripts fetch the live ones from /tepki/{id}).
        var page = await TestApp.ParseAsync(await restarted.Reader().GetAsync($"{url}?tepki=uzgun"));
        Assert.Equal("1", page.QuerySelector("button[value=uzgun] .count")!.TextContent);
        restarted.KeepData = false;
    }
}

public sealed class ReactionTestsOnSqlite() : ReactionTests(Db.Sqlite);

public sealed class ReactionTestsOnPostgres() : ReactionTests(Db.Postgres)
{
}
