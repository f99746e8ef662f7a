using AngleSharp.Dom;
using Ganss.Xss;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Cleans article HTML on the way in. Keeps what an editor uses (paragraphs, sub-headings, lists,
/// quotes, links, images, tables, embeds from known video and map providers) and drops everything
/// that can run code: scripts, event handlers, <c>javascript:</c> URLs, styles, forms, unknown frames.
/// Word and web pastes lose their wrappers but keep their text.
/// </summary>
public sealed class BodySanitizer
{
    static readonly string[] Tags =
    [
        "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
        "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "iframe", "video", "audio", "source",
        "pre", "code", "abbr", "time",
        // h1 is accepted and demoted to h2 below: the page's one h1 is the headline.
        "h1",
    ];

    static readonly string[] Attributes =
    [
        "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "scope", "cite", "datetime",
        "controls", "poster", "type", "lang", "dir", "start", "reversed", "allowfullscreen", "target",
    ];

    /// <summary>Tags whose text must not survive their removal (it is code or markup, not prose).</summary>
    static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "object", "embed", "applet", "svg", "math", "iframe", "frame",
        "frameset", "head", "title", "meta", "link", "base", "textarea", "select", "option", "button", "form", "input",
    };

    readonly HtmlSanitizer _sanitizer;

    public BodySanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        foreach (var t in Tags) options.AllowedTags.Add(t);
        foreach (var a in Attributes) options.AllowedAttributes.Add(a);
        foreach (var s in new[] { "http", "https", "mailto", "tel" }) options.AllowedSchemes.Add(s);
        foreach (var u in new[] { "href", "src", "cite", "poster" }) options.UriAttributes.Add(u);
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.RemovingTag += (_, e) =>
        {
            if (DropWithContent.Contains(e.Tag.LocalName)) e.Tag.InnerHtml = "";
        };
        _sanitizer.PostProcessDom += (_, e) => Tidy(e.Document.Body);
    }

    /// <summary>
    /// Returns safe HTML for an article body. Null or blank input gives an empty string. Markup with more tags than
    /// <see cref="HtmlText.MaxTags"/> (which only a hostile text has, and whose parsing could take minutes), or markup
    /// the parser fails on (<see cref="HtmlParsing"/>), keeps its words, one paragraph per line.
    /// </summary>
    public string Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (HtmlText.HasTooManyTags(html)) return Clean(AsParagraphs(html));
        try
        {
            return Clean(html);
        }
        catch (Exception e) when (HtmlParsing.IsParserFault(e))
        {
            return Clean(AsParagraphs(html));
        }
    }

    static string AsParagraphs(string html) =>
        string.Concat(HtmlText.Lines(html).Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>"));

    string Clean(string html)
    {
        // Markup the parser repaired (a table out of <math>, blocks under a <p>) can serialise into HTML that parses
        // into another tree: what is stored must be what was checked, so clean the output until it parses to itself
        // (one more pass for ordinary bodies, which come back unchanged).
        var clean = _sanitizer.Sanitize(html).Trim();
        for (var pass = 0; pass < 3; pass++)
        {
            var again = _sanitizer.Sanitize(clean).Trim();
            if (string.Equals(again, clean, StringComparison.Ordinal)) break;
            clean = again;
        }
        return clean;
    }

    static void Tidy(IElement? root)
    {
        if (root is null) return;
        foreach (var h1 in root.QuerySelectorAll("h1").ToList()) Rename(h1, "h2");
        foreach (var frame in root.QuerySelectorAll("iframe").ToList())
        {
            if (!Media.Embeds.IsAllowedFrame(frame.GetAttribute("src")))
            {
                frame.Remove();
                continue;
            }
            frame.SetAttribute("loading", "lazy");
            frame.SetAttribute("referrerpolicy", "strict-origin-when-cross-origin");
            frame.SetAttribute("allowfullscreen", "");
            frame.SetAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
            if (string.IsNullOrEmpty(frame.GetAttribute("title"))) frame.SetAttribute("title", "Gömülü içerik");
        }
        foreach (var link in root.QuerySelectorAll("a[target]").ToList())
        {
            if (link.GetAttribute("target") == "_blank") link.SetAttribute("rel", "noopener noreferrer");
            else link.RemoveAttribute("target");
        }
        foreach (var img in root.QuerySelectorAll("img").ToList())
        {
            if (!img.HasAttribute("alt")) img.SetAttribute("alt", "");
            img.SetAttribute("loading", "lazy");
            img.SetAttribute("decoding", "async");
        }
    }

    static void Rename(IElement element, string name)
    {
        var replacement = element.Owner!.CreateElement(name);
        while (element.FirstChild is { } child) replacement.AppendChild(child);
        element.Replace(replacement);
    }
}
