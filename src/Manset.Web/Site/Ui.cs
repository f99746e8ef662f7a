using System.Text.Encodings.Web;
using Manset.Web.Media;
using Microsoft.AspNetCore.Html;

namespace Manset.Web.Site;

/// <summary>Small HTML pieces the public pages print many times.</summary>
public static class Ui
{
    /// <summary>HTML encoding that leaves Turkish letters readable (as the pages' own encoder does).</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// A responsive image: WebP and JPEG renditions in srcset (a &lt;picture&gt; when WebP exists), width and height so
    /// the layout never jumps, lazy unless it is the page's first picture. The alt is "" where the picture shares a link
    /// with its headline (cards, slides, video lists): the headline names the link, and a screen reader would say it twice.
    /// </summary>
    public static IHtmlContent Img(ImageRef? image, string alt, int width, string sizes, bool eager = false, string? cssClass = null)
    {
        if (image is null) return HtmlString.Empty;
        var e = Encoder;
        var height = image.HeightAt(width);
        var cls = cssClass is null ? "" : $" class=\"{e.Encode(cssClass)}\"";
        var loading = eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"";
        var img = $"<img{cls} src=\"{e.Encode(image.Src(width))}\" srcset=\"{e.Encode(image.SrcSet())}\" sizes=\"{e.Encode(sizes)}\" " +
                  $"width=\"{width}\" height=\"{height}\" alt=\"{e.Encode(alt)}\"{loading} decoding=\"async\">";
        return new HtmlString(image.HasWebp
            ? $"<picture><source type=\"image/webp\" srcset=\"{e.Encode(image.WebpSrcSet())}\" sizes=\"{e.Encode(sizes)}\">{img}</picture>"
            : img);
    }
}
