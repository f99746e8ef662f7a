using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Media;

/// <summary>
/// What a killed upload leaves (its files without a media row, a half-written file, a video spool) is deleted by the
/// sweep once it is older than <c>Manset:Media:PendingMinutes</c>; an upload whose row exists keeps its files.
/// </summary>
public sealed class PendingUploadsTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "manset-tests", "pending-" + Guid.NewGuid().ToString("N"));
    readonly Microsoft.Data.Sqlite.SqliteConnection _connection = new("Data Source=:memory:");

    [Fact]
    public async Task The_sweep_deletes_what_unfinished_uploads_wrote_and_keeps_finished_ones()
    {
        var options = Options.Create(new MansetOptions { DataDirectory = _root });
        var store = new LocalMediaStore(options);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pending = new PendingUploads(store, options, clock, NullLogger<PendingUploads>.Instance);
        _connection.Open();
        await using var db = new Manset.Data.Sqlite.SqliteMansetDb(new DbContextOptionsBuilder<Manset.Data.Sqlite.SqliteMansetDb>().UseSqlite(_connection).Options);
        await db.Database.EnsureCreatedAsync();

        async Task UploadAsync(string storageKey, params string[] keys)
        {
            await pending.BeginAsync(storageKey, keys, CancellationToken.None);
            foreach (var key in keys) await store.WriteAsync(key, new MemoryStream(TestImages.Jpeg(40, 30)), CancellationToken.None);
        }
        // Finished: files and row. Killed before its row: files only. Killed before its second file: one file.
        await UploadAsync("2026/11/aaaaaaaaaaaa", "2026/11/aaaaaaaaaaaa-320.jpg", "2026/11/aaaaaaaaaaaa-320.webp");
        db.Media.Add(new Manset.Data.Media { Kind = Manset.Data.MediaKind.Image, StorageKey = "2026/11/aaaaaaaaaaaa", ContentType = "image/jpeg", CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        await UploadAsync("2026/11/bbbbbbbbbbbb", "2026/11/bbbbbbbbbbbb-320.jpg", "2026/11/bbbbbbbbbbbb-320.webp");
        await pending.BeginAsync("2026/11/cccccccccccc.webm", ["2026/11/cccccccccccc.webm"], CancellationToken.None);
        Directory.CreateDirectory(store.PartialFolder);
        await File.WriteAllBytesAsync(Path.Combine(store.PartialFolder, "killed.tmp"), new byte[100]);
        await File.WriteAllBytesAsync(pending.SpoolPath(), new byte[100]);
        var media = Path.Combine(_root, "media");
        string[] Files() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        var before = Files();

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(new PendingUploads.SweepResult(0, 0, 0), await pending.SweepAsync(db, TimeSpan.FromMinutes(60), CancellationToken.None));
        Assert.Equal(before, Files());

        clock.Advance(TimeSpan.FromMinutes(31));
        var result = await pending.SweepAsync(db, TimeSpan.FromMinutes(60), CancellationToken.None);
        Assert.Equal((1, 2), (result.Finished, result.Abandoned));
        Assert.Equal(["media/2026/11/aaaaaaaaaaaa-320.jpg", "media/2026/11/aaaaaaaaaaaa-320.webp"], Files());
        Assert.True(Directory.Exists(media));
    }

    public void Dispose()
    {
        _connection.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
