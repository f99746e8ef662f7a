using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Manset.Tests.Support;
using Manset.Web.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;
using RangeItem = Microsoft.Net.Http.Headers.RangeItemHeaderValue;

namespace Manset.Tests.Media;

/// <summary>
/// Media in an S3-compatible bucket (a stand-in server on 127.0.0.1): uploads land in the bucket with their renditions
/// and nothing on local disk, <c>/media/...</c> is streamed from the bucket with the static files' headers, two nodes
/// with their own data directories serve each other's pictures, and a bad configuration stops the start.
/// </summary>
public sealed class S3MediaStoreTests : IAsyncLifetime
{
    const string Bucket = "manset-medya";
    const string Prefix = "site/";
    const string AccessKey = "manset-erisim";
    const string SecretKey = "cok-gizli-anahtar-Zq81";

    S3StandIn _s3 = null!;

    public async ValueTask InitializeAsync() => _s3 = await S3StandIn.StartAsync();

    public async ValueTask DisposeAsync() => await _s3.DisposeAsync();

    Action<Dictionary<string, string?>> OnS3(Action<Dictionary<string, string?>>? more = null) => s =>
    {
        s["Manset:Media:Store"] = "S3";
        s["Manset:Media:S3:ServiceUrl"] = _s3.Url;
        s["Manset:Media:S3:Bucket"] = Bucket;
        s["Manset:Media:S3:AccessKey"] = AccessKey;
        s["Manset:Media:S3:SecretKey"] = SecretKey;
        s["Manset:Media:S3:KeyPrefix"] = Prefix;
        more?.Invoke(s);
    };

    static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    static async Task<List<(int Width, string Url, string Webp)>> UploadAsync(TestApp app, int width, int height)
    {
        var api = await app.ApiClientAsync("muhabir");
        var response = await api.PostAsync("/api/v1/media", File(TestImages.Jpeg(width, height), "secim-gecesi.jpg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = await Json.ReadAsync(response);
        return media["renditions"]!.AsArray().Select(r => ((int)r!["width"]!, (string)r["url"]!, (string)r["webp"]!)).ToList();
    }

    static string KeyOf(string url) => url[ImageRef.UrlPrefix.Length..];

    [Fact]
    public async Task An_uploaded_jpeg_lands_in_the_bucket_with_its_renditions_and_is_served_from_it_with_the_static_headers()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: OnS3(s => s["Logging:LogLevel:Default"] = "Information"),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        Assert.IsType<S3MediaStore>(app.Services.GetRequiredService<IMediaStore>());
        var renditions = await UploadAsync(app, 1400, 900);
        Assert.Equal([320, 640, 960, 1280, 1400], renditions.Select(r => r.Width));

        var reader = app.Reader();
        foreach (var (width, url, webp) in renditions)
        {
            foreach (var (path, type) in new[] { (url, "image/jpeg"), (webp, "image/webp") })
            {
                var stored = _s3.Get(Bucket, Prefix + KeyOf(path));
                Assert.NotNull(stored);
                Assert.Equal(type, stored!.ContentType);

                var image = await reader.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal(type, image.Content.Headers.ContentType?.MediaType);
                Assert.Equal(stored.Bytes.LongLength, image.Content.Headers.ContentLength);
                Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", image.Headers.GetValues(HeaderNames.CacheControl)));
                Assert.Equal("nosniff", image.Headers.GetValues(HeaderNames.XContentTypeOptions).Single());
                Assert.Equal(stored.ETag, image.Headers.ETag?.ToString());
                var bytes = await image.Content.ReadAsByteArrayAsync();
                Assert.Equal(stored.Bytes, bytes);
                using var decoded = SkiaSharp.SKBitmap.Decode(bytes);
                Assert.Equal(width, decoded.Width);
            }
        }
        // Nothing on this node's disk: the bucket is the only copy.
        var local = Path.Combine(app.DataDirectory, "media");
        Assert.True(!Directory.Exists(local) || !Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories).Any());
        // Every PUT was one plain request (no multipart upload, no aws-chunked body).
        var puts = _s3.Calls.Where(c => c.Method == "PUT").ToList();
        Assert.Equal(renditions.Count * 2, puts.Count);
        Assert.All(puts, p => Assert.Null(p.ContentEncoding));
        // Path-style requests, all inside the bucket's prefix.
        Assert.All(_s3.Calls, c => Assert.StartsWith($"/{Bucket}/{Prefix}", c.Path, StringComparison.Ordinal));

        // Conditional GET, HEAD and a byte range.
        var (_, largest, _) = renditions[^1];
        var whole = _s3.Get(Bucket, Prefix + KeyOf(largest))!;
        var conditional = new HttpRequestMessage(HttpMethod.Get, largest);
        conditional.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(whole.ETag));
        var notModified = await reader.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(whole.ETag, notModified.Headers.ETag?.ToString());

        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, largest));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(whole.Bytes.LongLength, head.Content.Headers.ContentLength);
        Assert.Equal("image/jpeg", head.Content.Headers.ContentType?.MediaType);

        foreach (var (from, to, start, end) in new (long?, long?, long, long)[] { (100, 199, 100, 199), (null, 50, whole.Bytes.Length - 50, whole.Bytes.Length - 1), (10, null, 10, whole.Bytes.Length - 1) })
        {
            var ranged = new HttpRequestMessage(HttpMethod.Get, largest);
            ranged.Headers.Range = new RangeHeaderValue(from, to);
            var part = await reader.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal($"bytes {start}-{end}/{whole.Bytes.Length}", part.Content.Headers.ContentRange?.ToString());
            Assert.Equal(whole.Bytes[(int)start..(int)(end + 1)], await part.Content.ReadAsByteArrayAsync());
        }
        var past = new HttpRequestMessage(HttpMethod.Get, largest);
        past.Headers.Range = new RangeHeaderValue(whole.Bytes.Length + 10, null);
        var unsatisfiable = await reader.SendAsync(past);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{whole.Bytes.Length}", unsatisfiable.Content.Headers.ContentRange?.ToString());

        Assert.DoesNotContain(SecretKey, logs.All, StringComparison.Ordinal);
        Assert.Contains("Medya deposu: S3", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_with_their_own_data_directories_serve_each_others_pictures_and_crops_from_the_bucket()
    {
        await using var first = await TestApp.StartAsync(Db.Sqlite, configure: OnS3());
        await using var second = await TestApp.StartAsync(Db.Sqlite, configure: OnS3());
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);

        foreach (var (writer, other) in new[] { (first, second), (second, first) })
        {
            var renditions = await UploadAsync(writer, 1000, 700);
            foreach (var (_, url, webp) in renditions)
            {
                foreach (var path in new[] { url, webp })
                {
                    var served = await other.Reader().GetAsync(path);
                    Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                    Assert.Equal(_s3.Get(Bucket, Prefix + KeyOf(path))!.Bytes, await served.Content.ReadAsByteArrayAsync());
                }
            }
        }

        // A crop is made on first request by the node that has the picture in its database, stored in the bucket,
        // and from then on served by any node from there.
        var picture = (await UploadAsync(first, 1600, 900))[0].Url;
        var storageKey = KeyOf(picture)[..KeyOf(picture).LastIndexOf('-')];
        var crop = ImageCrops.Url(storageKey, "16x9");
        Assert.Equal(HttpStatusCode.NotFound, (await second.Reader().GetAsync(crop)).StatusCode);
        var made = await first.Reader().GetAsync(crop);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var stored = _s3.Get(Bucket, Prefix + ImageCrops.Key(storageKey, "16x9"));
        Assert.NotNull(stored);
        var fromOther = await second.Reader().GetAsync(crop);
        Assert.Equal(HttpStatusCode.OK, fromOther.StatusCode);
        Assert.Equal(stored!.ETag, fromOther.Headers.ETag?.ToString());
        Assert.Equal(stored.Bytes, await fromOther.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_missing_key_is_404_and_a_key_climbing_out_of_the_store_is_refused_without_asking_it()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: OnS3());
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/2026/11/000000000000-640.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/media/2026/11/000000000000-640.webp"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/2026/11/yok.exe")).StatusCode);

        var before = _s3.Calls.Count;
        foreach (var path in new[] { "/media/2026/..%2F..%2Fgizli.jpg", "/media/2026/11/..%5Cgizli.jpg", "/media/2026//11/x.jpg" })
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(before, _s3.Calls.Count);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_demo_newspaper_on_a_bucket_has_feed_enclosures_of_the_stored_size()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true, configure: OnS3());
        var reader = app.Reader();
        var feed = XDocument.Parse(await reader.GetStringAsync("/rss"));
        var enclosures = feed.Descendants("enclosure").ToList();
        Assert.True(enclosures.Count >= 40, $"only {enclosures.Count} enclosures");
        foreach (var enclosure in enclosures)
        {
            var path = new Uri((string)enclosure.Attribute("url")!).AbsolutePath;
            Assert.Equal(_s3.Get(Bucket, Prefix + KeyOf(path))!.Bytes.LongLength, (long)enclosure.Attribute("length")!);
        }
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri((string)enclosures[0].Attribute("url")!).AbsolutePath)).StatusCode);
        Assert.Contains(_s3.Objects.Keys, k => k.EndsWith(".webm", StringComparison.Ordinal));
        Assert.Contains(_s3.Objects.Keys, k => k.EndsWith(".vtt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "Manset:Media:S3:ServiceUrl, Manset:Media:S3:Bucket, Manset:Media:S3:AccessKey, Manset:Media:S3:SecretKey")]
    [InlineData("Bucket", "", "eksik: Manset:Media:S3:Bucket.")]
    [InlineData("ServiceUrl", "minio:9000", "Manset:Media:S3:ServiceUrl bir http(s) adresi olmalı")]
    [InlineData("Store", "Azure", "Manset:Media:Store 'Azure' tanınmıyor")]
    public async Task A_bad_configuration_stops_the_start_with_a_turkish_message_that_shows_no_secret(string? key, string? value, string expected)
    {
        Action<Dictionary<string, string?>> configure = key is null
            ? s => s["Manset:Media:Store"] = "S3"
            : OnS3(s => s[key == "Store" ? "Manset:Media:Store" : "Manset:Media:S3:" + key] = value);
        var failure = await Record.ExceptionAsync(async () => await (await TestApp.StartAsync(Db.Sqlite, configure: configure)).DisposeAsync());
        Assert.NotNull(failure);
        var messages = string.Join('\n', Chain(failure!).Select(e => e.Message));
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, messages, StringComparison.Ordinal);
    }

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    [Theory]
    [InlineData(0L, 99L, 1000L, 0L, 99L)]
    [InlineData(990L, 2000L, 1000L, 990L, 999L)]
    [InlineData(null, 10L, 1000L, 990L, 999L)]
    [InlineData(null, 5000L, 1000L, 0L, 999L)]
    [InlineData(500L, null, 1000L, 500L, 999L)]
    public void A_range_is_resolved_against_the_file(long? from, long? to, long length, long start, long end) =>
        Assert.Equal(new MediaRange(start, end), StoredMediaFiles.Resolve(new RangeItem(from, to), length));

    [Theory]
    [InlineData(1000L, null, 1000L)]
    [InlineData(null, 0L, 1000L)]
    [InlineData(0L, null, 0L)]
    public void A_range_outside_the_file_resolves_to_nothing(long? from, long? to, long length) =>
        Assert.Null(StoredMediaFiles.Resolve(new RangeItem(from, to), length));

    [Theory]
    [InlineData("2026/11/ab12cd34ef56-640.jpg", true)]
    [InlineData("2026/11/demo-haber-0123456789abcdef0123.tr.vtt", true)]
    [InlineData("../keys/key.xml", false)]
    [InlineData("2026/../../x.jpg", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("2026\\11\\x.jpg", false)]
    [InlineData("2026//x.jpg", false)]
    [InlineData("", false)]
    public void Keys_that_could_leave_the_store_are_invalid(string key, bool valid) => Assert.Equal(valid, MediaKeys.IsValid(key));
}
