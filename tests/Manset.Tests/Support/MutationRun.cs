namespace Manset.Tests.Support;

/// <summary>
/// security/mutation.sh sets <c>MANSET_MUTATION_RUN=1</c>: Stryker runs every test that covers a mutant once per
/// mutant, and a test that waits tens of seconds on the real clock would make a run last hours. Such a test skips
/// there (saying why) when a faster test on a fake clock covers the same code; in CI and locally it always runs.
/// </summary>
public static class MutationRun
{
    public static bool Active => Environment.GetEnvironmentVariable("MANSET_MUTATION_RUN") == "1";

    public static void SkipWhenActive(string coveredBy)
    {
        if (Active) Assert.Skip($"mutation run (MANSET_MUTATION_RUN=1): this test waits on the real clock; {coveredBy} covers the same code");
    }
}
