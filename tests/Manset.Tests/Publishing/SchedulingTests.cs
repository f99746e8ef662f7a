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
}
