using CsCheck;
using Manset.Fuzz;
using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// Whatever HTML arrives (editor, API, agency), what the sanitizer lets through runs no code: checked on the DOM
/// that a browser builds from the output (<see cref="HtmlSafety"/>), not by looking for strings.
/// </summary>
public class BodySanitizerPropertyTests
{
    readonly BodySanitizer _sanitizer = new();

    [Fact]
    public void Sanitized_hostile_html_runs_no_code() =>
        HostileHtml.Body.Sample(html => Assert.Empty(HtmlSafety.Violations(_sanitizer.Sanitize(html))), iter: 4000);

    /// <summary>
    /// Output parsed and cleaned again gives the same tree (attribute order aside): markup whose meaning changes
    /// on a second parse, the root of mutation XSS, would show here.
    /// </summary>
    [Fact]
    public void Sanitized_html_is_stable_when_sanitized_again() =>
        HostileHtml.Body.Sample(html =>
        {
            var once = _sanitizer.Sanitize(html);
            Assert.Equal(Tree(once), Tree(_sanitizer.Sanitize(once)));
        }, iter: 2000);

    /// <summary>The DOM as text: elements with their attributes sorted, and text nodes.</summary>
    static string Tree(string html)
    {
        var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>").Body!;
        var sb = new System.Text.StringBuilder();
        void Walk(AngleSharp.Dom.INode node, int depth)
        {
            foreach (var child in node.ChildNodes)
            {
                sb.Append(' ', depth * 2);
                if (child is AngleSharp.Dom.IElement e)
                {
                    sb.Append('<').Append(e.LocalName);
                    foreach (var a in e.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal)) sb.Append(' ').Append(a.Name).Append("=\"").Append(a.Value).Append('"');
                    sb.Append(">\n");
                    Walk(child, depth + 1);
                }
                else
                {
                    sb.Append('#').Append(child.NodeType).Append(' ').Append(child.TextContent).Append('\n');
                }
            }
        }
        Walk(body, 0);
        return sb.ToString();
    }

    [Fact]
    public void Text_without_markup_keeps_its_words() =>
        Gen.Char["abcçdefgğhıijklmnoöprsştuüvyzABCÇİ0123456789 .,;:!?'\"-"].Array[1, 200].Select(c => new string(c))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Sample(text => Assert.Equal(text.Trim(), HtmlText.Plain(_sanitizer.Sanitize(text)).Trim()), iter: 2000);

    /// <summary>The oracle itself: each of these must be reported, or the properties above prove nothing.</summary>
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<a href=\" JAVASCRIPT:alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>")]
    [InlineData("<iframe src=\"https://www.youtube.com.evil.example/embed/x\" sandbox></iframe>")]
    [InlineData("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>")]
    [InlineData("<p style=\"width:exp\\ression(alert(1))\">x</p>")]
    [InlineData("<svg><a>x</a></svg>")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    public void The_oracle_recognises_code(string html) => Assert.NotEmpty(HtmlSafety.Violations(html));

    [Theory]
    [InlineData("<p>Metin <a href=\"https://www.aa.com.tr/tr\">bağlantı</a></p>")]
    [InlineData("<p title=\"<script>alert(1)</script>\">bir başlık niteliği yalnızca metindir</p>")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("<iframe src=\"https://www.youtube.com/embed/abc\" sandbox=\"allow-scripts\"></iframe>")]
    public void The_oracle_lets_harmless_html_pass(string html) => Assert.Empty(HtmlSafety.Violations(html));
}
