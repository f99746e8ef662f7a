using StackExchange.Redis;

namespace Manset.Tests.Support;

/// <summary>
/// The Redis server the tests may use: <c>MANSET_TEST_REDIS</c>, a StackExchange.Redis connection string. When it is
/// set, every PostgreSQL test app also runs with Redis (each app under its own key prefix), so the PostgreSQL half of
/// the suite is the PostgreSQL + Redis configuration of several nodes. Absent locally: those apps run without Redis and
/// the Redis-only tests skip and say why. Absent with <c>CI=true</c>: they fail.
/// </summary>
public static class Redis
{
    public const string Variable = "MANSET_TEST_REDIS";

    static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    /// <summary>Redis for a PostgreSQL test app: null when there is none (locally), an error in CI.</summary>
    public static async Task<string?> ForAppAsync()
    {
        if (await Problem.Value is not { } problem) return ConnectionString;
        if (Postgres.InCi) throw new InvalidOperationException($"CI=true but Redis is not usable: {problem}");
        return null;
    }

    /// <summary>Skips (locally) or fails (in CI) the calling test when no server is there.</summary>
    public static async Task RequireAsync()
    {
        if (await Problem.Value is not { } problem) return;
        if (Postgres.InCi) throw new InvalidOperationException($"CI=true but Redis is not usable: {problem}");
        var reason = $"Redis not available ({problem}). Set {Variable} to run these tests.";
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "test setup", reason);
        Assert.Skip(reason);
    }

    /// <summary>A key prefix no other test app uses.</summary>
    public static string NewPrefix() => "manset-test-" + Guid.NewGuid().ToString("N")[..10] + ":";

    static async Task<string?> FindProblemAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) return $"{Variable} is not set";
        try
        {
            var options = ConfigurationOptions.Parse(ConnectionString);
            options.ConnectTimeout = 5000;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (Exception e)
        {
            return $"cannot connect: {e.Message}";
        }
    }
}
