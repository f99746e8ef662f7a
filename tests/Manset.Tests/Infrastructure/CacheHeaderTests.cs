using System.Net;
using System.Text.Json.Nodes;
using Manset.Tests.Support;
using Manset.Tests.Wires;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Infrastructure;

/// <summary>What a browser, nginx or a CDN in front of the site is told about each page, and how a CDN is purged.</summary>
public sealed class CacheHeaderTests
{
    [Fact]
    public async Task Public_pages_carry_validators_shared_cache_directives_and_their_tags()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var article = await Json.ArticleAsync(api, new { title = "Önbellek başlıkları", category, status = "published" });
        var id = (int)article["id"]!;
        var url = (string)article["url"]!;

        var page = await app.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cacheControl = page.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromSeconds(30), cacheControl.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(5), cacheControl.SharedMaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "30");
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-if-error" && e.Value == "86400");
        Assert.True(page.Headers.ETag is { IsWeak: true });
        Assert.NotNull(page.Content.Headers.LastModified);
        var keys = page.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Contains($"a:{id}", keys);
        Assert.Contains("site", keys);
        Assert.Equal(keys, page.Headers.GetValues("Cache-Tag").Single().Split(','));
        Assert.False(page.Headers.Contains("Surrogate-Control"), "no CDN purge configured: CDNs get the proxy lifetime only");

        // Validators answer with 304 from the cache, the same ETag on every copy.
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        var notModified = await app.Reader().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(page.Headers.ETag, notModified.Headers.ETag);
        var since = new HttpRequestMessage(HttpMethod.Get, url);
        since.Headers.IfModifiedSince = page.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await app.Reader().SendAsync(since)).StatusCode);

        // After an edit the page is another representation: the old validator no longer matches.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { spot = "Özet değişti." }))).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        var fresh = await app.Reader().SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(page.Headers.ETag, fresh.Headers.ETag);

        // Feeds carry the same headers; the newsroom and a reader's own copy carry none of them.
        var feed = await app.Reader().GetAsync("/rss");
        Assert.True(feed.Headers.CacheControl!.Public);
        Assert.Contains("site", feed.Headers.GetValues("Surrogate-Key").Single().Split(' '));
        var own = await app.Reader().GetAsync(url + "?tepki=begendim");
        Assert.False(own.Headers.CacheControl?.Public ?? false);
        Assert.False(own.Headers.Contains("Surrogate-Key"));
        var login = await app.Reader().GetAsync("/giris");
        Assert.False(login.Headers.CacheControl?.Public ?? false);
        Assert.False(login.Headers.Contains("Surrogate-Key"));
    }

    [Fact]
    public async Task A_publish_purges_the_cdn_by_tag_with_the_secret_and_tells_it_to_keep_pages_until_then()
    {
        await using var cdn = await AgencyServer.StartAsync();
        var purges = new System.Collections.Concurrent.ConcurrentQueue<(string? Authorization, JsonNode Body)>();
        cdn.Route("/purge", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            purges.Enqueue((context.Request.Headers.Authorization.ToString(), JsonNode.Parse(await reader.ReadToEndAsync())!));
            context.Response.StatusCode = 204;
        });
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s =>
        {
            s["Manset:Cdn:PurgeUrl"] = cdn.Url("/purge");
            s["Manset:Cdn:PurgeToken"] = "cdn-gizli-anahtar";
            s["Logging:LogLevel:Default"] = "Debug";
        }, services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(s, logs));
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var article = await Json.ArticleAsync(api, new { title = "CDN temizliği", category, status = "published" });
        var id = (int)article["id"]!;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!purges.Any(p => p.Body["tags"]!.AsArray().Any(t => (string?)t == $"a:{id}")) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var purge = purges.First(p => p.Body["tags"]!.AsArray().Any(t => (string?)t == $"a:{id}"));
        Assert.Equal("Bearer cdn-gizli-anahtar", purge.Authorization);
        Assert.Contains(purge.Body["tags"]!.AsArray(), t => (string?)t == "home");

        var page = await app.Reader().GetAsync((string)article["url"]!);
        Assert.Equal("max-age=300, stale-while-revalidate=30, stale-if-error=86400", page.Headers.GetValues("Surrogate-Control").Single());
        Assert.Equal(page.Headers.GetValues("Surrogate-Control").Single(), page.Headers.GetValues("CDN-Cache-Control").Single());
        Assert.DoesNotContain("cdn-gizli-anahtar", logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("16", false)]
    public async Task A_response_larger_than_the_cache_takes_is_served_whole_and_not_kept(string? maxKilobytes, bool kept)
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true,
            configure: s => { if (maxKilobytes is not null) s["Manset:OutputCache:MaxResponseKilobytes"] = maxKilobytes; });
        var store = app.Services.GetRequiredService<Manset.Web.Cluster.PageStore>();
        var reader = app.Reader(); // no Accept-Encoding: the home page as it is, well over 16 KB
        for (var i = 0; i < 2; i++)
        {
            var home = await reader.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            var html = await home.Content.ReadAsStringAsync();
            Assert.True(html.Length > 16 * 1024, $"the home page is {html.Length} characters");
            Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        }
        Assert.Equal(kept, store.LocalCount > 0);
    }
}
