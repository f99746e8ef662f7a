using System.Text.Encodings.Web;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.AspNetCore.Html;

namespace Manset.Web.Site;

/// <summary>Small HTML pieces the public pages print many times.</summary>
public static class Ui
{
    /// <summary>HTML encoding that leaves Turkish letters readable (as the pages' own encoder does).</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// An article card (lists, blocks, related stories). Built here rather than as a partial view: a page prints up to
    /// forty, and each partial costs a view lookup, an activation and a buffer, which made a 20-card category page
    /// render at twice the cost of an 8-card one.
    /// </summary>
    public static IHtmlContent Card(CardView view, string videoLabel, DateTimeOffset now)
    {
        var e = Encoder;
        var c = view.Card;
        var html = new System.Text.StringBuilder(1200);
        html.Append("<article class=\"card");
        if (view.Css.Length > 0) html.Append(' ').Append(e.Encode(view.Css));
        html.Append("\">\n<a href=\"").Append(e.Encode(c.Url)).Append("\">");
        if (view.ImageWidth > 0 && c.Image is not null)
        {
            using var writer = new StringWriter(html, System.Globalization.CultureInfo.InvariantCulture);
            Img(c.Image, "", view.ImageWidth, view.Sizes, view.Eager).WriteTo(writer, e);
        }
        var heading = view.HeadingTag;
        html.Append('<').Append(heading).Append('>');
        if (c.HasVideo) html.Append("<span class=\"badge video\">").Append(e.Encode(videoLabel)).Append("</span> ");
        html.Append(e.Encode(c.Title)).Append("</").Append(heading).Append("></a>\n");
        if (view.ShowSpot && c.Spot.Length > 0) html.Append("<p class=\"spot\">").Append(e.Encode(c.Spot)).Append("</p>\n");
        html.Append("<p class=\"meta\"><a href=\"").Append(e.Encode(Links.Category(c.CategorySlug))).Append("\">").Append(e.Encode(c.CategoryName))
            .Append("</a> · <time datetime=\"").Append(e.Encode(Turkish.Iso(c.PublishedAt))).Append("\">")
            .Append(e.Encode(Turkish.Ago(c.PublishedAt, now))).Append("</time></p>\n</article>\n");
        return new HtmlString(html.ToString());
    }

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
