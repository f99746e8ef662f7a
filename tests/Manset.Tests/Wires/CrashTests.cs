using System.Diagnostics;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// A pull killed with SIGKILL in the middle of a 1,000-item feed loses and doubles nothing: the next pull finishes
/// the job. The pull runs as the operator runs it, <c>wires pull</c> in its own process, over the test site's data.
/// </summary>
public abstract class CrashTests(Db db)
{
    const int Items = 1000;

    [Fact]
    public async Task A_pull_killed_midway_and_pulled_again_leaves_exactly_one_article_per_item()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        WireTestSite? site = null;
        int? killedAt = null;
        var missed = new List<string>();
        try
        {
            // A miss (a pull that could not start, or one whose batches all landed between two polls) gets a fresh
            // site: after a finished pull there is nothing left to be killed in the middle of.
            for (var attempt = 1; attempt <= 3 && killedAt is null; attempt++)
            {
                if (site is not null)
                {
                    await site.DisposeAsync();
                    site = null;
                }
                site = await WireTestSite.StartAsync((agency, s) =>
                    WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/bolge/rss"), "publish", "yerel"), db, fakeClock: false);
                site.Agency.Xml("/bolge/rss", Feeds.Rss(Items));
                var (count, miss) = await PullAndKillMidwayAsync(site);
                if (miss is null) killedAt = count;
                else missed.Add($"attempt {attempt}: {miss}");
            }
            Assert.True(killedAt is not null, "the pull was not killed midway: " + string.Join("; ", missed));
            TestContext.Current.SendDiagnosticMessage($"{db}: killed with {killedAt} of {Items} articles written"
                + (missed.Count > 0 ? " (after " + string.Join("; ", missed) + ")" : ""));
            await PullAgainAndCheckAsync(site!);
        }
        finally
        {
            if (site is not null) await site.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts a pull and kills it (SIGKILL) as soon as part of the feed is in; null and the count on success, else
    /// what happened: the exit code, the articles written, the polls' trace and the pull's last lines.
    /// </summary>
    static async Task<(int Count, string? Miss)> PullAndKillMidwayAsync(WireTestSite site)
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var pull = StartPull(site.App, output);
        var watch = Stopwatch.StartNew();
        var trace = new List<string>();
        var polls = 0;
        var slowest = TimeSpan.Zero;
        var last = -1;
        // Articles are written in batches, each in one transaction.
        while (!pull.HasExited)
        {
            var before = watch.Elapsed;
            var count = await site.QueryAsync(d => d.Articles.CountAsync());
            polls++;
            if (watch.Elapsed - before > slowest) slowest = watch.Elapsed - before;
            if (count != last) trace.Add($"{count} at {watch.Elapsed.TotalSeconds:0.00} s");
            last = count;
            if (count is > 0 and < Items)
            {
                pull.Kill(); // SIGKILL on Linux: no finally blocks, no lease release
                await pull.WaitForExitAsync(TestContext.Current.CancellationToken);
                return (count, null);
            }
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        await pull.WaitForExitAsync(TestContext.Current.CancellationToken);
        var written = await site.QueryAsync(d => d.Articles.CountAsync());
        return (written, $"exit code {pull.ExitCode} after {watch.Elapsed.TotalSeconds:0.0} s, {written} articles; {polls} polls "
            + $"(slowest {slowest.TotalMilliseconds:0} ms) saw {string.Join(", ", trace)}; last output: {string.Join(" | ", output.TakeLast(8))}");
    }

    static async Task PullAgainAndCheckAsync(WireTestSite site)
    {
        // The killed process still holds the source's lease; a process of this machine that is gone no longer counts.
        var again = await site.PullAsync();
        Assert.Equal(0, again.Code);
        Assert.Matches(@"^new=\d+ updated=0 unchanged=\d+ failed=0$", WireTestSite.Summary(again.Output));

        Assert.Equal(Items, await site.QueryAsync(d => d.WireItems.CountAsync()));
        Assert.Equal(Items, await site.QueryAsync(d => d.Articles.CountAsync()));
        Assert.Equal(Items, await site.QueryAsync(d => d.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Title).Distinct().CountAsync()));
        Assert.Equal(Items, await site.QueryAsync(d => d.WireItems.CountAsync(i => i.ArticleId != null && i.State == WireItemState.Published)));
        // Each wire item points at its own article.
        Assert.Equal(Items, await site.QueryAsync(d => d.WireItems.Select(i => i.ArticleId).Distinct().CountAsync()));

        var third = await site.PullAsync();
        Assert.Equal($"new=0 updated=0 unchanged={Items} failed=0", WireTestSite.Summary(third.Output));
    }

    /// <summary><c>dotnet Manset.Web.dll wires pull</c> with the test site's settings in its environment.</summary>
    static Process StartPull(TestApp app, System.Collections.Concurrent.ConcurrentQueue<string> lines)
    {
        // The test project's output folder is …/tests/Manset.Tests/bin/{Configuration}/{tfm}/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var web = Path.Combine(Repository.Root(), "src", "Manset.Web", "bin", output.Parent!.Name, output.Name, "Manset.Web.dll");
        Assert.True(File.Exists(web), $"{web} is missing (build the solution first)");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Repository.Root(), "src", "Manset.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(web);
        start.ArgumentList.Add("wires");
        start.ArgumentList.Add("pull");
        foreach (var (key, value) in app.Settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        // Drain the pipes so that a chatty process never blocks on a full one; the lines are kept for a failure's message.
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lines.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lines.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

public sealed class CrashTestsOnSqlite() : CrashTests(Db.Sqlite);
public sealed class CrashTestsOnPostgres() : CrashTests(Db.Postgres);
