using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Manset.Fuzz;

/// <summary>
/// What "safe article HTML" means, checked on the DOM a browser would build from the sanitizer's output (the
/// output is parsed again, so markup that only turns dangerous after a serialise-and-parse round trip is caught
/// too). Written independently of <c>BodySanitizer</c>'s own lists: this is the specification, not a copy of it.
/// </summary>
public static class HtmlSafety
{
    /// <summary>Elements that run code, load other documents, change the page's base or take input.</summary>
    static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "object", "embed", "applet", "frame", "frameset", "base", "meta", "link", "form", "input",
        "button", "textarea", "select", "option", "svg", "math", "template", "noscript", "xmp", "plaintext", "noembed",
        "noframes", "title", "head", "portal",
    };

    /// <summary>Attributes that hold an address.</summary>
    static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "cite", "poster", "action", "formaction", "data", "background", "srcset", "xlink:href", "lowsrc",
        "dynsrc", "longdesc", "usemap", "codebase", "manifest", "ping", "itemtype",
    };

    /// <summary>Attributes that are never needed in an article and carry code or other documents.</summary>
    static readonly HashSet<string> ForbiddenAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "srcdoc", "formaction", "xmlns", "xlink:href", "is", "autofocus", "http-equiv",
    };

    static readonly string[] ForbiddenSchemes = ["javascript:", "vbscript:", "livescript:", "data:text/html", "data:image/svg", "data:application"];

    /// <summary>Where an embedded frame may point: https only, these hosts, these paths.</summary>
    static readonly (string Host, string PathPrefix)[] EmbedHosts =
    [
        ("www.youtube.com", "/embed/"),
        ("youtube.com", "/embed/"),
        ("www.youtube-nocookie.com", "/embed/"),
        ("player.vimeo.com", "/video/"),
        ("www.dailymotion.com", "/embed/"),
        ("geo.dailymotion.com", "/player"),
        ("www.google.com", "/maps/embed"),
    ];

    /// <summary>Every reason the HTML is unsafe; empty when it is safe.</summary>
    public static IReadOnlyList<string> Violations(string html)
    {
        var found = new List<string>();
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><head></head><body>" + html + "</body></html>");
        // The head must stay empty: anything the body's markup pushed there (a base, a meta) is a finding too.
        var elements = document.Head!.QuerySelectorAll("*").Concat(document.Body!.QuerySelectorAll("*"));
        foreach (var element in elements)
        {
            var name = element.LocalName;
            if (ForbiddenElements.Contains(name)) found.Add($"<{name}> element");
            if (element.NamespaceUri is { } ns && ns != "http://www.w3.org/1999/xhtml") found.Add($"<{name}> in namespace {ns}");
            if (name == "iframe") CheckFrame(element, found);
            foreach (var attribute in element.Attributes)
            {
                var attr = attribute.Name;
                if (attr.StartsWith("on", StringComparison.OrdinalIgnoreCase)) found.Add($"event handler {attr} on <{name}>");
                if (ForbiddenAttributes.Contains(attr)) found.Add($"{attr} on <{name}>");
                if (attr.Equals("style", StringComparison.OrdinalIgnoreCase) && DangerousStyle(attribute.Value)) found.Add($"style \"{attribute.Value}\" on <{name}>");
                if (UrlAttributes.Contains(attr) && DangerousUrl(attribute.Value)) found.Add($"{attr}=\"{attribute.Value}\" on <{name}>");
            }
        }
        return found;
    }

    /// <summary>True for an address a browser would run as code or render as a document of its own.</summary>
    public static bool DangerousUrl(string value)
    {
        // Browsers drop ASCII whitespace and control characters inside the scheme: "java\tscript:" is "javascript:".
        var squeezed = new string(value.Where(c => c > ' ' && c != '\u007f').ToArray()).ToLowerInvariant();
        foreach (var candidate in squeezed.Split(',', StringSplitOptions.TrimEntries)) // srcset lists several
        {
            if (ForbiddenSchemes.Any(s => candidate.StartsWith(s, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    static bool DangerousStyle(string value)
    {
        var squeezed = new string(value.Where(c => !char.IsWhiteSpace(c) && c != '\\' && c != '\0').ToArray()).ToLowerInvariant();
        return squeezed.Contains("expression(", StringComparison.Ordinal) || squeezed.Contains("javascript:", StringComparison.Ordinal)
            || squeezed.Contains("vbscript:", StringComparison.Ordinal) || squeezed.Contains("-moz-binding", StringComparison.Ordinal)
            || squeezed.Contains("behavior:", StringComparison.Ordinal) || squeezed.Contains("@import", StringComparison.Ordinal);
    }

    static void CheckFrame(IElement frame, List<string> found)
    {
        var src = frame.GetAttribute("src");
        var allowed = Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && EmbedHosts.Any(h => string.Equals(uri.Host, h.Host, StringComparison.OrdinalIgnoreCase) && uri.AbsolutePath.StartsWith(h.PathPrefix, StringComparison.Ordinal));
        if (!allowed) found.Add($"<iframe src=\"{src}\"> outside the allowed embed hosts");
        if (!frame.HasAttribute("sandbox")) found.Add("<iframe> without sandbox");
    }
}
