using System.Runtime.ExceptionServices;
using CsCheck;
using Manset.Fuzz;

namespace Manset.Tests.Wires;

/// <summary>
/// Each wire adapter (İHA, DHA, RSS/Atom, NewsML-G2, AA's search and documents), fed whatever an agency could send,
/// either reads stories that keep the adapters' promises or refuses the feed with <c>WireFeedException</c>, its
/// documented error; and it answers within seconds. The checks are the fuzz targets' own (<see cref="FuzzTargets"/>).
/// </summary>
public class WireParserPropertyTests
{
    public static TheoryData<string> Targets => ["iha", "dha", "rss", "newsml", "aa-document", "aa-search"];

    /// <summary>Runs a target on one input, failing it if it takes longer than a few seconds.</summary>
    static void Within(string target, byte[] input)
    {
        // A thread of its own: on the thread pool, a busy start of the test run (many tests blocking threads) could
        // keep the parse waiting for a thread longer than the limit, and the limit is for the parse.
        var run = Task.Factory.StartNew(() => FuzzTargets.All[target](input), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!run.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException($"{target} took more than 10 s on {input.Length} bytes");
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }

    static string Print(byte[] input) => System.Text.Encoding.UTF8.GetString(input);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Arbitrary_bytes_are_read_or_refused_with_a_WireFeedException(string target) =>
        HostileFeeds.AnyBytes.Sample(input => Within(target, input), iter: 400, print: Print);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Damaged_fixtures_are_read_or_refused_with_a_WireFeedException(string target) =>
        HostileFeeds.Mutated(target).Sample(input => Within(target, input), iter: 600, print: Print);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hostile_documents_in_the_format_are_read_or_refused_with_a_WireFeedException(string target) =>
        (target == "aa-search" ? HostileFeeds.StructuredJson : HostileFeeds.StructuredXml(target)).Sample(input => Within(target, input), iter: 800, print: Print);

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_fixtures_themselves_give_stories(string target)
    {
        var stories = 0;
        foreach (var fixture in HostileFeeds.Fixtures(target))
        {
            var batch = target switch
            {
                "aa-search" => OfflineAgency.Fetch("aa", System.Text.Encoding.UTF8.GetBytes(fixture), aaPart: OfflineAgency.AaPart.Search),
                "aa-document" => OfflineAgency.Fetch("aa", System.Text.Encoding.UTF8.GetBytes(fixture)),
                _ => OfflineAgency.Fetch(target, System.Text.Encoding.UTF8.GetBytes(fixture)),
            };
            stories += batch.Stories.Count;
            Within(target, System.Text.Encoding.UTF8.GetBytes(fixture));
        }
        Assert.True(stories > 0, "the mutations start from feeds that are read");
    }
}
