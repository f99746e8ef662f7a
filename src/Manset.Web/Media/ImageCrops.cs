using System.Text.RegularExpressions;
using Manset.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SkiaSharp;

namespace Manset.Web.Media;

/// <summary>
/// The picture crops search engines ask for (Google's article images: 16:9, 4:3 and 1:1): made from the largest
/// rendition around the picture's focal point the first time one is asked for, stored beside the renditions, and
/// from then on served as a stored file. Only these three shapes of pictures that exist are made.
/// </summary>
public static partial class ImageCrops
{
    public static readonly (string Name, int Width, int Height)[] Shapes = [("16x9", 1200, 675), ("4x3", 1200, 900), ("1x1", 1200, 1200)];

    static readonly SemaphoreSlim Working = new(2);

    public static string Key(string storageKey, string shape) => $"{storageKey}-{shape}.jpg";

    public static string Url(string storageKey, string shape) => ImageRef.UrlPrefix + Key(storageKey, shape);

    [GeneratedRegex("^(?<id>[0-9a-f]{12})-(?<shape>16x9|4x3|1x1)\\.jpg$")]
    private static partial Regex Name();

    /// <summary>After the static files: a crop not made yet is made now (404 for anything else).</summary>
    public static IEndpointRouteBuilder MapImageCrops(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{year:int:range(2000,2999)}/{month:int:range(1,12)}/{name}", CropAsync).ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> CropAsync(int year, int month, string name, MansetDb db, IMediaStore store, HttpContext http, CancellationToken ct)
    {
        var match = Name().Match(name);
        if (!match.Success) return Results.NotFound();
        var storageKey = $"{year:D4}/{month:D2}/{match.Groups["id"].Value}";
        var shape = Shapes.Single(s => s.Name == match.Groups["shape"].Value);
        var media = await db.Media.AsNoTracking().Where(m => m.StorageKey == storageKey && m.Kind == MediaKind.Image)
            .Select(m => new { m.Renditions, m.FocusX, m.FocusY }).FirstOrDefaultAsync(ct);
        if (media is null) return Results.NotFound();
        var largest = media.Renditions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).DefaultIfEmpty(0).Max();

        byte[] jpeg;
        await Working.WaitAsync(ct);
        try
        {
            await using var source = await store.OpenReadAsync(ImagePipeline.RenditionKey(storageKey, largest), range: null, ct);
            if (source is null) return Results.NotFound();
            // Read whole first: the decoder reads synchronously, and a bucket's stream is the network.
            using var buffer = new MemoryStream(source.Length is > 0 and <= int.MaxValue ? (int)source.Length : 0);
            await source.Content.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            using var bitmap = SKBitmap.Decode(buffer);
            if (bitmap is null) return Results.NotFound();
            jpeg = Crop(bitmap, shape.Width, shape.Height, media.FocusX, media.FocusY);
            using var stream = new MemoryStream(jpeg, writable: false);
            await store.WriteAsync(Key(storageKey, shape.Name), stream, ct);
        }
        finally
        {
            Working.Release();
        }
        http.Response.Headers[HeaderNames.CacheControl] = MediaExtensions.CacheControl;
        return Results.File(jpeg, "image/jpeg");
    }

    /// <summary>The largest rectangle of the wanted shape around the focal point (percentages), scaled down to size.</summary>
    public static byte[] Crop(SKBitmap bitmap, int width, int height, int focusX, int focusY)
    {
        var ratio = (double)width / height;
        var cropWidth = Math.Min(bitmap.Width, (int)Math.Round(bitmap.Height * ratio));
        var cropHeight = Math.Min(bitmap.Height, (int)Math.Round(cropWidth / ratio));
        var centreX = bitmap.Width * Math.Clamp(focusX, 0, 100) / 100.0;
        var centreY = bitmap.Height * Math.Clamp(focusY, 0, 100) / 100.0;
        var left = (int)Math.Clamp(Math.Round(centreX - cropWidth / 2.0), 0, bitmap.Width - cropWidth);
        var top = (int)Math.Clamp(Math.Round(centreY - cropHeight / 2.0), 0, bitmap.Height - cropHeight);
        var outWidth = Math.Min(width, cropWidth);
        var outHeight = (int)Math.Round(outWidth / ratio);
        using var target = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(target))
        {
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, new SKRect(left, top, left + cropWidth, top + cropHeight), new SKRect(0, 0, outWidth, outHeight),
                new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var encoded = SKImage.FromBitmap(target).Encode(SKEncodedImageFormat.Jpeg, 82);
        return encoded.ToArray();
    }
}
