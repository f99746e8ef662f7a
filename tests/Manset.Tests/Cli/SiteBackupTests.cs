using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Cli;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Cli;

/// <summary>
/// <c>backup --to FILE</c> and <c>restore --from FILE</c> (contract.md): one archive with the database, the media and
/// the keys, taken while the site writes, restored by a real process into an empty data directory, and a site started
/// on it that has everything back; and every refusal, with nothing written.
/// </summary>
public class SiteBackupTests
{
    static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "manset-tests", "yedek-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    static async Task<JsonNode> UploadAsync(HttpClient api, int width, int height, string name)
    {
        var response = await api.PostAsync("/api/v1/media", Upload(TestImages.Jpeg(width, height), name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    static Task<HttpResponseMessage> ReactAsync(HttpClient reader, int id, string reaction)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", reaction)]) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return reader.SendAsync(request);
    }

    /// <summary>The restore command as the operator runs it: its own process, its own (empty) data directory.</summary>
    static Task<(int Code, string Output)> RestoreAsync(string dataDirectory, string file) =>
        Node.RunAsync(new Dictionary<string, string?> { ["Manset:DataDirectory"] = dataDirectory, ["Manset:DemoContent"] = "false" }, "restore", "--from", file);

    static async Task<T> WithDbAsync<T>(TestApp app, Func<MansetDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MansetDb>());
    }

    /// <summary>Every media file the archive's database names, and the archive's entries, from the file alone.</summary>
    static async Task<(string IntegrityCheck, List<string> NamedKeys, HashSet<string> Entries, int Articles)> InspectAsync(string archive, string folder)
    {
        using var zip = ZipFile.OpenRead(archive);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var database = Path.Combine(folder, "icerik-" + Guid.NewGuid().ToString("N") + ".db");
        zip.GetEntry(BackupArchive.DatabaseEntry)!.ExtractToFile(database);
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var integrity = (string)(await check.ExecuteScalarAsync())!;
        await using var media = connection.CreateCommand();
        media.CommandText = "SELECT Kind, StorageKey, Renditions, HasWebp FROM Media";
        var keys = new List<string>();
        await using (var reader = await media.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                keys.AddRange(BackupArchive.StoredKeys((MediaKind)reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Articles";
        var articles = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return (integrity, keys, entries, articles);
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_directory_brings_back_every_article_revision_reaction_image_and_key()
    {
        TestApp.SkipWhenAllOnPostgres();
        var folder = NewFolder();
        var target = Path.Combine(folder, "geri-yuklenen");
        Directory.CreateDirectory(target);
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Yedek");
        var image = await UploadAsync(api, 1400, 900, "yedek-foto.jpg");
        var created = await Json.ArticleAsync(api, new
        {
            title = "Yedekten dönen haber",
            spot = "Geri yüklemede her şey yerinde olmalı.",
            body = "<p>Eskişehir'de yedekleme tatbikatı yapıldı.</p>",
            category,
            source = "İHA",
            status = "published",
            image = new { id = (int)image["id"]!, caption = "Tatbikat", credit = "AA" },
        });
        var id = (int)created["id"]!;
        var url = (string)created["url"]!;
        for (var i = 1; i <= 3; i++)
        {
            var saved = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = $"Yedekten dönen haber, düzeltme {i}", category }));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        url = (string)(await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{id}")))["url"]!; // the new headline, the new slug
        foreach (var reaction in new[] { "begendim", "begendim", "sevdim", "uzgun" })
        {
            var reader = await app.BrowserReaderAsync(url);
            Assert.Equal(HttpStatusCode.OK, (await ReactAsync(reader, id, reaction)).StatusCode);
        }

        var revisions = await (await api.GetAsync($"/api/v1/articles/{id}/revisions")).Content.ReadAsStringAsync();
        Assert.Equal(4, JsonNode.Parse(revisions)!.AsArray().Count);
        var counts = (await Json.ReadAsync(await app.Reader().GetAsync($"/tepki/{id}")))["counts"]!.ToJsonString();
        Assert.Contains("\"begendim\":2", counts, StringComparison.Ordinal);
        var articles = await WithDbAsync(app, db => db.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, a.Status }).ToListAsync());
        var allRevisions = await WithDbAsync(app, db => db.ArticleRevisions.OrderBy(r => r.Id).Select(r => new { r.Id, r.ArticleId, r.Version, r.Title }).ToListAsync());
        var allReactions = await WithDbAsync(app, db => db.ArticleStats.OrderBy(s => s.ArticleId).ToListAsync());
        var mediaRows = await WithDbAsync(app, db => db.Media.OrderBy(m => m.Id).Select(m => new { m.Kind, m.StorageKey, m.Renditions, m.HasWebp }).ToListAsync());
        var mediaKeys = mediaRows.SelectMany(m => BackupArchive.StoredKeys(m.Kind, m.StorageKey, m.Renditions, m.HasWebp)).ToList();
        Assert.True(articles.Count > 40, $"{articles.Count} articles: the demo newspaper and ours");
        Assert.True(mediaKeys.Count > 100, $"{mediaKeys.Count} media files");
        var secret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("yedek-testi").Protect("anahtarlar da geldi");

        var file = Path.Combine(folder, "manset-yedek.zip");
        var backup = await app.RunAsync("backup", "--to", file);
        Assert.True(backup.Code == 0, backup.Error);
        Assert.Contains(file, backup.Output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal([file], Directory.GetFiles(folder)); // no partial file left beside it

        var restore = await RestoreAsync(target, file);
        Assert.True(restore.Code == 0, restore.Output);
        Assert.Contains("Geri yüklendi", restore.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(target, ".geri-yukleme-*"));

        await using var restored = await TestApp.StartAsync(Db.Sqlite, configure: s => s["Manset:DataDirectory"] = target);
        Assert.Equal(articles.Select(a => (a.Id, a.Title, a.Status)),
            (await WithDbAsync(restored, db => db.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, a.Status }).ToListAsync())).Select(a => (a.Id, a.Title, a.Status)));
        Assert.Equal(allRevisions.Select(r => (r.Id, r.ArticleId, r.Version, r.Title)),
            (await WithDbAsync(restored, db => db.ArticleRevisions.OrderBy(r => r.Id).Select(r => new { r.Id, r.ArticleId, r.Version, r.Title }).ToListAsync())).Select(r => (r.Id, r.ArticleId, r.Version, r.Title)));
        Assert.Equal(allReactions.Select(s => (s.ArticleId, s.Like, s.Love, s.Dislike, s.Sad, s.Wow)),
            (await WithDbAsync(restored, db => db.ArticleStats.OrderBy(s => s.ArticleId).ToListAsync())).Select(s => (s.ArticleId, s.Like, s.Love, s.Dislike, s.Sad, s.Wow)));

        // Through the restored site: the page, the revisions (the API token is in the database too), the reactions.
        var restoredApi = restored.Reader();
        restoredApi.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var page = await restored.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Yedekten dönen haber, düzeltme 3", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(revisions, await (await restoredApi.GetAsync($"/api/v1/articles/{id}/revisions")).Content.ReadAsStringAsync());
        Assert.Equal(counts, (await Json.ReadAsync(await restored.Reader().GetAsync($"/tepki/{id}")))["counts"]!.ToJsonString());

        // Every stored picture, served from the restored media folder with the bytes the original served.
        var original = app.Reader();
        var copy = restored.Reader();
        foreach (var key in mediaKeys)
        {
            var before = await original.GetAsync("/media/" + key);
            var after = await copy.GetAsync("/media/" + key);
            Assert.True(after.StatusCode == HttpStatusCode.OK, $"/media/{key}: {(int)after.StatusCode}");
            Assert.Equal(await before.Content.ReadAsByteArrayAsync(), await after.Content.ReadAsByteArrayAsync());
        }
        Assert.True(File.Exists(Path.Combine(target, "media", ((string)image["renditions"]![0]!["url"]!)["/media/".Length..])));

        // The key ring came along: what the original site protected (cookies, forms), the restored one reads.
        Assert.Equal("anahtarlar da geldi", restored.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("yedek-testi").Unprotect(secret));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_while_reactions_saves_and_uploads_go_on_is_consistent()
    {
        TestApp.SkipWhenAllOnPostgres();
        var folder = NewFolder();
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Eşzamanlı");
        var created = await Json.ArticleAsync(api, new { title = "Tepki alan haber", category, status = "published" });
        var id = (int)created["id"]!;
        var url = (string)created["url"]!;
        var readers = new List<HttpClient>();
        for (var i = 0; i < 20; i++) readers.Add(await app.BrowserReaderAsync(url));

        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        int reactions = 0, saves = 0, uploads = 0;
        var reacting = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var response = await ReactAsync(readers[i % readers.Count], id, i % 2 == 0 ? "begendim" : "sevdim");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}");
                Interlocked.Increment(ref reactions);
                started.TrySetResult();
            }
        });
        var saving = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = $"Tepki alan haber, sürüm {i}", category }))).StatusCode);
                await Json.ArticleAsync(api, new { title = $"Yedek sırasında yazılan haber {i}", category, status = "published" });
                Interlocked.Increment(ref saves);
            }
        });
        var uploading = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await UploadAsync(api, 400 + i, 300, $"eszamanli-{i}.jpg"); // a new picture each time: new files, new rows
                Interlocked.Increment(ref uploads);
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Each kind of write has happened at least once, and goes on while the backup runs.
        for (var waited = 0; (Volatile.Read(ref saves) == 0 || Volatile.Read(ref uploads) == 0) && waited < 600; waited++) await Task.Delay(50);
        var firstSnapshotArticles = await WithDbAsync(app, db => db.Articles.CountAsync());

        var file = Path.Combine(folder, "eszamanli.zip");
        var backup = await app.RunAsync("backup", "--to", file);
        var articlesWhenDone = await WithDbAsync(app, db => db.Articles.CountAsync());
        await stop.CancelAsync();
        await Task.WhenAll(reacting, saving, uploading);

        Assert.True(backup.Code == 0, backup.Error);
        Assert.True(saves > 0 && uploads > 0 && reactions > 0, $"writes: {saves} saves, {uploads} uploads, {reactions} reactions");
        var (integrity, named, entries, articles) = await InspectAsync(file, folder);
        Assert.Equal("ok", integrity);
        Assert.InRange(articles, firstSnapshotArticles, articlesWhenDone);
        // Every file the database copy names is in the archive, whatever was uploaded meanwhile.
        Assert.NotEmpty(named);
        Assert.All(named, key => Assert.Contains(BackupArchive.MediaFolder + key, entries));

        // And it restores: the checksums hold, the counts in the database are what they were at the snapshot.
        var target = Path.Combine(folder, "hedef");
        var restore = await RestoreAsync(target, file);
        Assert.True(restore.Code == 0, restore.Output);
        Assert.True(File.Exists(Path.Combine(target, "manset.db")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_never_overwrites_an_existing_file_and_needs_a_target()
    {
        TestApp.SkipWhenAllOnPostgres();
        var folder = NewFolder();
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var file = Path.Combine(folder, "var-olan.zip");
        await File.WriteAllTextAsync(file, "dokunma");

        var result = await app.RunAsync("backup", "--to", file);

        Assert.Equal(1, result.Code);
        Assert.Contains("zaten var", result.Error, StringComparison.Ordinal);
        Assert.Equal("dokunma", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFiles(folder));
        Assert.Equal(1, (await app.RunAsync("backup")).Code);
        var missingFolder = await app.RunAsync("backup", "--to", Path.Combine(folder, "yok", "yedek.zip"));
        Assert.Equal(1, missingFolder.Code);
        Assert.Contains("klasörü yok", missingFolder.Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Restore_refuses_a_non_empty_target_and_anything_that_is_not_a_whole_backup_of_a_known_format()
    {
        TestApp.SkipWhenAllOnPostgres();
        var folder = NewFolder();
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var api = await app.ApiClientAsync();
        await UploadAsync(api, 900, 600, "ret.jpg");
        var good = Path.Combine(folder, "iyi.zip");
        Assert.Equal(0, (await app.RunAsync("backup", "--to", good)).Code);

        // The running site's own directory holds a database.
        var occupied = await app.RunAsync("restore", "--from", good);
        Assert.Equal(1, occupied.Code);
        Assert.Contains("Hedef boş değil", occupied.Error, StringComparison.Ordinal);
        Assert.Contains("manset.db", occupied.Error, StringComparison.Ordinal);

        // Not an archive, a zip that is not ours, half an archive, an archive of a newer format: refused before the target is looked at.
        var text = Path.Combine(folder, "not.txt");
        await File.WriteAllTextAsync(text, "Bu bir yedek değil.");
        var foreign = Path.Combine(folder, "baska.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create)) await using (var writer = new StreamWriter(zip.CreateEntry("okubeni.txt").Open())) await writer.WriteAsync("merhaba");
        var truncated = Path.Combine(folder, "yarim.zip");
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 2 / 3)]);
        var newer = Path.Combine(folder, "yeni.zip");
        File.Copy(good, newer);
        using (var zip = ZipFile.Open(newer, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupArchive.ManifestEntry)!;
            JsonNode manifest;
            await using (var read = entry.Open()) manifest = (await JsonNode.ParseAsync(read))!;
            manifest["format"] = BackupArchive.Format + 1;
            entry.Delete();
            await using var write = new StreamWriter(zip.CreateEntry(BackupArchive.ManifestEntry).Open());
            await write.WriteAsync(manifest.ToJsonString());
        }
        foreach (var (archive, says) in new[] { (text, "Manşet yedeği değil"), (foreign, "Manşet yedeği değil"), (truncated, "yarım"), (newer, "daha yeni") })
        {
            var refused = await app.RunAsync("restore", "--from", archive);
            Assert.True(refused.Code == 1, $"{Path.GetFileName(archive)}: {refused.Code} {refused.Output}");
            Assert.Contains(says, refused.Error, StringComparison.Ordinal);
            Assert.Contains("Hiçbir şey geri yüklenmedi", refused.Error, StringComparison.Ordinal);
        }

        // Damage inside a file is found while extracting, into an empty directory: nothing is left there.
        var corrupt = Path.Combine(folder, "bozuk.zip");
        var damaged = bytes.ToArray();
        for (var i = damaged.Length / 3; i < damaged.Length / 3 + 64; i++) damaged[i] ^= 0x5A;
        await File.WriteAllBytesAsync(corrupt, damaged);
        var empty = Path.Combine(folder, "bos");
        var broken = await RestoreAsync(empty, corrupt);
        Assert.True(broken.Code == 1, broken.Output);
        Assert.Contains("bozuk", broken.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty, "manset.db")));
        Assert.Empty(Directory.Exists(empty) ? Directory.GetFileSystemEntries(empty, "*", SearchOption.AllDirectories) : []);

        // A directory that holds media (and no database) is not empty either.
        var withMedia = Path.Combine(folder, "medyali");
        Directory.CreateDirectory(Path.Combine(withMedia, "media", "2026", "11"));
        await File.WriteAllTextAsync(Path.Combine(withMedia, "media", "2026", "11", "eski.jpg"), "eski");
        var refusedMedia = await RestoreAsync(withMedia, good);
        Assert.True(refusedMedia.Code == 1, refusedMedia.Output);
        Assert.Contains("medya", refusedMedia.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(withMedia, "manset.db")));
        Assert.Single(Directory.GetFiles(withMedia, "*", SearchOption.AllDirectories));

        // The good archive restores into an empty directory after all that.
        var restored = await RestoreAsync(Path.Combine(folder, "temiz"), good);
        Assert.True(restored.Code == 0, restored.Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Help_names_backup_and_restore()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var help = (await app.RunAsync("help")).Output;
        Assert.Contains("backup --to DOSYA", help, StringComparison.Ordinal);
        Assert.Contains("restore --from DOSYA", help, StringComparison.Ordinal);
    }
}

/// <summary>On PostgreSQL <c>backup --to</c> archives the media and names pg_dump and pg_restore for the database.</summary>
public class SiteBackupOnPostgresTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task On_PostgreSQL_the_archive_holds_the_media_and_the_output_names_pg_dump_and_pg_restore()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var content = new ByteArrayContent(TestImages.Jpeg(700, 500));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/media", new MultipartFormDataContent { { content, "file", "pg.jpg" } })).StatusCode);
        var folder = Path.Combine(Path.GetTempPath(), "manset-tests", "yedek-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "pg.zip");

        var result = await app.RunAsync("backup", "--to", file);

        Assert.True(result.Code == 0, result.Error);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnection).Database!;
        Assert.Contains($"-d {database} -f {Path.ChangeExtension(file, ".dump")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"pg_restore --clean --if-exists --no-owner", result.Output, StringComparison.Ordinal);
        Assert.Contains("veritabanı YOK", result.Output, StringComparison.Ordinal);
        if (new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnection).Password is { Length: > 0 } password)
            Assert.DoesNotContain(password, result.Output + result.Error, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(file))
        {
            Assert.Null(zip.GetEntry(BackupArchive.DatabaseEntry));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith(BackupArchive.MediaFolder, StringComparison.Ordinal) && e.FullName.EndsWith(".webp", StringComparison.Ordinal));
            JsonNode manifest;
            await using (var read = zip.GetEntry(BackupArchive.ManifestEntry)!.Open()) manifest = (await JsonNode.ParseAsync(read))!;
            Assert.Equal("postgres", (string?)manifest["provider"]);
            Assert.False((bool)manifest["databaseIncluded"]!);
        }
        Directory.Delete(folder, recursive: true);
    }
}
