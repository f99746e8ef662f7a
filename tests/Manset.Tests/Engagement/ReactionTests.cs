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
