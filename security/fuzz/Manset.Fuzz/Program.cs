using Manset.Fuzz;
using SharpFuzz;

// dotnet Manset.Fuzz.dll TARGET            under afl-fuzz (security/fuzz.sh): the fork server for one target
// dotnet Manset.Fuzz.dll TARGET < FILE     outside afl-fuzz: runs one input once (SharpFuzz reads standard input)
// dotnet Manset.Fuzz.dll --replay TARGET FILE...   runs saved inputs and says which ones break a promise
// dotnet Manset.Fuzz.dll --list            the target names
// dotnet Manset.Fuzz.dll --seeds DIR       writes DIR/{target}/fixture-N from the test fixtures
if (args.Length == 2 && args[0] == "--seeds")
{
    // The test fixtures (tests/Manset.Tests/Wires/Feeds.cs) as each target's first corpus; security/fuzz.sh adds
    // the IPTC sample files and the hand-written seeds under security/fuzz/seeds.
    foreach (var (name, seeds) in Seeds.FromTestFixtures())
    {
        var folder = Directory.CreateDirectory(Path.Combine(args[1], name)).FullName;
        for (var i = 0; i < seeds.Count; i++) File.WriteAllText(Path.Combine(folder, $"fixture-{i + 1}"), seeds[i]);
    }
    return 0;
}
if (args.Length == 1 && args[0] == "--list")
{
    foreach (var name in FuzzTargets.All.Keys) Console.WriteLine(name);
    return 0;
}
if (args.Length >= 3 && args[0] == "--replay" && FuzzTargets.All.TryGetValue(args[1], out var replayed))
{
    var failures = 0;
    foreach (var file in args.Skip(2))
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            replayed(File.ReadAllBytes(file));
            Console.WriteLine($"ok     {watch.ElapsedMilliseconds,6} ms  {file}");
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"FAILED {watch.ElapsedMilliseconds,6} ms  {file}: {e.GetType().Name}: {e.Message}");
            Console.WriteLine(e.StackTrace);
        }
    }
    return failures == 0 ? 0 : 1;
}
if (args.Length != 1 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Manset.Fuzz TARGET | --replay TARGET FILE... | --list   (targets: {string.Join(", ", FuzzTargets.All.Keys)})");
    return 2;
}

// Out of process: a hang or a process-killing failure (stack overflow) restarts the child instead of ending the run.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
