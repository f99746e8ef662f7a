using Npgsql;

namespace Manset.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests may use: <c>MANSET_TEST_POSTGRES</c>, a connection string to a role that may
/// create databases. Absent locally: the PostgreSQL tests skip and say why. Absent with <c>CI=true</c>: they fail.
/// </summary>
public static class Postgres
{
    public const string Variable = "MANSET_TEST_POSTGRES";

    static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (in CI) the calling test when no server is there.</summary>
    public static async Task RequireAsync()
    {
        if (await Problem.Value is not { } problem) return;
        if (InCi) throw new InvalidOperationException($"CI=true but PostgreSQL is not usable: {problem}");
        var reason = $"PostgreSQL not available ({problem}). Set {Variable} to run these tests.";
        // Shown by the runner at normal verbosity (xunit.runner.json: diagnosticMessages), once per test.
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "test setup", reason);
        Assert.Skip(reason);
    }

    /// <summary>A fresh, empty database for one test app; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        await RequireAsync();
        var name = "manset_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Test classes run in parallel, each with its own app: keep every pool well under the server's 100 connections.
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>
    /// Drops a test app's database. WITH (FORCE) ends the app's own lingering connections, but not an autovacuum worker
    /// that has just started on the new database: that one runs as the server's superuser, which the tests' role may
    /// not signal (42501), and it ends by itself within moments, so the drop is tried again for a while.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 60)
            {
                await Task.Delay(250);
            }
        }
    }

    static async Task<string?> FindProblemAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) return $"{Variable} is not set";
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await connection.OpenAsync(timeout.Token);
            return null;
        }
        catch (Exception e)
        {
            return $"cannot connect: {e.Message}";
        }
    }
}
