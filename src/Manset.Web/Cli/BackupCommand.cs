using System.Globalization;
using Manset.Data;
using Manset.Data.Sqlite;
using Manset.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Manset.Web.Cli;

/// <summary>
/// <c>db backup --out FILE</c>: a consistent copy of the SQLite database while the site keeps serving and writing.
/// On PostgreSQL the database's own tool is the right one: the command says how to run <c>pg_dump</c> and exits 2.
/// Media files and data-protection keys are plain files beside the database; the operator copies them (operations.md).
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var db = sp.GetRequiredService<MansetDb>();
        if (db is not SqliteMansetDb)
        {
            await error.WriteLineAsync(PgDumpAdvice(db.Database.GetConnectionString(), options.GetValueOrDefault("out")));
            return 2;
        }

        if (!options.TryGetValue("out", out var target) || string.IsNullOrWhiteSpace(target))
        {
            await error.WriteLineAsync("--out DOSYA gerekli: yedeğin yazılacağı yeni dosyanın yolu.");
            return 1;
        }
        var path = Path.GetFullPath(target);
        if (File.Exists(path) || Directory.Exists(path))
        {
            await error.WriteLineAsync($"'{path}' zaten var; yedek bir dosyanın üzerine yazılmaz. Başka bir ad verin.");
            return 1;
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"'{folder}' klasörü yok.");
            return 1;
        }

        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(source.DataSource))
        {
            await error.WriteLineAsync($"Veritabanı bulunamadı: '{source.DataSource}' (Manset:DataDirectory doğru mu?).");
            return 1;
        }

        // Written under a temporary name beside the target and renamed at the end: the target path never holds half a copy.
        var partial = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (await CopyAsync(source.ToString(), partial) is { } problem)
            {
                await error.WriteLineAsync($"Yedeğin denetimi başarısız, yedek yazılmadı: {problem}");
                return 1;
            }
            File.Move(partial, path, overwrite: false);
            var bytes = new FileInfo(path).Length;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Veritabanı yedeklendi ({watch.Elapsed.TotalSeconds:0.0} sn). Medya ve anahtarlar ayrıca kopyalanmalı: {Path.Combine(Path.GetDirectoryName(source.DataSource)!, "media")}, {Path.Combine(Path.GetDirectoryName(source.DataSource)!, "keys")}."));
            await output.WriteLineAsync($"{path} ({bytes.ToString("N0", Turkish.Culture)} bayt, {FormatSize(bytes)})");
            return 0;
        }
        catch (IOException) when (File.Exists(path))
        {
            await error.WriteLineAsync($"'{path}' yedek alınırken başka biri tarafından oluşturuldu; üzerine yazılmadı.");
            return 1;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// SQLite's online backup: every page copied in one step under one read transaction, so the copy is the database
    /// as of one instant. In WAL mode the site's writers are not blocked meanwhile. The copy is then made a single
    /// self-contained file (rollback journal, no -wal/-shm beside it) and checked.
    /// </summary>
    /// <returns>Null when the copy is sound; otherwise what SQLite's check found.</returns>
    static async Task<string?> CopyAsync(string sourceConnection, string destinationFile)
    {
        await using var from = new SqliteConnection(sourceConnection);
        await from.OpenAsync();
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationFile, Pooling = false }.ToString());
        await to.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                from.BackupDatabase(to);
                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 20) // SQLITE_BUSY, SQLITE_LOCKED
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
        await using (var journal = to.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteScalarAsync();
        }
        await using (var check = to.CreateCommand())
        {
            check.CommandText = "PRAGMA quick_check;";
            var result = (string?)await check.ExecuteScalarAsync();
            return result == "ok" ? null : result;
        }
    }

    static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", Turkish.Culture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", Turkish.Culture) + " MB",
        _ => (bytes / 1024d).ToString("0.0", Turkish.Culture) + " KB",
    };

    /// <summary>The pg_dump command line for the configured database (no password: PGPASSWORD or ~/.pgpass).</summary>
    static string PgDumpAdvice(string? connectionString, string? target)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var file = string.IsNullOrWhiteSpace(target) ? $"manset-{DateTime.UtcNow:yyyy-MM-dd}.dump" : target;
        var args = new List<string> { "pg_dump", "-Fc" };
        if (!string.IsNullOrEmpty(cs.Host)) args.AddRange(["-h", cs.Host]);
        if (cs.Port != NpgsqlConnection.DefaultPort) args.AddRange(["-p", cs.Port.ToString(CultureInfo.InvariantCulture)]);
        if (!string.IsNullOrEmpty(cs.Username)) args.AddRange(["-U", cs.Username]);
        args.AddRange(["-d", cs.Database ?? "manset", "-f", file]);
        return $"""
            Veritabanı PostgreSQL: yedeği PostgreSQL'in kendi aracı pg_dump alır (site çalışırken de tutarlı bir kopya verir).
              {string.Join(' ', args.Select(Quote))}
            Parolayı PGPASSWORD ortam değişkeniyle ya da ~/.pgpass dosyasıyla verin. Geri yükleme: pg_restore --clean --if-exists -d VERITABANI DOSYA
            Medya dosyaları ayrıca yedeklenmeli (docs/operations.md).
            """;
    }

    static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@')
        ? arg
        : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
