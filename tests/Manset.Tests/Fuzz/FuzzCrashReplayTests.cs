using Manset.Fuzz;

namespace Manset.Tests.Fuzz;

/// <summary>
/// Every input that once broke a fuzz target (Fuzz/Crashes/{target}/{input}) goes through the same target again:
/// read or refused as documented, safe output, within seconds.
/// </summary>
public class FuzzCrashReplayTests
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Crashes");

    public static TheoryData<string, string> Crashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task A_saved_crash_input_no_longer_breaks_its_target(string target, string input)
    {
        Assert.True(FuzzTargets.All.TryGetValue(target, out var run), $"no fuzz target '{target}' for {input}");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Folder, target, input), TestContext.Current.CancellationToken);
        // A hang fails with a TimeoutException after 10 s; anything the target throws fails the test as itself.
        // A thread of its own, so that the limit times the target and not a wait for a busy thread pool.
        await Task.Factory.StartNew(() => run(bytes), TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Every_target_has_a_name_the_fuzz_script_knows() =>
        Assert.Equal(["aa-document", "aa-search", "dha", "iha", "newsml", "rss", "sanitizer", "slug"], FuzzTargets.All.Keys.Order(StringComparer.Ordinal));
}
