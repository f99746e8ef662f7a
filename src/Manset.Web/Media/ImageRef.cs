using System.Globalization;
using System.Text;

namespace Manset.Web.Media;

/// <summary>What a page needs to print an image: its renditions (JPEG, and WebP where made), width and height.</summary>
public sealed record ImageRef(string Key, int Width, int Height, string Renditions, bool HasWebp = false)
{
    public const string UrlPrefix = "/media/";

    public int[] Widths { get; } = Renditions.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The smallest JPEG rendition at least <paramref name="wanted"/> pixels wide (or the largest there is).</summary>
    public string Src(int wanted) => UrlPrefix + ImagePipeline.RenditionKey(Key, Pick(wanted));

    /// <summary>Like <see cref="Src"/>, in WebP when the image has WebP renditions (a video's poster takes one URL).</summary>
    public string ModernSrc(int wanted) => UrlPrefix + ImagePipeline.RenditionKey(Key, Pick(wanted), HasWebp ? "webp" : "jpg");

    public string SrcSet() => Set("jpg");

    public string WebpSrcSet() => Set("webp");

    int Pick(int wanted) => Widths.FirstOrDefault(w => w >= wanted, Widths.Length == 0 ? wanted : Widths[^1]);

    string Set(string format)
    {
        var sb = new StringBuilder();
        foreach (var w in Widths)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(UrlPrefix).Append(ImagePipeline.RenditionKey(Key, w, format)).Append(' ').Append(w.ToString(CultureInfo.InvariantCulture)).Append('w');
        }
        return sb.ToString();
    }

    /// <summary>Height at a given display width, keeping the aspect ratio (for width/height attributes).</summary>
    public int HeightAt(int width) => Width == 0 ? 0 : (int)Math.Round(Height * (double)width / Width);

    public static ImageRef? From(Manset.Data.Media? media) =>
        media is null ? null : new ImageRef(media.StorageKey, media.Width, media.Height, media.Renditions, media.HasWebp);
}
