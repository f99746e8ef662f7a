using System.Net;
using Manset.Tests.Support;
using Manset.Web.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Publishing;

/// <summary>Scheduled publishing and breaking-news expiry, on a clock the test moves.</summary>
public class SchedulingTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task A_scheduled_article_goes_live_at_its_time_and_not_before()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(Db.Sqlite, clock: clock);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var article = await Json.ArticleAsync(api, new { title = "Saat onda açıklanacak karar", category, status = "scheduled", publishedAt = Start.AddHours(1) });
        Assert.Equal("scheduled", (string?)article["status"]);
        var url = (string)article["url"]!;
        var reader = app.Reader();
        var scheduler = app.Services.GetRequiredService<PublishingScheduler>();

        clock.Advance(TimeSpan.FromMinutes(59));
        await scheduler.TickAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("Saat onda", await (await reader.GetAsync($"/{category}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.TickAsync(CancellationToken.None);
        var page = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("29 Kasım 2026 Pazar - 10:00", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Saat onda", await (await reader.GetAsync($"/{category}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var read = await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{article["id"]}"));
        Assert.Equal("published", (string?)read["status"]);
    }

    [Fact]
    public async Task Breaking_news_leaves_the_band_when_it_expires()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(Db.Sqlite, clock: clock, configure: s => s["Manset:Publishing:BreakingMinutes"] = "60");
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        await Json.ArticleAsync(api, new { title = "Sakin bir haber", category, status = "published" });
        var breaking = await Json.ArticleAsync(api, new { title = "Köprüde trafik kazası", category, status = "published", breaking = true });
        Assert.Equal(Start.AddHours(1), DateTimeOffset.Parse((string)breaking["breakingUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        var reader = app.Reader();
        var scheduler = app.Services.GetRequiredService<PublishingScheduler>();

        var before = await TestApp.ParseAsync(await reader.GetAsync("/"));
        Assert.Contains("live", before.QuerySelector(".band")!.ClassList);

        clock.Advance(TimeSpan.FromMinutes(61));
        await scheduler.TickAsync(CancellationToken.None);
        var after = await TestApp.ParseAsync(await reader.GetAsync("/"));
        Assert.DoesNotContain("live", after.QuerySelector(".band")!.ClassList);
        // Still listed among the day's breaking stories, no longer flashing.
        Assert.Contains(after.QuerySelectorAll(".band li a"), a => a.TextContent == "Köprüde trafik kazası");
    }

    [Fact]
    public async Task Publishing_a_future_time_schedules_and_republishing_keeps_the_first_time()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(Db.Sqlite, clock: clock);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var future = await Json.ArticleAsync(api, new { title = "İleri tarihli", category, status = "published", publishedAt = Start.AddDays(1) });
        Assert.Equal("scheduled", (string?)future["status"]);

        var now = await Json.ArticleAsync(api, new { title = "Şimdi", category, status = "published" });
        Assert.Equal(Start, DateTimeOffset.Parse((string)now["publishedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/articles/{now["id"]}")).StatusCode);
        var again = await Json.ReadAsync(await api.PutAsync($"/api/v1/articles/{now["id"]}", Json.Body(new { status = "published" })));
        Assert.Equal("published", (string?)again["status"]);
        Assert.Equal(Start, DateTimeOffset.Parse((string)again["publishedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(again["editedAt"]?.GetValue<string?>());
    }

    /// <summary>
    /// The acceptance check on the real clock and the shipped scheduler interval: an article scheduled 20 seconds
    /// ahead answers 404 until its time and is live within a minute after it, with nobody touching anything;
    /// the same when the site restarts in between.
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite, false)]
    [InlineData(Db.Sqlite, true)]
    [InlineData(Db.Postgres, true)]
    public async Task An_article_scheduled_20_seconds_ahead_goes_live_within_a_minute_on_the_real_clock(Db db, bool restart)
    {
        MutationRun.SkipWhenActive("the scheduler tests on a fake clock above");
        if (db == Db.Postgres) await Postgres.RequireAsync();
        var app = await TestApp.StartAsync(db, configure: s => s.Remove("Manset:Publishing:SchedulerSeconds"));
        try
        {
            var api = await app.ApiClientAsync("editor");
            var category = await Json.CategoryAsync(api);
            var due = DateTimeOffset.UtcNow.AddSeconds(20);
            var article = await Json.ArticleAsync(api, new { title = "Yirmi saniye sonra yayında", category, status = "scheduled", publishedAt = due });
            var url = (string)article["url"]!;
            Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(url)).StatusCode);

            if (restart)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
                app = await app.RestartAsync();
                app.KeepData = false;
            }

            DateTimeOffset? live = null;
            while (DateTimeOffset.UtcNow < due.AddSeconds(75))
            {
                var status = (await app.Reader().GetAsync(url)).StatusCode;
                var at = DateTimeOffset.UtcNow;
                if (status == HttpStatusCode.OK)
                {
                    live = at;
                    break;
                }
                Assert.Equal(HttpStatusCode.NotFound, status);
                await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            }
            Assert.NotNull(live);
            Assert.True(live >= due, $"live {(due - live.Value).TotalSeconds:F1} s before its time");
            Assert.True(live - due < TimeSpan.FromMinutes(1), $"live {(live.Value - due).TotalSeconds:F1} s after its time");
            TestContext.Current.SendDiagnosticMessage($"{db}, restart={restart}: live {(live.Value - due).TotalSeconds:F1} s after its time");
            Assert.Contains("Yirmi saniye sonra yayında", await (await app.Reader().GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
