using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// The background scheduler: it pulls on the source's interval, backs off when the agency fails (the gaps between
/// attempts double), records the failure for the desk, and "Şimdi çek" ends the wait. Once on the real clock, as an
/// operator sees it; then on a clock the test moves, where each wait can be measured to the second.
/// </summary>
public class SchedulerTests
{
    // On a timeout the message carries what the app logged about the source (warnings and errors), so a run on a
    // loaded CI machine says whether the scheduler met an unexpected error (it then waits 30 s) or was only slow.
    static async Task WaitForAsync(WireTestSite site, Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"waited {limit.TotalSeconds:0} s for {what}; the app logged:\n" + Logged(site));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    static string Logged(WireTestSite site) =>
        string.Join('\n', site.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)));

    [Fact]
    public async Task Sources_are_pulled_on_their_interval_backed_off_on_failure_and_pulled_at_once_on_request()
    {
        MutationRun.SkipWhenActive("On_a_moved_clock_each_wait_is_the_interval_the_backoff_or_the_agency_s_spacing");
        await using var site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/bolge/rss"), "draft", "yerel");
            s["Manset:Wires:Sources:0:IntervalSeconds"] = "1";
            s["Manset:Wires:AutoPull"] = "true";
        }, fakeClock: false);
        site.Agency.Xml("/bolge/rss", Feeds.Rss(2));
        await WaitForAsync(site, async () => await site.QueryAsync(d => d.WireItems.CountAsync()) == 2, TimeSpan.FromSeconds(15), "the first pull");

        // The next item arrives on the next interval, without anyone asking.
        site.Agency.Xml("/bolge/rss", Feeds.Rss(3));
        await WaitForAsync(site, async () => await site.QueryAsync(d => d.WireItems.CountAsync()) == 3, TimeSpan.FromSeconds(10), "the item added to the feed");

        // The agency breaks: attempts back off (1 s interval → 2 s, 4 s, …) and the desk sees the error.
        var brokeAt = DateTimeOffset.UtcNow;
        site.Agency.Text("/bolge/rss", "<html><body><h1>503 Bakım çalışması</h1></body></html>", 503, "text/html; charset=utf-8");
        await WaitForAsync(site, () => Task.FromResult(site.Agency.To("/bolge/rss").Count(r => r.At > brokeAt) >= 3), TimeSpan.FromSeconds(40), "three failed attempts");
        var attempts = site.Agency.To("/bolge/rss").Where(r => r.At > brokeAt).Select(r => r.At).Take(3).ToList();
        var first = attempts[1] - attempts[0];
        var second = attempts[2] - attempts[1];
        Assert.True(first >= TimeSpan.FromSeconds(1.8), $"first gap {first.TotalSeconds:0.0} s");
        Assert.True(second >= TimeSpan.FromSeconds(3.6), $"second gap {second.TotalSeconds:0.0} s");
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.True(state.ConsecutiveFailures >= 2);
        Assert.Contains("503", state.LastError, StringComparison.Ordinal);
        Assert.Equal(3, await site.QueryAsync(d => d.WireItems.CountAsync()));

        using var editor = await site.App.NewsroomClientAsync("editor");
        var desk = await (await editor.GetAsync("/yonetim/ajans")).Content.ReadAsStringAsync();
        Assert.Contains("503", desk, StringComparison.Ordinal);

        // Back in service; the editor asks for a pull now instead of waiting out the backoff.
        site.Agency.Xml("/bolge/rss", Feeds.Rss(4));
        var asked = DateTimeOffset.UtcNow;
        var pull = await editor.PostFormAsync("/yonetim/ajans?handler=Pull", new() { ["source"] = "bolge" }, "/yonetim/ajans");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, pull.StatusCode);
        await WaitForAsync(site, async () => await site.QueryAsync(d => d.WireItems.CountAsync()) == 4, TimeSpan.FromSeconds(5), "the requested pull");
        Assert.True(DateTimeOffset.UtcNow - asked < TimeSpan.FromSeconds(5));
        // The pull writes its items, then gives its lease back; and with a 1 s interval the next pull may already hold
        // it again. So the check is that the lease is free within a moment (it is not kept between pulls), not at the
        // instant the fourth item is seen (on PostgreSQL that instant fell inside the pull: "vm:17656:…").
        await WaitForAsync(site, async () => (await StateAsync(site)).LeaseOwner is null, TimeSpan.FromSeconds(5), "the lease given back");
        state = await StateAsync(site);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.NotNull(state.LastSuccessAt);
    }

    // Moves the test's clock a second at a time (the scheduler never sleeps less), giving the app a moment after each
    // step, until the condition holds; returns how far the clock moved. A pull is never early, so the lower bounds
    // below are exact; a busy machine can make one late by a few steps, so the upper bounds only tell a wait from a
    // wrong one (and the stored state gives the computed times to the second).
    static async Task<TimeSpan> MoveUntilAsync(WireTestSite site, Func<bool> condition, TimeSpan limit, string what)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            Assert.True(moved < limit, $"moved the clock {moved.TotalSeconds:0} s without {what}; the app logged:\n" + Logged(site));
            await StepAsync(site);
            moved += TimeSpan.FromSeconds(1);
        }
        return moved;
    }

    static async Task StepAsync(WireTestSite site)
    {
        site.Clock!.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50, TestContext.Current.CancellationToken);
    }

    static Task<WireSourceState> StateAsync(WireTestSite site) => site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());

    /// <summary>The source's state, or null before the scheduler has written it (it does on its first round, after start).</summary>
    static Task<WireSourceState?> StateIfAnyAsync(WireTestSite site) => site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleOrDefaultAsync());

    static Task SetNextPullAsync(WireTestSite site, DateTimeOffset at) =>
        site.QueryAsync(d => d.WireSourceStates.ExecuteUpdateAsync(x => x.SetProperty(s => s.NextPullAt, at)));

    [Fact]
    public async Task On_a_moved_clock_each_wait_is_the_interval_the_backoff_or_the_agency_s_spacing()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/bolge/rss"), "draft", "yerel");
            s["Manset:Wires:AutoPull"] = "true";
            agency.Xml("/bolge/rss", Feeds.Rss(2)); // the scheduler pulls as soon as the site is up
        });
        var clock = site.Clock!;
        int Requests() => site.Agency.To("/bolge/rss").Count();
        // The first pull comes at start, without the clock moving; the next is due a minute (the interval) later.
        await WaitForAsync(site, async () => (await StateIfAnyAsync(site)) is { LastSuccessAt: not null, LeaseOwner: null }, TimeSpan.FromSeconds(15), "the first pull");
        Assert.Equal(2, await site.QueryAsync(d => d.WireItems.CountAsync()));
        var state = await StateAsync(site);
        Assert.Equal(TimeSpan.FromSeconds(60), state.NextPullAt - state.LastSuccessAt);

        // Not a second early.
        site.Agency.Xml("/bolge/rss", Feeds.Rss(3));
        var moved = await MoveUntilAsync(site, () => Requests() == 2, TimeSpan.FromMinutes(5), "the second pull");
        Assert.InRange(moved, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
        await WaitForAsync(site, async () => await site.QueryAsync(d => d.WireItems.CountAsync()) == 3, TimeSpan.FromSeconds(10), "the item added to the feed");

        // The agency fails: the next attempt waits twice the interval, the one after four times.
        site.Agency.Text("/bolge/rss", "<html><body><h1>503 Bakım çalışması</h1></body></html>", 503, "text/html; charset=utf-8");
        moved = await MoveUntilAsync(site, () => Requests() == 3, TimeSpan.FromMinutes(5), "the pull that fails");
        Assert.InRange(moved, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
        await WaitForAsync(site, async () => (await StateAsync(site)).ConsecutiveFailures == 1, TimeSpan.FromSeconds(10), "the first failure recorded");
        state = await StateAsync(site);
        Assert.InRange(state.NextPullAt!.Value - state.LastErrorAt!.Value, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(121));
        Assert.Contains("503", state.LastError, StringComparison.Ordinal);
        moved = await MoveUntilAsync(site, () => Requests() == 4, TimeSpan.FromMinutes(10), "the second attempt");
        Assert.InRange(moved, TimeSpan.FromSeconds(118), TimeSpan.FromSeconds(200));
        await WaitForAsync(site, async () => (await StateAsync(site)).ConsecutiveFailures == 2, TimeSpan.FromSeconds(10), "the second failure recorded");
        state = await StateAsync(site);
        Assert.InRange(state.NextPullAt!.Value - state.LastErrorAt!.Value, TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(241));

        // Back in service, and the desk asks: the pull comes at once, with the clock standing still.
        site.Agency.Xml("/bolge/rss", Feeds.Rss(4));
        using var editor = await site.App.NewsroomClientAsync("editor");
        var pull = await editor.PostFormAsync("/yonetim/ajans?handler=Pull", new() { ["source"] = "bolge" }, "/yonetim/ajans");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, pull.StatusCode);
        await WaitForAsync(site, async () => (await StateAsync(site)) is { ConsecutiveFailures: 0, LeaseOwner: null }, TimeSpan.FromSeconds(10), "the requested pull");
        Assert.Equal(4, await site.QueryAsync(d => d.WireItems.CountAsync()));
        Assert.Equal(5, Requests());
        state = await StateAsync(site);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(60), state.NextPullAt);

        // Another node (or its desk) moves the next pull: this node never sleeps more than 30 s before it looks again.
        // An hour ahead first, and ninety seconds on (past both this node's cap and the minute it had planned for)…
        await SetNextPullAsync(site, clock.GetUtcNow() + TimeSpan.FromHours(1));
        for (var second = 0; second < 90; second++) await StepAsync(site);
        Assert.Equal(5, Requests());
        // …then now: seen within the cap, not after the hour.
        await SetNextPullAsync(site, clock.GetUtcNow());
        moved = await MoveUntilAsync(site, () => Requests() == 6, TimeSpan.FromMinutes(5), "the pull another node brought forward");
        Assert.InRange(moved, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task The_desk_s_request_waits_out_the_agency_s_thirty_seconds_between_requests()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"));
            s["Manset:Wires:AutoPull"] = "true";
            agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }));
        });
        int Requests() => site.Agency.To("/iha/rss").Count();
        await WaitForAsync(site, async () => (await StateIfAnyAsync(site)) is { LastSuccessAt: not null, LeaseOwner: null }, TimeSpan.FromSeconds(15), "the first pull");
        Assert.Equal(1, await site.QueryAsync(d => d.WireItems.CountAsync()));

        // Asked for at once, the pull waits for İHA's 30 s from the last request (the interval would be 60 s).
        using var editor = await site.App.NewsroomClientAsync("editor");
        var pull = await editor.PostFormAsync("/yonetim/ajans?handler=Pull", new() { ["source"] = "iha" }, "/yonetim/ajans");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, pull.StatusCode);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(1, Requests());
        var moved = await MoveUntilAsync(site, () => Requests() == 2, TimeSpan.FromMinutes(2), "the requested pull");
        Assert.InRange(moved, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(59));
    }
}
