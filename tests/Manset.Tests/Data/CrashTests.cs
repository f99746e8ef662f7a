using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Manset.Data;
using Manset.Data.Sqlite;
using Manset.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Manset.Tests.Data;

/// <summary>
/// The real site as its own process on SQLite, killed with SIGKILL in the middle of concurrent article saves (the
/// content API; the newsroom editor saves through the same ArticleService), reactions and media uploads. After the
/// kill the database file passes <c>PRAGMA integrity_check</c>, every save stored its revision and search entry with it,
/// and after a restart on the same data directory every acknowledged (2xx) save, reaction and upload is there, and no
/// media file is left that the database does not name.
/// </summary>
public sealed class CrashTests
{
    const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    static readonly string[] ReactionKeys = ["begendim", "sevdim", "begenmedim", "uzgun", "inanilmaz"];

    sealed record Reacted(string Cookie, string Key);
    sealed record Uploaded(int Id, string[] Urls);

    [Fact]
    public async Task A_node_killed_mid_burst_keeps_every_acknowledged_save_reaction_and_upload()
    {
        TestApp.SkipWhenAllOnPostgres();
        var data = Path.Combine(Path.GetTempPath(), "manset-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?>
        {
            ["Manset:DataDirectory"] = data,
            ["Manset:DemoContent"] = "false",
            ["Manset:Site:BaseUrl"] = "http://manset.test",
            ["Manset:Wires:AutoPull"] = "false",
            ["Manset:Engagement:ReactionsPerAddressPerMinute"] = "100000",
            ["Manset:Engagement:ReactionsPerReaderPerMinute"] = "1000",
            ["Manset:Newsroom:ApiRequestsPerClientPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Manset.Web.Media"] = "Information",
        };
        try
        {
            await RunAsync(data, settings);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // the temp folder is cleaned by the OS
            }
        }
    }

    static async Task RunAsync(string data, Dictionary<string, string?> settings)
    {
        var watch = Stopwatch.StartNew();
        var node = Node.Start("crash", settings);
        JsonNode target;
        List<(int Id, int Acked, int Sent)> chains;
        var created = new ConcurrentBag<(int Id, string Title)>();
        var reacted = new ConcurrentBag<Reacted>();
        var uploaded = new ConcurrentBag<Uploaded>();
        var versions = new int[4];
        var sent = new int[4];
        int failedRequests = 0;
        using var api = new HttpClient { BaseAddress = node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await node.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
            var email = $"editor-{Guid.NewGuid():N}@manset.test";
            var admin = await Node.RunAsync(settings, "admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--name", "Çökme Editörü", "--role", "editor");
            Assert.True(admin.Code == 0, admin.Output);
            var token = await Node.RunAsync(settings, "token", "create", "--email", email, "--name", "crash");
            Assert.True(token.Code == 0, token.Output);
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);

            var category = await Json.CategoryAsync(api, "Çökme");
            target = await Json.ArticleAsync(api, new { title = "Tepkilerin haberi", category, status = "published", body = "<p>Okurlar tepki veriyor.</p>" });
            var chainIds = new List<int>();
            for (var i = 0; i < versions.Length; i++)
                chainIds.Add((int)(await Json.ArticleAsync(api, new { title = $"Güncellenen haber {i}", category, status = "published", body = "<p>sürüm 0</p>" }))["id"]!);

            // The burst: every kind of write at once, until enough of each is acknowledged; then SIGKILL mid-flight.
            using var stop = new CancellationTokenSource();
            var workers = new List<Task>();
            async Task Loop(Func<int, Task> step)
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        await step(n);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref failedRequests); // not acknowledged: the node died under it
                    }
                }
            }
            for (var w = 0; w < 3; w++)
            {
                var worker = w;
                workers.Add(Task.Run(() => Loop(async n =>
                {
                    var title = $"Çökme sırasında yazılan haber {worker}-{n}";
                    var response = await api.PostAsync("/api/v1/articles", Json.Body(new { title, category, status = "published", tags = new[] { "çökme", $"işçi {worker}" }, body = $"<p>{title}</p>" }));
                    if (response.StatusCode == HttpStatusCode.Created) created.Add(((int)(await Json.ReadAsync(response))["id"]!, title));
                })));
            }
            for (var c = 0; c < chainIds.Count; c++)
            {
                var chain = c;
                workers.Add(Task.Run(() => Loop(async _ =>
                {
                    var version = sent[chain] + 1;
                    sent[chain] = version;
                    var response = await api.PutAsync($"/api/v1/articles/{chainIds[chain]}", Json.Body(new { body = $"<p>sürüm {version}</p>" }));
                    if (response.StatusCode == HttpStatusCode.OK) versions[chain] = version;
                })));
            }
            using var readers = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            readers.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
            var targetId = (int)target["id"]!;
            for (var w = 0; w < 4; w++)
            {
                workers.Add(Task.Run(() => Loop(async n =>
                {
                    var cookie = await ReaderCookieAsync(readers);
                    var key = ReactionKeys[Random.Shared.Next(ReactionKeys.Length)];
                    var response = await ReactAsync(readers, targetId, cookie, key);
                    if (response.StatusCode == HttpStatusCode.OK && (string?)(await Json.ReadAsync(response))["mine"] == key) reacted.Add(new Reacted(cookie, key));
                })));
            }
            for (var w = 0; w < 2; w++)
            {
                workers.Add(Task.Run(() => Loop(async n =>
                {
                    var image = new ByteArrayContent(UniqueJpeg());
                    image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                    var response = await api.PostAsync("/api/v1/media", new MultipartFormDataContent { { image, "file", "crash.jpg" } });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var media = await Json.ReadAsync(response);
                        var urls = media["renditions"]!.AsArray().SelectMany(r => new[] { (string)r!["url"]!, (string)r["webp"]! }).ToArray();
                        uploaded.Add(new Uploaded((int)media["id"]!, urls));
                    }
                })));
            }

            var burst = Stopwatch.StartNew();
            while (!(created.Count >= 10 && versions.All(v => v >= 3) && reacted.Count >= 25 && uploaded.Count >= 3) && burst.Elapsed < TimeSpan.FromSeconds(25))
                await Task.Delay(50);
            await Task.Delay(Random.Shared.Next(0, 150));
            stop.Cancel(); // no new requests; those in flight are cut off by the kill
            node.Kill();
            await Task.WhenAll(workers);
            chains = chainIds.Select((id, i) => (id, versions[i], sent[i])).ToList();
            TestContext.Current.SendDiagnosticMessage(
                "SIGKILL after {0:0.0} s of burst: acknowledged {1} article creates, {2} updates (last acknowledged versions {3}), {4} reactions, {5} uploads; {6} requests in flight cut off",
                burst.Elapsed.TotalSeconds, created.Count, chains.Sum(c => c.Acked), string.Join(", ", chains.Select(c => $"{c.Acked}/{c.Sent}")),
                reacted.Count, uploaded.Count, failedRequests);
            Assert.True(created.Count > 0 && reacted.Count > 0 && uploaded.Count > 0 && chains.All(c => c.Acked > 0), "every kind of write was acknowledged at least once before the kill");
        }
        finally
        {
            await node.DisposeAsync();
        }

        // The file as the killed process left it (SQLite replays the WAL on opening).
        var file = Path.Combine(data, "manset.db");
        var pendingNotes = Directory.Exists(Path.Combine(data, "media-pending")) ? Directory.GetFiles(Path.Combine(data, "media-pending")).Length : 0;
        var partials = Directory.Exists(Path.Combine(data, "media", ".partial")) ? Directory.GetFiles(Path.Combine(data, "media", ".partial")).Length : 0;
        await using (var db = Db(file))
        {
            Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check"));
            TestContext.Current.SendDiagnosticMessage("integrity_check ok; journal_mode {0}, synchronous {1}; left by the kill: {2} upload notes and spools, {3} partial media files",
                await ScalarAsync(db, "PRAGMA journal_mode"), await ScalarAsync(db, "PRAGMA synchronous"), pendingNotes, partials);
            // Saves are atomic: no article without the revision of its version, no published article missing from search.
            var withoutRevision = await db.Articles.Where(a => !db.ArticleRevisions.Any(r => r.ArticleId == a.Id && r.Version == a.Version)).Select(a => a.Id).ToListAsync();
            Assert.True(withoutRevision.Count == 0, $"articles without the revision of their version: {string.Join(", ", withoutRevision)}");
            var indexed = await db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM search_fts").ToListAsync();
            var unindexed = await db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync();
            unindexed.RemoveAll(indexed.Contains);
            Assert.True(unindexed.Count == 0, $"published articles missing from the search index: {string.Join(", ", unindexed)}");
            // A reaction's row and its count are one write.
            var stats = await db.ArticleStats.AsNoTracking().SingleAsync(s => s.ArticleId == (int)target["id"]!);
            var rows = await db.ArticleReactions.CountAsync(r => r.ArticleId == (int)target["id"]!);
            Assert.Equal(rows, stats.Like + stats.Love + stats.Dislike + stats.Sad + stats.Wow);
            Assert.True(rows >= reacted.Count, $"{rows} reaction rows, {reacted.Count} acknowledged");
        }
        SqliteConnection.ClearAllPools();

        // Restart on the same data directory; unfinished uploads are settled at once (one node).
        settings["Manset:Media:PendingMinutes"] = "0";
        settings["Manset:Engagement:RepeatGraceSeconds"] = "0";
        await using var again = Node.Start("crash-restarted", settings);
        await again.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        using var after = new HttpClient { BaseAddress = again.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        after.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;

        foreach (var (id, title) in created)
        {
            var article = await after.GetAsync($"/api/v1/articles/{id}");
            Assert.True(article.StatusCode == HttpStatusCode.OK, $"acknowledged article {id} after the restart: {(int)article.StatusCode}");
            Assert.Equal(title, (string)(await Json.ReadAsync(article))["title"]!);
        }
        foreach (var (id, acked, last) in chains)
        {
            var body = (string)(await Json.ReadAsync(await after.GetAsync($"/api/v1/articles/{id}")))["body"]!;
            var stored = int.Parse(System.Text.RegularExpressions.Regex.Match(body, @"sürüm (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(stored >= acked && stored <= last, $"article {id}: version {stored} stored, {acked} acknowledged, {last} sent");
        }

        using var readersAfter = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = again.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        readersAfter.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        foreach (var reaction in reacted)
        {
            // The same reaction again takes a stored one back (mine: null); had it been lost, it would count anew.
            var response = await ReactAsync(readersAfter, (int)target["id"]!, reaction.Cookie, reaction.Key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await Json.ReadAsync(response))["mine"] is null, $"an acknowledged reaction ({reaction.Key}) was lost");
        }

        var reader = again.Http;
        foreach (var upload in uploaded)
        {
            foreach (var url in upload.Urls)
            {
                var image = await reader.GetAsync(url);
                Assert.True(image.StatusCode == HttpStatusCode.OK, $"{url} of acknowledged upload {upload.Id}: {(int)image.StatusCode}");
                using var decoded = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
                Assert.NotNull(decoded);
            }
        }

        // No file the database does not name: the restarted node's sweep removed what the killed uploads had written.
        var pendingFolder = Path.Combine(data, "media-pending");
        var sweep = Stopwatch.StartNew();
        while (Directory.Exists(pendingFolder) && Directory.EnumerateFileSystemEntries(pendingFolder).Any() && sweep.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(100);
        Assert.Empty(Directory.Exists(pendingFolder) ? Directory.GetFiles(pendingFolder) : []);
        var media = Path.Combine(data, "media");
        Assert.Empty(Directory.Exists(Path.Combine(media, ".partial")) ? Directory.GetFiles(Path.Combine(media, ".partial")) : []);
        await using (var db = Db(file))
        {
            var keys = (await db.Media.AsNoTracking().Select(m => m.StorageKey).ToListAsync()).ToHashSet(StringComparer.Ordinal);
            var files = Directory.GetFiles(media, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(media, f).Replace('\\', '/')).ToList();
            var orphans = files.Where(f => !keys.Contains(f) && !(f.LastIndexOf('-') is > 0 and var dash && keys.Contains(f[..dash]))).ToList();
            Assert.True(orphans.Count == 0, $"media files the database does not name: {string.Join(", ", orphans)}");
            var ids = await db.Media.Select(m => m.Id).ToListAsync();
            Assert.All(uploaded, u => Assert.Contains(u.Id, ids));
            TestContext.Current.SendDiagnosticMessage("after the restart: {0} media rows, {1} files, no orphans; whole test {2:0} s", keys.Count, files.Count, watch.Elapsed.TotalSeconds);
        }
        foreach (var line in again.Output.Where(l => l.Contains("medya yüklemesi temizlendi", StringComparison.Ordinal)))
            TestContext.Current.SendDiagnosticMessage("restarted node: {0}", line.Trim());
    }

    static SqliteMansetDb Db(string file) =>
        new(new DbContextOptionsBuilder<SqliteMansetDb>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString()).Options);

    static async Task<string?> ScalarAsync(SqliteMansetDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A new reader: the view beacon's cookie, as "name=value".</summary>
    static async Task<string> ReaderCookieAsync(HttpClient readers)
    {
        var beacon = (await readers.GetAsync("/okunma")).EnsureSuccessStatusCode();
        return beacon.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Manset.Okur=", StringComparison.Ordinal)).Split(';')[0];
    }

    static Task<HttpResponseMessage> ReactAsync(HttpClient readers, int article, string cookie, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{article}") { Content = new FormUrlEncodedContent([new("tepki", key)]) };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Accept.ParseAdd("application/json");
        return readers.SendAsync(request);
    }

    /// <summary>A JPEG no other upload has (the library stores a picture once), 700×500: three widths, six files.</summary>
    static byte[] UniqueJpeg()
    {
        using var bitmap = new SKBitmap(700, 500);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((uint)Random.Shared.Next() | 0xFF000000));
            using var paint = new SKPaint { Color = new SKColor((uint)Random.Shared.Next() | 0xFF000000) };
            for (var i = 0; i < 12; i++) canvas.DrawCircle(Random.Shared.Next(700), Random.Shared.Next(500), Random.Shared.Next(10, 120), paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }
}
