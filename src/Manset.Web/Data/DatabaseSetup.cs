using Manset.Data;
using Manset.Data.Sqlite;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Data;

/// <summary>The PostgreSQL schema is behind the code: an operator runs the migration command first.</summary>
public sealed class DatabaseNotReadyException(string message) : Exception(message);

/// <summary>
/// Prepares the database before the site or a command uses it. SQLite: WAL mode, migrations and planner statistics at start.
/// PostgreSQL: migrations only through <c>db migrate</c>; start-up refuses a schema that is behind.
/// Then the roles, and the demo newspaper when the database is empty.
/// </summary>
public sealed class DatabaseSetup(MansetDb db, RoleManager<IdentityRole> roles, DemoContent demo, Search.SearchIndexer search, IOptions<MansetOptions> options, ILogger<DatabaseSetup> log)
{
    public async Task PrepareAsync(bool withDemoContent, CancellationToken ct)
    {
        Directory.CreateDirectory(options.Value.DataPath);
        if (db is SqliteMansetDb)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await db.Database.MigrateAsync(ct);
                // Query-planner statistics for tables never analysed or grown many times over since (SQLite 3.46+);
                // a no-op most starts. Without them the planner reads a million rows where four would do.
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        // Several nodes may start at once: one at a time from here (demo content is written once).
        await LockAsync(ct);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                throw new DatabaseNotReadyException(
                    $"PostgreSQL şeması güncel değil ({pending.Count} bekleyen geçiş: {string.Join(", ", pending)}). " +
                    "Önce 'dotnet Manset.Web.dll db migrate' komutunu çalıştırın.");
            }
            await EnsureRolesAsync();
            if (withDemoContent && options.Value.DemoContent && await IsEmptyAsync(ct))
            {
                log.LogInformation("Veritabanı boş: demo gazete yazılıyor…");
                await demo.WriteAsync(ct);
            }
            await search.EnsureBuiltAsync(ct);
        }
        finally
        {
            await UnlockAsync();
        }
    }

    // Any constant shared by every node of one database; "Manşet" in ASCII.
    const long StartupLock = 0x4D616E73_6574;

    /// <summary>
    /// PostgreSQL: waits for the start-up lock (a session advisory lock, freed if this process dies), asking every half
    /// second: another node may hold it for as long as writing the demo newspaper takes, longer than a command timeout.
    /// </summary>
    async Task LockAsync(CancellationToken ct)
    {
        if (db is SqliteMansetDb) return;
        await db.Database.OpenConnectionAsync(ct);
        var waited = false;
        while (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({StartupLock}) AS \"Value\"").SingleAsync(ct))
        {
            if (!waited) log.LogInformation("Başka bir düğüm veritabanını hazırlıyor; sırası bekleniyor…");
            waited = true;
            await Task.Delay(500, ct);
        }
    }

    async Task UnlockAsync()
    {
        if (db is SqliteMansetDb) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLock})");
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>Applies every pending migration (the <c>db migrate</c> command).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.Value.DataPath);
        await LockAsync(ct);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            return pending;
        }
        finally
        {
            await UnlockAsync();
        }
    }

    async Task<bool> IsEmptyAsync(CancellationToken ct) =>
        !await db.Categories.AnyAsync(ct) && !await db.Articles.AnyAsync(ct);

    async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }
}

public static class DatabaseSetupExtensions
{
    /// <summary>Runs <see cref="DatabaseSetup.PrepareAsync"/> before the site starts serving.</summary>
    /// <returns>False when the site cannot start; the reason has been logged and the exit code set.</returns>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: true, app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (DatabaseNotReadyException e)
        {
            app.Logger.LogCritical("{Reason}", e.Message);
            Environment.ExitCode = 1;
            return false;
        }
    }
}
