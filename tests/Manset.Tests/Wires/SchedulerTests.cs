using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// The background scheduler on the real clock: it pulls on the source's interval, backs off when the agency fails
/// (the gaps between attempts double), records the failure for the desk, and "Şimdi çek" ends the wait.
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
            Assert.True(DateTime.UtcNow < until, $"waited {limit.TotalSeconds:0} s for {what}; the app logged:\n" +
                string.Join('\n', site.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal))));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Sources_are_pulled_on_their_interval_backed_off_on_failure_and_pulled_at_once_on_request()
    {
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
        state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.NotNull(state.LastSuccessAt);
        Assert.Null(state.LeaseOwner);
    }
}
