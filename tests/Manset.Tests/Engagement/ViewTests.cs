using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Engagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Engagement;

/// <summary>Views counted by the beacon (also for cached pages), batched to the database, summed into ÇOK OKUNANLAR.</summary>
public abstract class ViewTests(Db db)
{
    [Fact]
    public async Task Twelve_readers_of_X_and_two_of_Y_put_X_above_Y_after_one_flush_and_one_refresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(db, clock: clock);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var x = await Json.ArticleAsync(api, new { title = "Çok okunan X haberi", category, status = "published" });
        var y = await Json.ArticleAsync(api, new { title = "Az okunan Y haberi", category, status = "published" });
        for (var i = 0; i < 6; i++) await Json.ArticleAsync(api, new { title = $"Dolgu haberi {i}", category, status = "published" });

        // The readers get the page from the cache, then the beacon counts them.
        for (var i = 0; i < 12; i++) await ReadAsync(app, (string)x["url"]!, (int)x["id"]!);
        for (var i = 0; i < 2; i++) await ReadAsync(app, (string)y["url"]!, (int)y["id"]!);

        var flusher = app.Services.GetRequiredService<ViewFlusher>();
        Assert.Equal(14, await flusher.FlushAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(60));
        await app.Services.GetRequiredService<MostRead>().RefreshAsync(CancellationToken.None);

        foreach (var page in new[] { "/", $"/{category}", (string)x["url"]! })
        {
            var doc = await TestApp.ParseAsync(await app.Reader().GetAsync(page));
            var titles = doc.QuerySelectorAll(".most-read > ol > li a").Select(a => a.TextContent).ToList();
            Assert.True(titles.IndexOf("Çok okunan X haberi") is 0, $"{page}: {string.Join(" | ", titles)}");
            Assert.Equal(1, titles.IndexOf("Az okunan Y haberi"));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        Assert.Equal(12, await data.ArticleStats.Where(s => s.ArticleId == (int)x["id"]!).Select(s => s.Views).SingleAsync());
        Assert.Equal(12, await data.ArticleViewHours.Where(h => h.ArticleId == (int)x["id"]!).SumAsync(h => h.Views));
    }

    static async Task ReadAsync(TestApp app, string url, int id)
    {
        var reader = await app.BrowserReaderAsync();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/okunma/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null)]
    [InlineData("facebookexternalhit/1.1", null)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36", null)]
    [InlineData("curl/8.5.0", null)]
    [InlineData("", null)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", "Sec-Purpose: prefetch")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36", "Cookie: .Manset.Oturum=editor")]
    public async Task Bots_prefetches_and_the_newsroom_are_not_readers(string userAgent, string? header)
    {
        await using var app = await TestApp.StartAsync(db);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var id = (int)(await Json.ArticleAsync(api, new { title = "Sayılmayan okuma", category, status = "published" }))["id"]!;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/okunma/{id}");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (header is not null) request.Headers.TryAddWithoutValidation(header.Split(": ")[0], header.Split(": ")[1]);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().SendAsync(request)).StatusCode);
        Assert.Equal(0, await app.Services.GetRequiredService<ViewFlusher>().FlushAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Views_of_unknown_or_unpublished_articles_are_dropped_and_do_not_block_the_batch()
    {
        await using var app = await TestApp.StartAsync(db);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var real = (int)(await Json.ArticleAsync(api, new { title = "Gerçek haber", category, status = "published" }))["id"]!;
        var draft = (int)(await Json.ArticleAsync(api, new { title = "Taslak", category, status = "draft" }))["id"]!;
        var reader = await app.BrowserReaderAsync();
        foreach (var id in new[] { real, draft, 999_999 }) await reader.GetAsync($"/okunma/{id}");
        Assert.Equal(1, await app.Services.GetRequiredService<ViewFlusher>().FlushAsync(CancellationToken.None));
    }

    [Fact]
    public void The_counter_loses_nothing_under_concurrent_counting_and_draining()
    {
        var counter = new ViewCounter();
        long drained = 0;
        var counting = Task.Run(() => Parallel.For(0, 200_000, i => counter.Add(i % 50)));
        while (!counting.IsCompleted) drained += counter.Drain().Values.Sum();
        drained += counter.Drain().Values.Sum();
        Assert.Equal(200_000, drained);
    }
}

public sealed class ViewTestsOnSqlite() : ViewTests(Db.Sqlite);
public sealed class ViewTestsOnPostgres() : ViewTests(Db.Postgres);
