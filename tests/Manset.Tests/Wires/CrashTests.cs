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
        await using var site = await WireTestSite.StartAsync((agency, s) =>
            WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/bolge/rss"), "publish", "yerel"), db, fakeClock: false);
        site.Agency.Xml("/bolge/rss", Feeds.Rss(Items));

        var killedAt = new List<int>();
        var missed = new List<string>();
        // A pull that fails (it could not reach the database, say) has written nothing or part: try again. One that
        // finished has written everything, and a next one would have nothing left to be killed in the middle of.
        for (var attempt = 0; attempt < 3 && killedAt.Count == 0 && await site.QueryAsync(d => d.Articles.CountAsync()) < Items; attempt++)
        {
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var pull = StartPull(site.App, output);
            // Kill as soon as part of the feed is in: articles are written in batches, each in one transaction.
            while (!pull.HasExited)
            {
                var count = await site.QueryAsync(d => d.Articles.CountAsync());
                if (count is > 0 and < Items)
                {
                    pull.Kill(); // SIGKILL on Linux: no finally blocks, no lease release
                    await pull.WaitForExitAsync(TestContext.Current.CancellationToken);
                    killedAt.Add(count);
                    break;
                }
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            await pull.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (killedAt.Count == 0)
            {
                missed.Add($"attempt {attempt + 1}: exit code {pull.ExitCode}, {await site.QueryAsync(d => d.Articles.CountAsync())} articles; last output: "
                    + string.Join(" | ", output.TakeLast(8)));
            }
        }
        Assert.True(killedAt.Count == 1, "the pull was not killed midway: " + string.Join("; ", missed));
        TestContext.Current.SendDiagnosticMessage($"{db}: killed with {killedAt[0]} of {Items} articles written");

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
