using System.Text;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Manset.Tests.Media;

public sealed class ImagePipelineTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "manset-tests", Guid.NewGuid().ToString("N"));
    readonly ImagePipeline _pipeline;
    readonly LocalMediaStore _store;
    readonly Manset.Data.Sqlite.SqliteMansetDb _db;

    public ImagePipelineTests()
    {
        var options = Options.Create(new MansetOptions { DataDirectory = _root, Media = new MediaOptions { MaxUploadMegabytes = 2, MaxMegapixels = 30 } });
        _store = new LocalMediaStore(options);
        var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        _db = new Manset.Data.Sqlite.SqliteMansetDb(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Manset.Data.Sqlite.SqliteMansetDb>().UseSqlite(connection).Options);
        _db.Database.EnsureCreated();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var pending = new PendingUploads(_store, options, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PendingUploads>.Instance);
        _pipeline = new ImagePipeline(_store, pending, _db, options, clock);
    }

    [Fact]
    public async Task Stores_a_ladder_of_jpeg_renditions_up_to_the_image_width()
    {
        var (media, existing) = await _pipeline.StoreAsync(new MemoryStream(TestImages.Png(1000, 500)), "foto.png", CancellationToken.None);
        Assert.False(existing);
        Assert.True(media.HasWebp);
        Assert.Equal("320,640,960,1000", media.Renditions);
        Assert.Equal((1000, 500), (media.Width, media.Height));
        Assert.StartsWith("2026/11/", media.StorageKey, StringComparison.Ordinal);
        foreach (var width in new[] { 320, 640, 960, 1000 })
        {
            var path = Path.Combine(_store.Root, ImagePipeline.RenditionKey(media.StorageKey, width));
            using var codec = SKCodec.Create(path);
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
            Assert.Equal(width, codec.Info.Width);
            Assert.Equal((int)Math.Round(width / 2.0), codec.Info.Height);
            using var webp = SKCodec.Create(Path.Combine(_store.Root, ImagePipeline.RenditionKey(media.StorageKey, width, "webp")));
            Assert.Equal(SKEncodedImageFormat.Webp, webp.EncodedFormat);
            Assert.Equal(width, webp.Info.Width);
        }
        Assert.Empty(Directory.EnumerateFiles(_store.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_small_image_keeps_its_own_size() =>
        Assert.Equal("200", (await _pipeline.StoreAsync(new MemoryStream(TestImages.Png(200, 150)), null, CancellationToken.None)).Media.Renditions);

    [Fact]
    public async Task The_same_image_is_stored_once()
    {
        var bytes = TestImages.Png(640, 480);
        var (first, _) = await _pipeline.StoreAsync(new MemoryStream(bytes), "a.png", CancellationToken.None);
        _db.Media.Add(first);
        await _db.SaveChangesAsync();
        var files = Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).Count();
        var (second, existing) = await _pipeline.StoreAsync(new MemoryStream(bytes), "b.png", CancellationToken.None);
        Assert.True(existing);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(files, Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Metadata_is_not_carried_over()
    {
        // Renditions are encoded from pixels: whatever EXIF (GPS, camera) the upload had, the files carry none.
        var (media, _) = await _pipeline.StoreAsync(new MemoryStream(TestImages.Png(400, 300)), "x.png", CancellationToken.None);
        var jpeg = File.ReadAllBytes(Path.Combine(_store.Root, ImagePipeline.RenditionKey(media.StorageKey, 400)));
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("Exif"u8));
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("GIF89a but not really")]
    [InlineData("%PDF-1.7")]
    public async Task Refuses_what_is_not_an_image(string content) =>
        await Assert.ThrowsAsync<MediaRejectedException>(() => _pipeline.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), "x.jpg", CancellationToken.None));

    [Fact]
    public async Task Refuses_an_empty_file() =>
        await Assert.ThrowsAsync<MediaRejectedException>(() => _pipeline.StoreAsync(new MemoryStream(), "bos.png", CancellationToken.None));

    [Fact]
    public async Task Refuses_a_decompression_bomb_from_its_header_alone()
    {
        var bomb = TestImages.PngHeader(40_000, 40_000);
        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => _pipeline.StoreAsync(new MemoryStream(bomb), "bomba.png", CancellationToken.None));
        Assert.Contains("megapiksel", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_files_over_the_size_limit()
    {
        var big = new byte[3 * 1024 * 1024];
        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => _pipeline.StoreAsync(new MemoryStream(big), "dev.jpg", CancellationToken.None));
        Assert.Contains("çok büyük", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _db.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
