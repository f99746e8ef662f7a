using System.Security.Cryptography;
using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Manset.Web.Media;

/// <summary>Why an upload was refused, in words an editor understands.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);

/// <summary>
/// Turns an uploaded image into the renditions the site serves: decoded (so only real images pass),
/// size-checked before decoding (no decompression bombs), rotated upright, metadata stripped,
/// resized to a ladder of widths and encoded as JPEG.
/// </summary>
public sealed class ImagePipeline(IMediaStore store, PendingUploads pending, Manset.Data.MansetDb db, IOptions<MansetOptions> options, TimeProvider clock)
{
    /// <summary>The widths the site asks for in srcset; an image gets those up to its own width.</summary>
    public static readonly int[] Ladder = [320, 640, 960, 1280, 1920];

    const int Quality = 82;
    const int WebpQuality = 78;

    static readonly (SKEncodedImageFormat Format, string Extension, int Quality)[] Formats =
        [(SKEncodedImageFormat.Jpeg, "jpg", Quality), (SKEncodedImageFormat.Webp, "webp", WebpQuality)];

    /// <summary>
    /// Processes and stores an image, once: the same file uploaded again returns the media already stored
    /// (<c>Existing</c> true). A new entity is not yet saved to the database.
    /// </summary>
    public async Task<(Manset.Data.Media Media, bool Existing)> StoreAsync(Stream upload, string? fileName, CancellationToken ct)
    {
        var limit = options.Value.Media.MaxUploadMegabytes * 1024L * 1024L;
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(upload, buffer, limit, ct);
        if (buffer.Length == 0) throw new MediaRejectedException("Dosya boş.");
        var bytes = buffer.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Media, m => m.Sha256 == sha256 && m.Kind == MediaKind.Image, ct);
        if (existing is not null) return (existing, true);

        using var bitmap = Decode(bytes, options.Value.Media.MaxMegapixels);
        return (await StoreBitmapAsync(bitmap, fileName, sha256, ct), false);
    }

    /// <summary>
    /// Stores renditions of an image already in memory (the demo illustrations come this way). Either every rendition
    /// is stored or none is: a failure (a full disk: <see cref="MediaStorageFullException"/>) deletes what was written.
    /// </summary>
    public async Task<Manset.Data.Media> StoreBitmapAsync(SKBitmap bitmap, string? fileName, string? sha256, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var widths = WidthsFor(bitmap.Width);
        var upload = await pending.BeginAsync(key, widths.SelectMany(w => Formats.Select(f => RenditionKey(key, w, f.Extension))).ToList(), ct);
        try
        {
            foreach (var width in widths)
            {
                var height = (int)Math.Round(bitmap.Height * (double)width / bitmap.Width);
                using var resized = width == bitmap.Width ? null : bitmap.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
                using var image = SKImage.FromBitmap(resized ?? bitmap);
                foreach (var (format, extension, quality) in Formats)
                {
                    using var data = image.Encode(format, quality) ?? throw new MediaRejectedException("Görsel kodlanamadı.");
                    await using var stream = data.AsStream();
                    await store.WriteAsync(RenditionKey(key, width, extension), stream, ct);
                }
            }
        }
        catch (Exception e)
        {
            await pending.AbandonAsync(upload, e);
            if (StorageFull.Is(e) && e is not MediaStorageFullException) throw new MediaStorageFullException(e);
            throw;
        }
        return new Manset.Data.Media
        {
            Kind = MediaKind.Image,
            StorageKey = key,
            ContentType = "image/jpeg",
            FileName = fileName is null ? null : Path.GetFileName(fileName),
            Width = bitmap.Width,
            Height = bitmap.Height,
            Bytes = bitmap.ByteCount,
            Renditions = string.Join(',', widths),
            HasWebp = true,
            Sha256 = sha256,
            CreatedAt = now,
        };
    }

    public static string RenditionKey(string key, int width, string format = "jpg") => $"{key}-{width}.{format}";

    public static int[] WidthsFor(int width)
    {
        var widths = Ladder.Where(w => w < width).ToList();
        widths.Add(Math.Min(width, Ladder[^1]));
        return widths.Distinct().Order().ToArray();
    }

    static SKBitmap Decode(byte[] bytes, int maxMegapixels)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new MediaRejectedException("Dosya bir görsel değil ya da biçimi desteklenmiyor (JPEG, PNG, WebP, GIF).");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif))
            throw new MediaRejectedException("Görsel biçimi desteklenmiyor (JPEG, PNG, WebP, GIF).");
        var info = codec.Info;
        if (info.Width < 16 || info.Height < 16) throw new MediaRejectedException("Görsel çok küçük (en az 16×16 piksel).");
        if ((long)info.Width * info.Height > maxMegapixels * 1_000_000L)
            throw new MediaRejectedException($"Görsel çok büyük (en çok {maxMegapixels} megapiksel).");

        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var decoded = new SKBitmap(target);
        var result = codec.GetPixels(target, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            decoded.Dispose();
            throw new MediaRejectedException("Görsel okunamadı; dosya bozuk olabilir.");
        }
        var upright = Orient(decoded, codec.EncodedOrigin);
        return Flatten(upright);
    }

    /// <summary>JPEG has no transparency: put transparent images on white.</summary>
    static SKBitmap Flatten(SKBitmap source)
    {
        var flat = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(source, 0, 0);
        }
        source.Dispose();
        return flat;
    }

    /// <summary>Applies the EXIF orientation so that the stored pixels are upright.</summary>
    static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return bitmap;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using (var canvas = new SKCanvas(rotated))
        {
            var w = bitmap.Width;
            var h = bitmap.Height;
            switch (origin)
            {
                case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2f, 0); break;
                case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2f, h / 2f); break;
                case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2f); break;
                case SKEncodedOrigin.LeftTop: canvas.Scale(-1, 1); canvas.RotateDegrees(90); break;
                case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
                case SKEncodedOrigin.RightBottom: canvas.Translate(h, w); canvas.Scale(1, -1); canvas.RotateDegrees(90); break;
                case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;
            }
            canvas.DrawBitmap(bitmap, 0, 0);
        }
        bitmap.Dispose();
        return rotated;
    }

    static async Task CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            total += read;
            if (total > limit) throw new MediaRejectedException($"Dosya çok büyük (en çok {limit / 1024 / 1024} MB).");
            await target.WriteAsync(chunk.AsMemory(0, read), ct);
        }
    }
}
