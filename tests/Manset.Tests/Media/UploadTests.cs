using System.Net;
using System.Net.Http.Headers;
using Manset.Tests.Support;

namespace Manset.Tests.Media;

/// <summary>
/// Uploads through the API and the newsroom's media library: a real photo becomes renditions served as images with
/// long-lived cache headers; a disguised text file and a decompression bomb are refused with 400 and the site stays up.
/// </summary>
public class UploadTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    static MultipartFormDataContent File(byte[] bytes, string name, string contentType, string field = "file")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { content, field, name } };
    }

    [Fact]
    public async Task A_real_jpeg_through_the_api_becomes_renditions_served_as_images()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync("muhabir");
        var response = await api.PostAsync("/api/v1/media", File(TestImages.Jpeg(1600, 1000), "deprem-bolgesi.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = await Json.ReadAsync(response);
        Assert.Equal(1600, (int)media["width"]!);
        var renditions = media["renditions"]!.AsArray();
        Assert.True(renditions.Count >= 2, $"{renditions.Count} renditions");

        var reader = app.Reader();
        foreach (var rendition in renditions)
        {
            foreach (var (url, type) in new[] { ((string)rendition!["url"]!, "image/jpeg"), ((string)rendition["webp"]!, "image/webp") })
            {
                var image = await reader.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal(type, image.Content.Headers.ContentType?.MediaType);
                Assert.True(image.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(30), $"{url}: {image.Headers.CacheControl}");
                Assert.True(image.Headers.CacheControl?.Public == true || image.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable") == true);
                var bytes = await image.Content.ReadAsByteArrayAsync();
                using var decoded = SkiaSharp.SKBitmap.Decode(bytes);
                Assert.Equal((int)rendition["width"]!, decoded.Width);
            }
        }
    }

    [Fact]
    public async Task A_text_file_named_jpg_and_a_png_claiming_30000_by_30000_pixels_are_refused_and_the_site_stays_healthy()
    {
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync("muhabir");
        var text = await api.PostAsync("/api/v1/media", File("Bu bir fotoğraf değil.\n"u8.ToArray(), "foto.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await Json.ReadAsync(text))["errors"]!["file"]);

        var bomb = TestImages.PngHeader(30_000, 30_000);
        Assert.True(bomb.Length < 100);
        var refused = await api.PostAsync("/api/v1/media", File(bomb, "kucuk.png", "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("megapiksel", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/")).StatusCode);
        var after = await api.PostAsync("/api/v1/media", File(TestImages.Jpeg(800, 600), "sonra.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task The_media_library_takes_a_photo_once_and_refuses_the_rest_with_400_and_a_message()
    {
        var app = await fixture.AppAsync();
        using var muhabir = await app.NewsroomClientAsync("muhabir");
        var photo = TestImages.Jpeg(1200, 900);

        var uploaded = await muhabir.PostMultipartAsync("/yonetim/medya?handler=Upload", Form(photo, "miting.jpg", "image/jpeg", "Mitingden bir kare"), "/yonetim/medya");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var library = await TestApp.ParseAsync(await muhabir.GetAsync("/yonetim/medya"));
        Assert.Contains("Yüklendi", library.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var img = library.QuerySelectorAll("img").FirstOrDefault(i => i.GetAttribute("alt") == "Mitingden bir kare");
        Assert.NotNull(img);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(img!.GetAttribute("src")!)).StatusCode);

        var again = await muhabir.PostMultipartAsync("/yonetim/medya?handler=Upload", Form(photo, "miting-kopya.jpg", "image/jpeg", "Kopya"), "/yonetim/medya");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var second = await TestApp.ParseAsync(await muhabir.GetAsync("/yonetim/medya"));
        Assert.Contains("zaten var", second.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        foreach (var (bytes, name, type) in new[] { ("merhaba"u8.ToArray(), "foto.jpg", "image/jpeg"), (TestImages.PngHeader(30_000, 30_000), "bomba.png", "image/png") })
        {
            var refused = await muhabir.PostMultipartAsync("/yonetim/medya?handler=Upload", Form(bytes, name, type, "x"), "/yonetim/medya");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await TestApp.ParseAsync(refused);
            Assert.NotEmpty(page.QuerySelector(".field-validation-error, .validation-summary-errors, [role=alert]")!.TextContent.Trim());
        }
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/health")).StatusCode);
    }

    static MultipartFormDataContent Form(byte[] bytes, string name, string type, string caption)
    {
        var form = File(bytes, name, type, "Upload");
        form.Add(new StringContent(caption), "Caption");
        form.Add(new StringContent("Manşet Haber"), "Credit");
        return form;
    }
}
