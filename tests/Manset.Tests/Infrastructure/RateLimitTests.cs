using System.Net;
using Manset.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Manset.Tests.Infrastructure;

/// <summary>Login, search and the content API refuse a flood with 429 and say when to come back (Retry-After).</summary>
public class RateLimitTests
{
    static void AssertRetryAfter(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var after = response.Headers.RetryAfter?.Delta;
        Assert.True(after is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_past_the_limit_get_429_with_retry_after_and_a_turkish_page_while_the_form_stays_open()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true, configure: s => s["Manset:Site:SearchesPerAddressPerMinute"] = "3");
        var reader = app.Reader();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/arama?q=ekonomi{i}")).StatusCode);
        var refused = await reader.GetAsync("/arama?q=ekonomi");
        AssertRetryAfter(refused);
        Assert.Contains("text/html", refused.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("Çok fazla", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/arama")).StatusCode);
    }

    [Fact]
    public async Task Each_api_token_has_its_own_allowance_and_past_it_gets_problem_details_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s => s["Manset:Newsroom:ApiRequestsPerClientPerMinute"] = "3");
        using var first = await app.ApiClientAsync("editor");
        using var second = await app.ApiClientAsync("editor");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/articles")).StatusCode);
        var refused = await first.GetAsync("/api/v1/articles");
        AssertRetryAfter(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Çok fazla istek", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/articles")).StatusCode);
    }

    [Fact]
    public async Task Login_posts_past_the_limit_get_429_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s => s["Manset:Newsroom:LoginsPerAddressPerMinute"] = "2");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "", "");
        for (var i = 0; i < 2; i++) await client.PostFormAsync("/giris", new() { ["Email"] = "yok@manset.test", ["Password"] = "x" });
        AssertRetryAfter(await client.PostFormAsync("/giris", new() { ["Email"] = "yok@manset.test", ["Password"] = "x" }));
    }
}
