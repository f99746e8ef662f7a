using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Manset.Tests.Media;

/// <summary>The 16:9, 4:3 and 1:1 crops of article pictures: made on first request around the focal point, then static.</summary>
public class ImageCropsTests(SqliteDemoApp fixture) : IClassFixture<SqliteDemoApp>
{
    [Fact]
    public void A_crop_keeps_the_focal_point_and_the_shape()
    {
        // Left half red, right half blue: a square crop focused on the far left is red, on the far right blue.
        using var bitmap = new SKBitmap(1600, 900);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 800, 900, red);
        }
        using var left = SKBitmap.Decode(ImageCrops.Crop(bitmap, 1200, 1200, 0, 50));
        Assert.Equal((900, 900), (left.Width, left.Height));
        Assert.True(left.GetPixel(450, 450).Red > 200, "the left crop is red");
        using var right = SKBitmap.Decode(ImageCrops.Crop(bitmap, 1200, 1200, 100, 50));
        Assert.True(right.GetPixel(450, 450).Blue > 200, "the right crop is blue");
        using var wide = SKBitmap.Decode(ImageCrops.Crop(bitmap, 1200, 675, 50, 50));
        Assert.Equal((1200, 675), (wide.Width, wide.Height));
    }

    [Fact]
    public async Task Each_shape_is_made_once_on_request_and_anything_else_is_404()
    {
        var app = await fixture.AppAsync();
        string key;
        using (var scope = app.Services.CreateScope())
        {
            key = await scope.ServiceProvider.GetRequiredService<MansetDb>().Media.AsNoTracking()
                .Where(m => m.Kind == MediaKind.Image).OrderBy(m => m.Id).Select(m => m.StorageKey).FirstAsync();
        }
        var reader = app.Reader();
        foreach (var (name, width, height) in ImageCrops.Shapes)
        {
            var first = await reader.GetAsync(ImageCrops.Url(key, name));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
            var bytes = await first.Content.ReadAsByteArrayAsync();
            using var image = SKBitmap.Decode(bytes);
            Assert.Equal((double)width / height, (double)image.Width / image.Height, 2);
            Assert.True(image.Width <= width);
            // Stored: the second answer is the static file, the same bytes, cached for a year.
            var second = await reader.GetAsync(ImageCrops.Url(key, name));
            Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
            Assert.Contains("immutable", second.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(ImageCrops.Url(key, "3x2"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(ImageCrops.Url("2026/11/000000000000", "16x9"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/2026/11/yok.jpg")).StatusCode);
    }
}
