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

namespace Manset.Web.Cli;

/// <summary>
/// <c>restore --from FILE</c>: puts a <c>backup --to</c> archive into an empty data directory. Everything is checked
/// before anything is written where the site looks: the archive (a zip with a manifest of a format this release reads,
/// every file listed with its SHA-256 and every listed file there), the target (no database, no media), then each file
/// as it is extracted into a folder inside the data directory, the database's integrity, and the migrations a backup of
/// an older release needs. Only then are the files moved into place, the database last.
/// </summary>
public static class RestoreCommand
{
    const string Refused = "Hiçbir şey geri yüklenmedi.";

    public static async Task<int> RunAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("from", out var from) || string.IsNullOrWhiteSpace(from))
        {
            await error.WriteLineAsync("--from DOSYA gerekli: 'backup --to' ile alınmış yedek dosyası.");
            return 1;
        }
        var path = Path.GetFullPath(from);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"'{path}' bulunamadı.");
            return 1;
        }
        var db = sp.GetRequiredService<MansetDb>();
        var store = sp.GetRequiredService<IMediaStore>();
        var settings = sp.GetRequiredService<IOptions<MansetOptions>>().Value;
        var sqlite = db is SqliteMansetDb;

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            await error.WriteLineAsync($"'{path}' bir Manşet yedeği değil ya da yarım/bozuk (zip arşivi olarak açılmıyor). {Refused}");
            return 1;
        }
        using (zip)
        {
            var (manifest, sums, problem) = await ReadIndexAsync(zip);
            if (problem is not null)
            {
                await error.WriteLineAsync($"'{path}': {problem} {Refused}");
                return 1;
            }
            if (await RefusalAsync(manifest!, db, sqlite) is { } refusal)
            {
                await error.WriteLineAsync($"{refusal} {Refused}");
                return 1;
            }

            var dataPath = settings.DataPath;
            var databaseFile = Path.Combine(dataPath, "manset.db");
            var local = store as LocalMediaStore;
            if (sqlite && (File.Exists(databaseFile) || File.Exists(databaseFile + "-wal")))
            {
                await error.WriteLineAsync($"Hedef boş değil: '{databaseFile}' var. Geri yükleme yalnız boş bir veri klasörüne yapılır; var olanı kenara alın (mv data data.eski) ya da Manset:DataDirectory ile boş bir klasör verin. {Refused}");
                return 1;
            }
            if (local is not null && Directory.Exists(local.Root) && Directory.EnumerateFiles(local.Root, "*", SearchOption.AllDirectories).Any())
            {
                await error.WriteLineAsync($"Hedef boş değil: '{local.Root}' içinde medya dosyaları var. Geri yükleme yalnız boş bir veri klasörüne yapılır. {Refused}");
                return 1;
            }

            Directory.CreateDirectory(dataPath);
            // Inside the data directory, so that the moves into place are renames on one file system.
            var staging = Path.Combine(dataPath, $".geri-yukleme-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(staging);
                if (await ExtractAsync(zip, sums!, staging) is { } broken)
                {
                    await error.WriteLineAsync($"'{path}' bozuk: {broken} {Refused}");
                    return 1;
                }
                IReadOnlyList<string> migrated = [];
                var stagedDatabase = Path.Combine(staging, BackupArchive.DatabaseEntry);
                if (manifest!.DatabaseIncluded)
                {
                    var (check, applied) = await PrepareDatabaseAsync(stagedDatabase);
                    if (check != "ok")
                    {
                        await error.WriteLineAsync($"'{path}' içindeki veritabanı SQLite denetiminden geçmedi: {check} {Refused}");
                        return 1;
                    }
                    migrated = applied;
                }

                // Into place: media, keys, then the database (its presence is what makes the directory "not empty").
                var stagedMedia = Path.Combine(staging, "media");
                if (Directory.Exists(stagedMedia))
                {
                    if (local is not null)
                    {
                        if (Directory.Exists(local.Root)) Directory.Delete(local.Root, recursive: true); // empty folders only: checked above
                        Directory.CreateDirectory(Path.GetDirectoryName(local.Root)!);
                        Directory.Move(stagedMedia, local.Root);
                    }
                    else
                    {
                        // S3: object by object; a key always holds the same bytes, so a repeated restore writes the same objects.
                        foreach (var file in Directory.EnumerateFiles(stagedMedia, "*", SearchOption.AllDirectories))
                        {
                            var key = Path.GetRelativePath(stagedMedia, file).Replace(Path.DirectorySeparatorChar, '/');
                            await using var content = File.OpenRead(file);
                            await store.WriteAsync(key, content, CancellationToken.None);
                        }
                    }
                }
                var stagedKeys = Path.Combine(staging, "keys");
                if (Directory.Exists(stagedKeys))
                {
                    var keys = Path.Combine(dataPath, "keys");
                    Directory.CreateDirectory(keys);
                    foreach (var file in Directory.EnumerateFiles(stagedKeys))
                    {
                        var target = Path.Combine(keys, Path.GetFileName(file));
                        if (!File.Exists(target)) File.Move(file, target);
                    }
                }
                if (manifest.DatabaseIncluded) File.Move(stagedDatabase, databaseFile, overwrite: false);

                var c = manifest.Counts;
                await output.WriteLineAsync(string.Create(Turkish.Culture,
                    $"Geri yüklendi: {c.Articles:N0} haber, {c.Revisions:N0} sürüm, {c.Reactions:N0} tepki, {c.Media:N0} medya ({c.MediaFiles:N0} dosya), {c.Keys:N0} anahtar dosyası."));
                var taken = TimeZoneInfo.ConvertTime(manifest.CreatedAt, Turkish.TimeZone);
                await output.WriteLineAsync($"Yedek: {taken.ToString("d MMMM yyyy HH:mm", Turkish.Culture)}, Manşet {manifest.AppVersion}.");
                if (migrated.Count > 0) await output.WriteLineAsync($"Veritabanı bu sürümün şemasına getirildi: {string.Join(", ", migrated)}");
                if (!manifest.DatabaseIncluded)
                    await output.WriteLineAsync("Bu yedekte veritabanı yok (PostgreSQL): veritabanını pg_restore ile ayrıca geri yükleyin (docs/operations.md).");
                await output.WriteLineAsync(dataPath);
                return 0;
            }
            finally
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The manifest and SHA256SUMS, and whether the archive's entries are exactly the files they list.</summary>
    static async Task<(BackupManifest? Manifest, Dictionary<string, string>? Sums, string? Problem)> ReadIndexAsync(ZipArchive zip)
    {
        const string notOurs = "bir Manşet yedeği değil";
        BackupManifest? manifest;
        byte[] sumsBytes;
        try
        {
            if (zip.GetEntry(BackupArchive.ManifestEntry) is not { } manifestEntry) return (null, null, $"{notOurs} ({BackupArchive.ManifestEntry} yok).");
            await using (var json = await manifestEntry.OpenAsync())
            {
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(json, BackupArchive.Json);
            }
            if (manifest is null || manifest.Application != BackupArchive.Application || manifest.Format < 1)
                return (null, null, $"{notOurs} ({BackupArchive.ManifestEntry} tanınmıyor).");
            if (manifest.Format > BackupArchive.Format)
                return (null, null, $"yedek daha yeni bir Manşet sürümüyle alınmış (Manşet {manifest.AppVersion}, biçim {manifest.Format}); bu sürüm en çok biçim {BackupArchive.Format} okur. Önce Manşet'i güncelleyin.");
            if (zip.GetEntry(BackupArchive.ChecksumsEntry) is not { } sumsEntry) return (null, null, $"yarım ya da bozuk ({BackupArchive.ChecksumsEntry} yok).");
            using var buffer = new MemoryStream();
            await using (var sumsStream = await sumsEntry.OpenAsync()) await sumsStream.CopyToAsync(buffer);
            sumsBytes = buffer.ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return (null, null, $"{notOurs} ya da bozuk ({e.Message}).");
        }
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(sumsBytes)), manifest.ChecksumsSha256, StringComparison.Ordinal))
            return (null, null, $"bozuk ({BackupArchive.ChecksumsEntry} özeti tutmuyor).");
        var sums = BackupArchive.ParseChecksums(System.Text.Encoding.UTF8.GetString(sumsBytes));
        if (sums is null) return (null, null, $"bozuk ({BackupArchive.ChecksumsEntry} okunamıyor).");

        var files = zip.Entries.Where(e => e.FullName is not (BackupArchive.ManifestEntry or BackupArchive.ChecksumsEntry)).ToList();
        if (files.FirstOrDefault(e => !BackupArchive.IsAllowedEntry(e.FullName) || !sums.ContainsKey(e.FullName)) is { } stranger)
            return (null, null, $"yedekte tanınmayan bir dosya var: '{stranger.FullName}'.");
        var present = files.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        if (present.Count != files.Count) return (null, null, "yedekte aynı adla iki dosya var.");
        if (sums.Keys.FirstOrDefault(name => !present.Contains(name)) is { } lost)
            return (null, null, $"yarım ya da bozuk: '{lost}' listede var, arşivde yok.");
        if (manifest.DatabaseIncluded != present.Contains(BackupArchive.DatabaseEntry))
            return (null, null, "yarım ya da bozuk: veritabanı dosyası manifestoyla uyuşmuyor.");
        return (manifest, sums, null);
    }

    /// <summary>Does this release's configuration take this backup? Null when it does.</summary>
    static async Task<string?> RefusalAsync(BackupManifest manifest, MansetDb db, bool sqlite)
    {
        if (manifest.DatabaseIncluded && !sqlite)
            return "Bu yedek bir SQLite sitesinden; yapılandırma PostgreSQL'i gösteriyor (ConnectionStrings:Postgres). SQLite'a geri yükleyin ya da veriyi taşıyın.";
        if (!manifest.DatabaseIncluded && sqlite)
            return "Bu yedek bir PostgreSQL sitesinden (yalnız medya); veritabanı pg_restore ile geri yüklenir. ConnectionStrings:Postgres ayarlı olarak çalıştırın.";
        if (manifest.DatabaseIncluded && manifest.Schema is { } schema && !db.Database.GetMigrations().Contains(schema, StringComparer.Ordinal))
            return $"Yedeğin veritabanı şeması ({schema}) bu sürümden yeni; önce Manşet'i güncelleyin (yedek: Manşet {manifest.AppVersion}).";
        await Task.CompletedTask;
        return null;
    }

    /// <summary>Extracts every listed file under the staging folder, checking its length and SHA-256; null when all are sound.</summary>
    static async Task<string?> ExtractAsync(ZipArchive zip, Dictionary<string, string> sums, string staging)
    {
        var buffer = new byte[128 * 1024];
        foreach (var entry in zip.Entries)
        {
            if (!sums.TryGetValue(entry.FullName, out var expected)) continue; // the manifest and SHA256SUMS, read already
            var target = Path.Combine(staging, entry.FullName.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            try
            {
                await using var source = await entry.OpenAsync();
                await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read));
                    length += read;
                }
            }
            catch (InvalidDataException e)
            {
                return $"'{entry.FullName}' açılamıyor ({e.Message}).";
            }
            if (length != entry.Length || !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), expected, StringComparison.Ordinal))
                return $"'{entry.FullName}' dosyasının özeti tutmuyor.";
        }
        return null;
    }

    /// <summary>SQLite's full integrity check of the extracted database, then the migrations of this release it lacks.</summary>
    static async Task<(string Check, IReadOnlyList<string> Applied)> PrepareDatabaseAsync(string file)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        await using (var sqlite = new SqliteConnection(connection))
        {
            await sqlite.OpenAsync();
            await using var check = sqlite.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync() ?? "sonuç yok";
            if (result != "ok") return (result, []);
        }
        await using var db = new SqliteMansetDb(new DbContextOptionsBuilder<SqliteMansetDb>().UseSqlite(connection).Options);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync();
        return ("ok", pending);
    }
}
