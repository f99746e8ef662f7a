using SkiaSharp;

namespace Manset.Web.Data;

/// <summary>
/// Draws the demo newspaper's illustrations: an abstract picture per theme (water, city, sport…) in the
/// theme's colours, different for every seed. No text, no photographs, nothing copied.
/// </summary>
public static class DemoImages
{
    static readonly Dictionary<string, (SKColor From, SKColor To, SKColor Ink)> Palettes = new(StringComparer.Ordinal)
    {
        ["city"] = (new(0x2b, 0x3a, 0x55), new(0xe8, 0x9f, 0x71), new(0x1b, 0x24, 0x36)),
        ["nature"] = (new(0x9b, 0xd1, 0xe5), new(0x6a, 0x99, 0x4e), new(0x3d, 0x5a, 0x2e)),
        ["water"] = (new(0x0f, 0x4c, 0x75), new(0x7f, 0xc8, 0xf8), new(0xff, 0xff, 0xff)),
        ["fire"] = (new(0x3a, 0x0c, 0x0c), new(0xf2, 0x8c, 0x28), new(0xff, 0xd1, 0x66)),
        ["sport"] = (new(0x1e, 0x6f, 0x3a), new(0x2e, 0x9e, 0x55), new(0xf4, 0xf4, 0xf4)),
        ["money"] = (new(0x0b, 0x3d, 0x2e), new(0x1f, 0x8a, 0x70), new(0xf2, 0xc1, 0x4e)),
        ["industry"] = (new(0x4a, 0x4e, 0x69), new(0xc9, 0xad, 0xa7), new(0x22, 0x22, 0x3b)),
        ["health"] = (new(0xe0, 0xf2, 0xf1), new(0x4d, 0xb6, 0xac), new(0xc6, 0x28, 0x28)),
        ["school"] = (new(0xff, 0xe0, 0x82), new(0xff, 0x8a, 0x65), new(0x3e, 0x27, 0x23)),
        ["world"] = (new(0x0d, 0x1b, 0x2a), new(0x41, 0x5a, 0x77), new(0xe0, 0xe1, 0xdd)),
        ["politics"] = (new(0x8d, 0x08, 0x01), new(0xbf, 0x30, 0x40), new(0xf6, 0xf1, 0xe9)),
        ["tech"] = (new(0x10, 0x00, 0x2b), new(0x24, 0x00, 0x46), new(0x00, 0xf5, 0xd4)),
        ["culture"] = (new(0x5f, 0x0f, 0x40), new(0xfb, 0x8b, 0x24), new(0xff, 0xf3, 0xe0)),
        ["food"] = (new(0xf4, 0xa2, 0x61), new(0xe7, 0x6f, 0x51), new(0xff, 0xf8, 0xe7)),
        ["transport"] = (new(0x26, 0x46, 0x53), new(0x2a, 0x9d, 0x8f), new(0xe9, 0xc4, 0x6a)),
        ["weather"] = (new(0x5c, 0x67, 0x7d), new(0xb8, 0xc5, 0xd6), new(0xf0, 0xf4, 0xf8)),
    };

    public static SKBitmap Render(string theme, int seed, int width = 1600, int height = 900)
    {
        var (from, to, ink) = Palettes.GetValueOrDefault(theme, Palettes["city"]);
        var random = new Random(seed * 7919 + theme.Length);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width * (float)random.NextDouble(), height), [from, to], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };

        // Soft light spots give every picture some depth.
        for (var i = 0; i < 6; i++)
        {
            fill.Color = ink.WithAlpha((byte)random.Next(12, 40));
            canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(height / 8, height / 2), fill);
        }

        fill.Color = ink.WithAlpha(220);
        stroke.Color = ink.WithAlpha(200);
        stroke.StrokeWidth = height / 90f;
        switch (theme)
        {
            case "city" or "industry" or "politics":
                Skyline(canvas, fill, random, width, height, columns: theme == "politics", chimneys: theme == "industry");
                break;
            case "water" or "weather":
                Waves(canvas, stroke, random, width, height, rain: theme == "weather");
                break;
            case "sport":
                stroke.Color = ink.WithAlpha(160);
                canvas.DrawRect(width * 0.08f, height * 0.12f, width * 0.84f, height * 0.76f, stroke);
                canvas.DrawLine(width / 2f, height * 0.12f, width / 2f, height * 0.88f, stroke);
                canvas.DrawCircle(width / 2f, height / 2f, height * 0.14f, stroke);
                fill.Color = SKColors.White;
                canvas.DrawCircle(width * (0.3f + 0.4f * (float)random.NextDouble()), height * (0.3f + 0.4f * (float)random.NextDouble()), height * 0.035f, fill);
                break;
            case "money":
                for (var i = 0; i < 9; i++)
                {
                    var barHeight = height * (0.15f + 0.6f * (float)random.NextDouble());
                    canvas.DrawRoundRect(width * (0.1f + i * 0.09f), height * 0.9f - barHeight, width * 0.06f, barHeight, 8, 8, fill);
                }
                break;
            case "tech":
                var nodes = Enumerable.Range(0, 24).Select(_ => new SKPoint(random.Next(width), random.Next(height))).ToArray();
                stroke.StrokeWidth = 3;
                foreach (var a in nodes)
                {
                    foreach (var b in nodes.Where(b => SKPoint.Distance(a, b) < width / 5f)) canvas.DrawLine(a, b, stroke);
                    canvas.DrawCircle(a, 9, fill);
                }
                break;
            case "health":
                var cx = width * 0.5f;
                var cy = height * 0.5f;
                var arm = height * 0.12f;
                canvas.DrawRoundRect(cx - arm, cy - arm * 3, arm * 2, arm * 6, 12, 12, fill);
                canvas.DrawRoundRect(cx - arm * 3, cy - arm, arm * 6, arm * 2, 12, 12, fill);
                break;
            case "world":
                stroke.StrokeWidth = 4;
                var r = height * 0.36f;
                canvas.DrawCircle(width / 2f, height / 2f, r, stroke);
                for (var i = 1; i < 4; i++) canvas.DrawOval(width / 2f, height / 2f, r * i / 4f, r, stroke);
                for (var i = -2; i <= 2; i++) canvas.DrawLine(width / 2f - r * MathF.Sqrt(1 - i * i / 9f), height / 2f + r * i / 3f, width / 2f + r * MathF.Sqrt(1 - i * i / 9f), height / 2f + r * i / 3f, stroke);
                break;
            case "transport":
                stroke.StrokeWidth = height / 40f;
                canvas.DrawLine(0, height * 0.7f, width, height * 0.55f, stroke);
                canvas.DrawLine(0, height * 0.85f, width, height * 0.7f, stroke);
                for (var x = 0; x < width; x += width / 16) canvas.DrawLine(x, height * 0.7f - x * 0.15f * height / width + 20, x + 14, height * 0.85f - x * 0.15f * height / width - 20, stroke);
                break;
            case "fire":
                for (var i = 0; i < 14; i++)
                {
                    fill.Color = (i % 2 == 0 ? ink : new SKColor(0xff, 0x5a, 0x1f)).WithAlpha((byte)random.Next(90, 200));
                    var x = width * (0.25f + 0.5f * (float)random.NextDouble());
                    canvas.DrawOval(x, height * (0.55f + 0.25f * (float)random.NextDouble()), width * 0.05f, height * (0.12f + 0.2f * (float)random.NextDouble()), fill);
                }
                break;
            case "food" or "culture" or "school":
                for (var i = 0; i < 7; i++)
                {
                    fill.Color = ink.WithAlpha((byte)random.Next(120, 230));
                    var size = height * (0.08f + 0.14f * (float)random.NextDouble());
                    var x = random.Next(width);
                    var y = random.Next(height);
                    if (theme == "school") canvas.DrawRoundRect(x, y, size * 1.5f, size, 6, 6, fill);
                    else if (theme == "culture") canvas.DrawArc(new SKRect(x, y, x + size * 2, y + size * 2), random.Next(360), 200, true, fill);
                    else canvas.DrawCircle(x, y, size, fill);
                }
                break;
            default:
                Hills(canvas, fill, random, width, height);
                break;
        }
        return bitmap;
    }

    static void Skyline(SKCanvas canvas, SKPaint fill, Random random, int width, int height, bool columns, bool chimneys)
    {
        var x = 0f;
        while (x < width)
        {
            var w = width * (0.04f + 0.06f * (float)random.NextDouble());
            var h = height * (0.2f + 0.5f * (float)random.NextDouble());
            canvas.DrawRect(x, height - h, w - 6, h, fill);
            if (chimneys && random.NextDouble() < 0.4) canvas.DrawRect(x + w / 3, height - h - height * 0.15f, w / 5, height * 0.15f, fill);
            x += w;
        }
        if (columns)
        {
            for (var i = 0; i < 6; i++) canvas.DrawRect(width * (0.3f + i * 0.08f), height * 0.25f, width * 0.035f, height * 0.4f, fill);
            using var roof = new SKPath();
            roof.MoveTo(width * 0.26f, height * 0.25f);
            roof.LineTo(width * 0.5f, height * 0.08f);
            roof.LineTo(width * 0.74f, height * 0.25f);
            roof.Close();
            canvas.DrawPath(roof, fill);
        }
    }

    static void Waves(SKCanvas canvas, SKPaint stroke, Random random, int width, int height, bool rain)
    {
        for (var row = 0; row < 6; row++)
        {
            using var path = new SKPath();
            var baseY = height * (0.45f + row * 0.09f);
            var phase = (float)random.NextDouble() * 6f;
            path.MoveTo(0, baseY);
            for (var x = 0; x <= width; x += 20) path.LineTo(x, baseY + MathF.Sin(x / 90f + phase) * height * 0.025f);
            canvas.DrawPath(path, stroke);
        }
        if (!rain) return;
        stroke.StrokeWidth = 3;
        for (var i = 0; i < 80; i++)
        {
            var x = random.Next(width);
            var y = random.Next(height / 2);
            canvas.DrawLine(x, y, x - 12, y + 40, stroke);
        }
    }

    static void Hills(SKCanvas canvas, SKPaint fill, Random random, int width, int height)
    {
        for (var layer = 0; layer < 3; layer++)
        {
            using var path = new SKPath();
            var baseY = height * (0.55f + layer * 0.12f);
            path.MoveTo(0, height);
            path.LineTo(0, baseY);
            for (var x = 0; x <= width; x += width / 8)
                path.QuadTo(x + width / 16f, baseY - height * 0.15f * (float)random.NextDouble(), x + width / 8f, baseY);
            path.LineTo(width, height);
            path.Close();
            fill.Color = fill.Color.WithAlpha((byte)(120 + layer * 45));
            canvas.DrawPath(path, fill);
        }
    }
}
