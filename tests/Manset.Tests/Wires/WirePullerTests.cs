using System.Net;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Wires;
using Manset.Web.Wires.Adapters;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Manset.Tests.Wires;

/// <summary>
/// One pull of one source (<see cref="WirePuller"/>) and what the site registers for it: the source's record after
/// each pull, the back-off after failures, redirects and cookies on the way to the agency.
/// </summary>
public class WirePullerTests
{
    static Task<WireTestSite> RssSiteAsync() =>
        WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/rss"), "draft", "gundem"));

    static Task<WireSourceState> StateAsync(WireTestSite site) => site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync(s => s.Name == "bolge"));

    [Fact]
    public async Task The_source_s_record_counts_each_pull_and_all_it_ever_brought()
    {
        await using var site = await RssSiteAsync();
        site.Agency.Xml("/rss", Feeds.Rss(3));
        Assert.Equal("new=3 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var first = await StateAsync(site);
        Assert.Equal((3, 3, 0, 0, 3L), (first.LastSeen, first.LastNew, first.LastUpdated, first.LastFailed, first.TotalNew));
        Assert.Equal(site.Clock!.GetUtcNow(), first.LastSuccessAt);

        site.Agency.Xml("/rss", Feeds.Rss(5));
        Assert.Equal("new=2 updated=0 unchanged=3 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var second = await StateAsync(site);
        Assert.Equal((5, 2, 0L + 5), (second.LastSeen, second.LastNew, second.TotalNew));
        Assert.Equal(0, second.ConsecutiveFailures);
    }

    [Fact]
    public async Task Failures_back_off_doubling_from_the_interval_up_to_half_an_hour_and_an_agency_s_longer_wait_is_kept()
    {
        await using var site = await RssSiteAsync();
        site.Agency.Text("/rss", "Sunucu hatası", 500);
        // IntervalSeconds is 60: 2, 4, 8, 16 minutes, then 32 capped at 30.
        foreach (var (failures, minutes) in new[] { (1, 2), (2, 4), (3, 8), (4, 16), (5, 30), (6, 30) })
        {
            var pull = await site.PullAsync();
            Assert.Equal(0, pull.Code);
            Assert.Contains("bolge: HATA:", pull.Output, StringComparison.Ordinal);
            var state = await StateAsync(site);
            Assert.Equal(failures, state.ConsecutiveFailures);
            Assert.Equal(site.Clock!.GetUtcNow().AddMinutes(minutes), state.NextPullAt);
            Assert.Equal(1, state.LastFailed);
            Assert.Equal(site.Clock.GetUtcNow(), state.LastErrorAt);
        }

        // Recovered: the count starts again.
        site.Agency.Xml("/rss", Feeds.Rss(1));
        Assert.Equal("new=1 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal(0, (await StateAsync(site)).ConsecutiveFailures);

        // Too many requests: the agency's Retry-After when it is longer than our back-off, ours when it is shorter.
        site.Agency.Route("/rss", context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "600";
            return Task.CompletedTask;
        });
        await site.PullAsync();
        Assert.Equal(site.Clock!.GetUtcNow().AddMinutes(10), (await StateAsync(site)).NextPullAt);
        site.Agency.Route("/rss", context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        });
        await site.PullAsync();
        Assert.Equal(site.Clock.GetUtcNow().AddMinutes(4), (await StateAsync(site)).NextPullAt);
    }

    [Fact]
    public async Task A_redirect_is_followed_and_the_agency_s_cookies_are_not_sent_back()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/eski-rss"), "draft", "gundem"));
        var cookies = new List<string>();
        site.Agency.Route("/eski-rss", context =>
        {
            context.Response.Redirect("/rss", permanent: true);
            return Task.CompletedTask;
        });
        site.Agency.Route("/rss", async context =>
        {
            cookies.Add(context.Request.Headers.Cookie.ToString());
            context.Response.Headers.SetCookie = "oturum=abc123; Path=/";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(Feeds.Rss(2));
        });
        Assert.Equal("new=2 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal("new=0 updated=0 unchanged=2 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal(["", ""], cookies);
    }

    [Fact]
    public async Task Every_agency_type_has_its_adapter_and_source_names_are_checked_at_start()
    {
        await using var site = await RssSiteAsync();
        var types = site.App.Services.GetServices<IWireAdapter>().Select(a => a.Type).Order(StringComparer.Ordinal);
        Assert.Equal(["aa", "dha", "iha", "newsml", "rss"], types);
        Assert.Contains(site.App.Services.GetServices<IValidateOptions<MansetOptions>>(), v => v is WiresOptionsCheck);
        using var scope = site.App.Services.CreateScope();
        var puller = scope.ServiceProvider.GetRequiredService<WirePuller>();
        var iha = new WireSourceOptions { Name = "iha", Type = "iha", Url = "https://ajans.test/", IntervalSeconds = 10 };
        Assert.Equal(TimeSpan.Zero, await puller.SpacingLeftAsync(iha, CancellationToken.None)); // never pulled
        Assert.Equal("iha", puller.AdapterFor(iha).Type);
    }
}
