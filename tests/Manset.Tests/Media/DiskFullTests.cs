using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace Manset.Tests.Media;

/// <summary>
/// A full disk during an upload: the uploader gets a clear Turkish answer (API: 507 problem details; newsroom: the
/// form again with the message), nothing of the upload stays on disk (no rendition, no partial file, no spool, no
/// note) and no media row is written. Once with the disk's answer injected (ENOSPC through the store, the image
/// pipeline and the video upload), once for real on a 2 MB tmpfs mounted as the media folder.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    const string Title = "Sunucuda yer kalmadı";

    readonly string _root = Path.Combine(Path.GetTempPath(), "manset-tests", "diskfull-" + Guid.NewGuid().ToString("N"));

    /// <summary>What Linux gives .NET for a write to a full disk: an IOException whose HResult is errno 28 (ENOSPC).</summary>
    static IOException Enospc() => new("No space left on device", 28);

    /// <summary>The local store, until <see cref="FailAfter"/> more writes have gone through; then every write fails half-way.</summary>
    public sealed class FullDisk(LocalMediaStore inner) : IMediaStore
    {
        int _writesLeft = int.MaxValue;
        public int FailAfter { set => _writesLeft = value; }

        public async Task WriteAsync(string key, Stream content, CancellationToken ct)
        {
            if (Interlocked.Decrement(ref _writesLeft) < 0) content = new FailingStream(content, 1000);
            await inner.WriteAsync(key, content, ct);
        }

        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public ValueTask<bool> ExistsAsync(string key, CancellationToken ct) => inner.ExistsAsync(key, ct);
        public ValueTask<long?> LengthOfAsync(string key, CancellationToken ct) => inner.LengthOfAsync(key, ct);
        public ValueTask<MediaInfo?> InfoAsync(string key, CancellationToken ct) => inner.InfoAsync(key, ct);
        public ValueTask<MediaContent?> OpenReadAsync(string key, MediaRange? range, CancellationToken ct) => inner.OpenReadAsync(key, range, ct);
    }

    /// <summary>Gives at most <paramref name="bytes"/> bytes of the content, then fails as a write to a full disk does (before the end).</summary>
    sealed class FailingStream(Stream inner, int bytes) : Stream
    {
        int _left = bytes;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) throw Enospc();
            var read = inner.Read(buffer, offset, Math.Min(count, _left));
            if (read == 0) throw Enospc();
            _left -= read;
            return read;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    (LocalMediaStore Store, FullDisk Disk, PendingUploads Pending, IOptions<MansetOptions> Options) Parts()
    {
        var options = Options.Create(new MansetOptions { DataDirectory = _root });
        var store = new LocalMediaStore(options);
        var disk = new FullDisk(store);
        var pending = new PendingUploads(disk, options, TimeProvider.System, NullLogger<PendingUploads>.Instance);
        return (store, disk, pending, options);
    }

    /// <summary>Every file under the data directory: what an upload left behind.</summary>
    static List<string> FilesUnder(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).ToList() : [];

    [Fact]
    public async Task The_local_store_leaves_no_partial_file_when_the_disk_fills_during_a_write()
    {
        var (store, _, _, _) = Parts();
        var error = await Assert.ThrowsAsync<MediaStorageFullException>(() =>
            store.WriteAsync("2026/11/abcdefabcdef-640.jpg", new FailingStream(new MemoryStream(new byte[300_000]), 200_000), CancellationToken.None));
        Assert.Equal(28, error.InnerException!.HResult);
        Assert.Empty(FilesUnder(_root));

        await store.WriteAsync("2026/11/abcdefabcdef-640.jpg", new MemoryStream(new byte[300_000]), CancellationToken.None);
        Assert.Equal(["media/2026/11/abcdefabcdef-640.jpg"], FilesUnder(_root).Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public async Task The_image_pipeline_deletes_the_renditions_it_wrote_when_the_disk_fills_half_way()
    {
        var (_, disk, pending, options) = Parts();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        await using var db = new Manset.Data.Sqlite.SqliteMansetDb(new DbContextOptionsBuilder<Manset.Data.Sqlite.SqliteMansetDb>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        var pipeline = new ImagePipeline(disk, pending, db, options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero)));

        disk.FailAfter = 3; // 320 px JPEG and WebP, 640 px JPEG written; the 640 px WebP meets the full disk
        await Assert.ThrowsAsync<MediaStorageFullException>(() => pipeline.StoreAsync(new MemoryStream(TestImages.Jpeg(1000, 700)), "dolu.jpg", CancellationToken.None));
        Assert.Empty(FilesUnder(_root));

        disk.FailAfter = int.MaxValue;
        var (media, existing) = await pipeline.StoreAsync(new MemoryStream(TestImages.Jpeg(1000, 700)), "yer-acildi.jpg", CancellationToken.None);
        Assert.False(existing);
        Assert.Equal(8, FilesUnder(Path.Combine(_root, "media")).Count);
    }

    [Fact]
    public async Task A_video_upload_leaves_neither_file_nor_spool_when_the_disk_fills()
    {
        var (_, disk, pending, options) = Parts();
        var files = new FileUploads(disk, pending, options, TimeProvider.System);
        var webm = new byte[200_000];
        new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }.CopyTo(webm, 0);

        disk.FailAfter = 0;
        await Assert.ThrowsAsync<MediaStorageFullException>(() => files.StoreVideoAsync(new MemoryStream(webm), "dolu.webm", CancellationToken.None));
        Assert.Empty(FilesUnder(_root));
        // The spool itself on a full disk: the upload stream fails while it is being copied in.
        await Assert.ThrowsAsync<MediaStorageFullException>(() => files.StoreVideoAsync(new FailingStream(new MemoryStream(webm), 50_000), "dolu.webm", CancellationToken.None));
        Assert.Empty(FilesUnder(_root));
        await Assert.ThrowsAsync<MediaStorageFullException>(() => files.StoreCaptionsAsync(new MemoryStream("WEBVTT\n\n"u8.ToArray()), "altyazi.vtt", CancellationToken.None));
        Assert.Empty(FilesUnder(_root));
    }

    static void InjectFullDisk(IServiceCollection services)
    {
        services.AddSingleton<FullDisk>(sp => new FullDisk(sp.GetRequiredService<LocalMediaStore>()));
        services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<FullDisk>());
    }

    static MultipartFormDataContent Upload(byte[] bytes, string name = "dolu.jpg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    static async Task<int> MediaRowsAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MansetDb>().Media.CountAsync();
    }

    [Fact]
    public async Task The_api_answers_507_in_turkish_and_the_newsroom_shows_the_form_again_with_nothing_stored()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, services: InjectFullDisk);
        var disk = app.Services.GetRequiredService<FullDisk>();
        var media = Path.Combine(app.DataDirectory, "media");
        var api = await app.ApiClientAsync("muhabir");

        disk.FailAfter = 2;
        var full = await api.PostAsync("/api/v1/media", Upload(TestImages.Jpeg(1200, 800)));
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(full);
        Assert.Equal(Title, (string?)problem["title"]);
        Assert.Contains("yer kalmadı", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await MediaRowsAsync(app));
        Assert.Empty(FilesUnder(media));
        Assert.Empty(FilesUnder(Path.Combine(app.DataDirectory, "media-pending")));

        using var muhabir = await app.NewsroomClientAsync("muhabir");
        disk.FailAfter = 0;
        var photo = new ByteArrayContent(TestImages.Jpeg(900, 600));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var form = new MultipartFormDataContent { { photo, "Upload", "kutuphane.jpg" }, { new StringContent("Dolu diske yükleme"), "Caption" } };
        var page = await muhabir.PostMultipartAsync("/yonetim/medya?handler=Upload", form, "/yonetim/medya");
        Assert.Equal(HttpStatusCode.InsufficientStorage, page.StatusCode);
        Assert.Contains("yer kalmadığı için dosya kaydedilmedi", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await MediaRowsAsync(app));
        Assert.Empty(FilesUnder(media));

        disk.FailAfter = int.MaxValue;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/media", Upload(TestImages.Jpeg(1200, 800)))).StatusCode);
        Assert.Equal(1, await MediaRowsAsync(app));
    }

    [Fact]
    public async Task A_real_full_disk_under_the_media_folder_gives_507_and_leaves_only_what_was_there()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var media = Path.Combine(app.DataDirectory, "media");
        Directory.CreateDirectory(media);
        if (await MountProblemAsync(media) is { } problem)
        {
            if (Postgres.InCi) throw new InvalidOperationException("CI=true but a 2 MB tmpfs cannot be mounted: " + problem);
            var reason = $"a 2 MB tmpfs cannot be mounted as the media folder ({problem}); run as root to test a real full disk";
            TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "test", reason);
            Assert.Skip(reason);
        }
        try
        {
            var api = await app.ApiClientAsync("muhabir");
            // Room for the first renditions only: the disk fills in the middle of the upload.
            var filler = Path.Combine(media, "dolgu.bin");
            await File.WriteAllBytesAsync(filler, new byte[1900 * 1024]);
            var full = await api.PostAsync("/api/v1/media", Upload(NoisyJpeg(1600, 1000)));
            Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
            Assert.Equal(Title, (string?)(await Json.ReadAsync(full))["title"]);
            Assert.Equal(["dolgu.bin"], FilesUnder(media));
            Assert.Empty(FilesUnder(Path.Combine(app.DataDirectory, "media-pending")));
            Assert.Equal(0, await MediaRowsAsync(app));
            Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/health")).StatusCode);

            File.Delete(filler);
            var stored = await api.PostAsync("/api/v1/media", Upload(TestImages.Jpeg(1600, 1000)));
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
            var url = (string)(await Json.ReadAsync(stored))["renditions"]!.AsArray()[^1]!["url"]!;
            Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(url)).StatusCode);
            TestContext.Current.SendDiagnosticMessage("tmpfs 2 MB: 507 with {0} KB free, then {1} files ({2} KB) once there was room",
                (2048 - 1900), FilesUnder(media).Count, FilesUnder(media).Sum(f => new FileInfo(Path.Combine(media, f)).Length) / 1024);
        }
        finally
        {
            await RunAsync("umount", media);
        }
    }

    /// <summary>Mounts a 2 MB tmpfs on the folder; null when it worked, otherwise why not.</summary>
    static async Task<string?> MountProblemAsync(string directory)
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (Environment.UserName != "root") return $"running as {Environment.UserName}, not root";
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", directory);
        return code == 0 ? null : $"mount exited {code}: {output.Trim()}";
    }

    static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    /// <summary>A photo that does not compress: its renditions fill a small disk.</summary>
    static byte[] NoisyJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var pixels = new byte[width * height * 4];
        Random.Shared.NextBytes(pixels);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
