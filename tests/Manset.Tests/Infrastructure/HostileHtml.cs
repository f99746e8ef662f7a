using CsCheck;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// Generates hostile article HTML from fragments: dangerous and harmless tags in mixed case, event handlers,
/// script URLs hidden behind entities, whitespace and control characters, frames from look-alike hosts, CSS
/// expressions, comments and CDATA, unclosed and misnested markup, and the known mutation-XSS shapes.
/// </summary>
public static class HostileHtml
{
    static readonly Gen<string> TagName = Gen.OneOf(
        "script", "SCRIPT", "ScRiPt", "img", "IMG", "a", "A", "iframe", "IFRAME", "iFrame", "svg", "math", "style", "object", "embed",
        "p", "div", "b", "i", "table", "tr", "td", "select", "option", "textarea", "noscript", "template", "title", "xmp", "form",
        "input", "button", "base", "meta", "link", "video", "audio", "source", "h1", "h2", "blockquote", "figure", "mtext", "mglyph",
        "frameset", "frame", "body", "html", "head", "image", "isindex", "marquee", "details", "noembed", "noframes", "plaintext",
        "annotation-xml", "foreignObject", "use", "animate", "set", "applet", "portal", "li", "ul", "q", "time", "code", "pre");

    static readonly Gen<string> AttributeName = Gen.OneOf(
        "onclick", "ONERROR", "OnLoad", "onmouseover", "onfocus", "onbegin", "onanimationstart", "on", "style", "STYLE", "href", "HREF",
        "src", "SrC", "xlink:href", "srcdoc", "formaction", "action", "data", "poster", "cite", "background", "srcset", "target",
        "allowfullscreen", "sandbox", "lang", "title", "alt", "width", "dynsrc", "lowsrc", "is", "autofocus", "http-equiv", "content",
        "xmlns", "class", "id", "name", "type", "/onerror", "x/onerror");

    static readonly Gen<string> Value = Gen.OneOf(
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "java&#10;script:alert(1)", "java&Tab;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)", "&#x6A;avascript&colon;alert(1)", " javascript:alert(1)",
        "java\nscript:alert(1)", "\u0001javascript:alert(1)", "\u0000javascript:alert(1)", "jav\u0000ascript:alert(1)", "javascript&#0000058alert(1)",
        "vbscript:msgbox(1)", "VBScript:msgbox(1)", "livescript:x", "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:TEXT/HTML,x", "da&#x74;a:text/html,x", "data:image/svg+xml,<svg onload=alert(1)>",
        "https://www.youtube.com/embed/abc", "http://www.youtube.com/embed/abc", "https://www.youtube.com.evil.example/embed/x",
        "https://evil.example/embed/x", "//www.youtube.com/embed/x", "https://www.youtube.com/embed/../../redirect?q=x",
        "https://WWW.YOUTUBE.COM/embed/x", "https://player.vimeo.com/video/1", "https://user@www.youtube.com/embed/x",
        "https://www.youtube.com:443/embed/x", "https://www.youtube.com\\@evil.example/embed/", "https://evil.example\\@www.youtube.com/embed/x",
        "https://www.google.com/maps/embed?pb=1", "https://www.google.com/maps/embed/../../search", "javascript://www.youtube.com/embed/%0aalert(1)",
        "x:expression(alert(1))", "width:expression(alert(1))", "background:url(javascript:alert(1))", "w\\idth:exp\\ression(alert(1))",
        "-moz-binding:url(x)", "behavior:url(x.htc)", "@import 'x.css'", "alert(1)", "https://www.aa.com.tr/tr", "mailto:a@example.com",
        "tel:+902221112233", "/media/2026/11/a-640.jpg", "#bolum", "", "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
        "&quot; onmouseover=alert(1) x=&quot;", "<script>alert(1)</script>", "_blank", "_self", "0;url=javascript:alert(1)", "refresh");

    static readonly Gen<string> Quote = Gen.OneOf("\"", "'", "", "`");

    static readonly Gen<string> Attribute = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf(" ", "  ", "\t", "\n", "/", " /"), AttributeName, Quote, Value, (sep, name, q, value) => $"{sep}{name}={q}{value}{q}")),
        (1, Gen.Select(Gen.OneOf(" ", "/"), AttributeName, (sep, name) => sep + name)));

    static readonly Gen<string> Text = Gen.OneOf(
        "Eskişehir'de hasat başladı", "İSTANBUL", "ığdır", "<", "</", ">", "<!--", "-->", "--!>", "<![CDATA[", "]]>", "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&amp;", "&#60;script&#62;", "&", "\"", "'", "=", "\0", "\u2028", " ", "\n", "<?xml version=\"1.0\"?>", "<!DOCTYPE html>", "<%", "%>");

    /// <summary>Known payloads and mutation-XSS shapes (markup that changes meaning when serialised and parsed again).</summary>
    static readonly Gen<string> Payload = Gen.OneOf(
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<a href=javascript:alert(1)>x</a>",
        "<iframe src=javascript:alert(1)>", "<iframe srcdoc=\"<script>alert(1)</script>\">", "<body onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<svg><style><img src=x onerror=alert(1)></style></svg>", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>", "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>", "<textarea></textarea><script>alert(1)</script>",
        "<title></title><img src=x onerror=alert(1)>", "<xmp><img src=x onerror=alert(1)></xmp>", "<object data=\"javascript:alert(1)\">",
        "<embed src=\"data:text/html,<script>alert(1)</script>\">", "<base href=\"javascript:alert(1)//\">", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">", "<form action=javascript:alert(1)><button>x</button></form>",
        "<button formaction=javascript:alert(1)>x</button>", "<video poster=javascript:alert(1)>", "<video><source onerror=alert(1)></video>",
        "<img src=\"x\" style=\"width:expression(alert(1))\">", "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>", "<a href=\"java&#x0D;script:alert(1)\">x</a>", "<a href=\"  javascript:alert(1)\">x</a>",
        "<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>", "<iframe src=\"https://www.youtube.com/embed/ok\" onload=alert(1)></iframe>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "<math href=\"javascript:alert(1)\">x</math>",
        "<img src=`x`onerror=alert(1)>", "<img/src/onerror=alert(1)>", "<<script>script>alert(1)<</script>/script>", "<scr<script>ipt>alert(1)</script>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">", "<![CDATA[<]]><script>alert(1)</script>", "<p title=\"</p><script>alert(1)</script>\">x</p>");

    static readonly Gen<string> OpenTag = Gen.Select(TagName, Attribute.Array[0, 3], Gen.OneOf(">", "/>", " >", ""),
        (name, attributes, end) => "<" + name + string.Concat(attributes) + end);

    static readonly Gen<string> CloseTag = Gen.Select(TagName, Gen.OneOf(">", " >", ""), (name, end) => "</" + name + end);

    static readonly Gen<string> Token = Gen.Frequency(
        (4, OpenTag), (3, CloseTag), (3, Text), (2, Payload),
        (1, Text.Select(t => "<!--" + t + "-->")),
        (1, Gen.Select(TagName, Attribute, Text, (name, attribute, text) => $"<{name}{attribute}>{text}</{name}>")));

    /// <summary>A body of up to 30 fragments.</summary>
    public static readonly Gen<string> Body = Token.Array[0, 30].Select(string.Concat);
}
