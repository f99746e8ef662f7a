using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Manset.Data;
using Manset.Data.Sqlite;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
            await error.WriteLineAsync(PgDumpAdvice(db.Database.GetConnectionString(), options.GetValueOrDefault("out"), sp.GetRequiredService<TimeProvider>().GetUtcNow(),
                "Medya dosyaları ayrıca yedeklenmeli: 'backup --to DOSYA' (docs/operations.md)."));
            return 2;
        }

        if (await TargetAsync(options.GetValueOrDefault("out"), "--out", error) is not { } path) return 1;
        var folder = Path.GetDirectoryName(path)!;

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

    /// <summary>The --to/--out path, full, when it names a new file in an existing folder; otherwise says why and returns null.</summary>
    static async Task<string?> TargetAsync(string? target, string option, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            await error.WriteLineAsync($"{option} DOSYA gerekli: yedeğin yazılacağı yeni dosyanın yolu.");
            return null;
        }
        var path = Path.GetFullPath(target);
        if (File.Exists(path) || Directory.Exists(path))
        {
            await error.WriteLineAsync($"'{path}' zaten var; yedek bir dosyanın üzerine yazılmaz. Başka bir ad verin.");
            return null;
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"'{folder}' klasörü yok.");
            return null;
        }
        return path;
    }

    /// <summary>
    /// <c>backup --to FILE</c>: one zip (<see cref="BackupArchive"/>) with the database as of one instant (SQLite's
    /// online backup, checked), every media file that copy names (read through the media store, local or S3, after the
    /// copy was taken: files are written before the rows that name them and never change or go away, so none can be
    /// missing), the data-protection keys and a manifest. Written under a temporary name beside the target and renamed
    /// at the end. On PostgreSQL the database is pg_dump's: the archive holds the media, and the command prints the
    /// pg_dump and pg_restore lines.
    /// </summary>
    public static async Task<int> ArchiveAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var db = sp.GetRequiredService<MansetDb>();
        var store = sp.GetRequiredService<IMediaStore>();
        var settings = sp.GetRequiredService<IOptions<MansetOptions>>().Value;
        var clock = sp.GetRequiredService<TimeProvider>();
        var sqlite = db is SqliteMansetDb;
        if (await TargetAsync(options.GetValueOrDefault("to"), "--to", error) is not { } path) return 1;
        var folder = Path.GetDirectoryName(path)!;
        SqliteConnectionStringBuilder? source = null;
        if (sqlite)
        {
            source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Mode = SqliteOpenMode.ReadWrite };
            if (!File.Exists(source.DataSource))
            {
                await error.WriteLineAsync($"Veritabanı bulunamadı: '{source.DataSource}' (Manset:DataDirectory doğru mu?).");
                return 1;
            }
        }

        var stem = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        var partial = stem + ".partial";
        var snapshotFile = stem + ".db.partial";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Inventory inventory;
            if (source is not null)
            {
                if (await CopyAsync(source.ToString(), snapshotFile) is { } problem)
                {
                    await error.WriteLineAsync($"Veritabanı kopyasının denetimi başarısız, yedek yazılmadı: {problem}");
                    return 1;
                }
                var snapshotConnection = new SqliteConnectionStringBuilder { DataSource = snapshotFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
                await using var snapshot = new SqliteMansetDb(new DbContextOptionsBuilder<SqliteMansetDb>().UseSqlite(snapshotConnection).Options);
                inventory = await InventoryAsync(snapshot);
            }
            else
            {
                // PostgreSQL: the rows as of now. Taken after the operator's pg_dump (operations.md), they name every
                // file the dump names: media rows and files are never deleted.
                inventory = await InventoryAsync(db);
            }

            var files = new List<(string Path, string Sha256)>();
            var missing = new List<string>();
            long bytes = 0;
            int mediaFiles = 0, keyFiles = 0;
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    if (source is not null)
                    {
                        await using var file = File.OpenRead(snapshotFile);
                        var (length, sha) = await BackupArchive.AddAsync(zip, BackupArchive.DatabaseEntry, file, CompressionLevel.Fastest, CancellationToken.None);
                        files.Add((BackupArchive.DatabaseEntry, sha));
                        bytes += length;
                    }
                    var progress = inventory.MediaKeys.Count >= 1000 ? Progress(output) : null;
                    foreach (var key in inventory.MediaKeys)
                    {
                        await using var content = await store.OpenReadAsync(key, range: null, CancellationToken.None);
                        if (content is null)
                        {
                            missing.Add(key);
                            continue;
                        }
                        var name = BackupArchive.MediaFolder + key;
                        // Pictures and videos are compressed already; captions are text.
                        var level = key.EndsWith(".vtt", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
                        var (length, sha) = await BackupArchive.AddAsync(zip, name, content.Content, level, CancellationToken.None);
                        if (length != content.Info.Length) throw new IOException($"'{key}' okunurken boyu değişti ({length} / {content.Info.Length} bayt).");
                        files.Add((name, sha));
                        bytes += length;
                        mediaFiles++;
                        progress?.Report((mediaFiles + missing.Count, inventory.MediaKeys.Count));
                    }
                    if (progress is not null) await output.WriteLineAsync();
                    var keys = Path.Combine(settings.DataPath, "keys");
                    if (sqlite && Directory.Exists(keys))
                    {
                        foreach (var keyFile in Directory.EnumerateFiles(keys).Order(StringComparer.Ordinal))
                        {
                            var fileName = Path.GetFileName(keyFile);
                            if (!BackupArchive.IsKeyFileName(fileName)) continue;
                            await using var file = File.OpenRead(keyFile);
                            var name = BackupArchive.KeysFolder + fileName;
                            var (length, sha) = await BackupArchive.AddAsync(zip, name, file, CompressionLevel.Optimal, CancellationToken.None);
                            files.Add((name, sha));
                            bytes += length;
                            keyFiles++;
                        }
                    }
                    var sums = BackupArchive.Checksums(files);
                    await BackupArchive.AddAsync(zip, BackupArchive.ChecksumsEntry, new MemoryStream(sums), CompressionLevel.Optimal, CancellationToken.None);
                    var manifest = new BackupManifest
                    {
                        Application = BackupArchive.Application,
                        Format = BackupArchive.Format,
                        AppVersion = BackupArchive.AppVersion,
                        CreatedAt = clock.GetUtcNow(),
                        Provider = sqlite ? "sqlite" : "postgres",
                        DatabaseIncluded = sqlite,
                        Schema = inventory.Schema,
                        MediaStore = MediaStores.IsS3(settings.Media.Store) ? MediaStores.S3 : MediaStores.Local,
                        Counts = inventory.Counts with { MediaFiles = mediaFiles, Keys = keyFiles, Bytes = bytes },
                        ChecksumsSha256 = Convert.ToHexStringLower(SHA256.HashData(sums)),
                        MissingMedia = missing.Count == 0 ? null : missing,
                    };
                    await BackupArchive.AddAsync(zip, BackupArchive.ManifestEntry,
                        new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, BackupArchive.Json)), CompressionLevel.Optimal, CancellationToken.None);
                }
                await stream.FlushAsync();
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, path, overwrite: false);

            var size = new FileInfo(path).Length;
            var c = inventory.Counts;
            await output.WriteLineAsync(string.Create(Turkish.Culture,
                $"Yedek alındı ({watch.Elapsed.TotalSeconds:0.0} sn): {c.Articles:N0} haber, {c.Revisions:N0} sürüm, {c.Reactions:N0} tepki, {c.Media:N0} medya ({mediaFiles:N0} dosya), {keyFiles:N0} anahtar dosyası."));
            if (missing.Count > 0)
            {
                await error.WriteLineAsync($"UYARI: veritabanının andığı {missing.Count.ToString("N0", Turkish.Culture)} medya dosyası depoda yok (sitede de açılmıyor); yedekte de yok, listesi manset-yedek.json içinde. İlki: {missing[0]}");
            }
            if (!sqlite)
            {
                await output.WriteLineAsync(PgDumpAdvice(db.Database.GetConnectionString(), Path.ChangeExtension(path, ".dump"), clock.GetUtcNow(),
                    "Bu dosyada medya var, veritabanı YOK: pg_dump'ı her seferinde bu komuttan ÖNCE çalıştırın ve ikisini birlikte saklayın; geri yüklemede önce pg_restore, sonra 'restore --from'."));
            }
            await output.WriteLineAsync($"{path} ({size.ToString("N0", Turkish.Culture)} bayt, {FormatSize(size)})");
            return 0;
        }
        catch (IOException) when (File.Exists(path) && !File.Exists(partial))
        {
            await error.WriteLineAsync($"'{path}' yedek alınırken başka biri tarafından oluşturuldu; üzerine yazılmadı.");
            return 1;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"Yedek yazılamadı, yarım dosya silindi: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            // A database without the schema (never started) or a damaged one: said plainly, not as a stack trace.
            await error.WriteLineAsync($"Veritabanı okunamadı, yedek yazılmadı (site bu veri klasörüyle hiç başlatıldı mı?): {e.Message}");
            return 1;
        }
        finally
        {
            File.Delete(partial);
            File.Delete(snapshotFile);
        }
    }

    /// <summary>What one database (a snapshot, or PostgreSQL as it is) holds: counts, schema, and the media files it names.</summary>
    sealed record Inventory(BackupCounts Counts, string? Schema, IReadOnlyList<string> MediaKeys);

    static async Task<Inventory> InventoryAsync(MansetDb db)
    {
        var counts = new BackupCounts
        {
            Articles = await db.Articles.CountAsync(),
            Revisions = await db.ArticleRevisions.CountAsync(),
            Reactions = await db.ArticleReactions.CountAsync(),
            Media = await db.Media.CountAsync(),
        };
        var schema = (await db.Database.GetAppliedMigrationsAsync()).LastOrDefault();
        var rows = await db.Media.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Kind, m.StorageKey, m.Renditions, m.HasWebp }).ToListAsync();
        var keys = rows.SelectMany(m => BackupArchive.StoredKeys(m.Kind, m.StorageKey, m.Renditions, m.HasWebp)).Where(MediaKeys.IsValid).Distinct(StringComparer.Ordinal).ToList();
        return new Inventory(counts, schema, keys);
    }

    static IProgress<(int Done, int Total)> Progress(TextWriter output)
    {
        var shown = -1;
        return new Reporter(p =>
        {
            var percent = (int)(p.Done * 100L / Math.Max(1, p.Total));
            if (percent == shown) return;
            shown = percent;
            output.Write($"\rMedya: %{percent} ({p.Done.ToString("N0", Turkish.Culture)}/{p.Total.ToString("N0", Turkish.Culture)})");
        });
    }

    sealed class Reporter(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    /// <summary>
    /// SQLite's online backup: every page copied in one step under one read transaction, so the copy is the database
    /// as of one instant. In WAL mode the site's writers are not blocked meanwhile. The copy is then made a single
    /// self-contained file (rollback journal, no -wal/-shm beside it) and checked.
    /// </summary>
    /// <returns>Null when the copy is sound; otherwise what SQLite's check found.</returns>
    internal static async Task<string?> CopyAsync(string sourceConnection, string destinationFile)
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
    static string PgDumpAdvice(string? connectionString, string? target, DateTimeOffset now, string mediaNote)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var file = string.IsNullOrWhiteSpace(target) ? string.Create(CultureInfo.InvariantCulture, $"manset-{now:yyyy-MM-dd}.dump") : target;
        var server = new List<string>();
        if (!string.IsNullOrEmpty(cs.Host)) server.AddRange(["-h", cs.Host]);
        if (cs.Port != NpgsqlConnection.DefaultPort) server.AddRange(["-p", cs.Port.ToString(CultureInfo.InvariantCulture)]);
        if (!string.IsNullOrEmpty(cs.Username)) server.AddRange(["-U", cs.Username]);
        var database = cs.Database ?? "manset";
        string[] dump = ["pg_dump", "-Fc", .. server, "-d", database, "-f", file];
        string[] restore = ["pg_restore", "--clean", "--if-exists", "--no-owner", .. server, "-d", database, file];
        return $"""
            Veritabanı PostgreSQL: yedeği PostgreSQL'in kendi aracı pg_dump alır (site çalışırken de tutarlı bir kopya verir).
              {string.Join(' ', dump.Select(Quote))}
            Parolayı PGPASSWORD ortam değişkeniyle ya da ~/.pgpass dosyasıyla verin. Geri yükleme (düğümler durmuşken):
              {string.Join(' ', restore.Select(Quote))}
            {mediaNote}
            """;
    }

    static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@')
        ? arg
        : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
