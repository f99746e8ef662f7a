using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// What the property tests found in the shared text helpers. Unicode normalisation refuses a whole string for U+FFFE
/// or half a surrogate pair, and folding, slugs (and search, source names, near-duplicate keys, which fold) threw on
/// them. HTML parsing takes time in proportion to the depth on every tag, so deeply nested markup took minutes.
/// </summary>
public class FuzzFindingTests
{
    // Built in code: a lone surrogate in an attribute's string does not survive compilation as itself.
    public static TheoryData<string, string> Refused => new()
    {
        { "Iğdır\uFFFE", "igdir\uFFFD" },
        { "\uD800Şampiyonluk", "\uFFFDsampiyonluk" },
        { "Şampiyonluk\uDFFF", "sampiyonluk\uFFFD" },
        { "\uDFFF\uD800", "\uFFFD\uFFFD" },
        { "🙂 İyi", "🙂 iyi" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Folding_replaces_what_normalisation_refuses(string text, string folded) =>
        Assert.Equal(folded, Turkish.FoldToAscii(text));

    public static TheoryData<string, string> RefusedInSlugs => new()
    {
        { "Iğdır\uFFFEda", "igdir-da" },
        { "\uD800", "haber" },
        { "Kore'de\uDC00 zirve", "korede-zirve" },
    };

    [Theory]
    [MemberData(nameof(RefusedInSlugs))]
    public void Slugs_step_over_what_normalisation_refuses(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    static TimeSpan Timed(Action action)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    [Theory]
    [InlineData("<div>", 60_000)]
    [InlineData("<blockquote>", 16_000)]
    [InlineData("<ul><li>", 25_000)]
    [InlineData("<b a{0}>", 60_000)]
    public void Markup_nested_tens_of_thousands_deep_is_cleaned_within_seconds_and_keeps_its_words(string tag, int depth)
    {
        // Each of these took from half a minute to several minutes before (the last one is the worst: every <b> stays
        // an active formatting element, and the parser goes through them all on every tag).
        var html = string.Concat(Enumerable.Range(0, depth).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, tag, i))) + "Eskişehir'de hasat";
        var clean = "";
        var took = Timed(() => clean = new BodySanitizer().Sanitize(html));
        Assert.True(took < TimeSpan.FromSeconds(5), $"{took.TotalSeconds:0.0} s");
        Assert.Equal("<p>Eskişehir'de hasat</p>", clean);
        Assert.Equal(["Eskişehir'de hasat"], Manset.Web.Wires.AgencyText.Lines(html));
    }

    [Fact]
    public void A_results_table_of_thousands_of_cells_is_still_a_table()
    {
        var rows = string.Concat(Enumerable.Range(1, 900).Select(i => $"<tr><td>İlçe {i}</td><td>{i * 7}</td></tr>"));
        var clean = new BodySanitizer().Sanitize($"<table><tbody>{rows}</tbody></table>");
        Assert.StartsWith("<table><tbody><tr><td>İlçe 1</td><td>7</td></tr>", clean, StringComparison.Ordinal);
        Assert.EndsWith("<tr><td>İlçe 900</td><td>6300</td></tr></tbody></table>", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_of_a_run_of_unclosed_brackets_is_linear()
    {
        // The former regular expression (<[^>]*>) scanned to the end of the text from every '<' that had no '>'.
        var text = new string('<', 400_000);
        var plain = "";
        Assert.True(Timed(() => plain = HtmlText.Plain(text)) < TimeSpan.FromSeconds(2));
        Assert.Equal(text, plain);
        Assert.Equal(" a  b<c", HtmlText.Plain("<p>a</p><br>b&lt;c"));
    }

    /// <summary>
    /// Found by the property "sanitized HTML is stable when sanitized again" (CsCheck seed bwJcCTbq1e6d): a table
    /// repaired out of &lt;math&gt; came out inside a &lt;p&gt;, and a second parse moved it out. The stored body must
    /// parse to the tree that was checked.
    /// </summary>
    [Fact]
    public void Markup_the_parser_repaired_is_stored_in_a_form_that_parses_to_itself()
    {
        var hostile = """"
</object</tr<noframes onclick=https://www.youtube.com\@evil.example/embed/<!--<![CDATA[--><q␀<!--
-->%> </frame<link rel=stylesheet href="javascript:alert(1)"><marquee /xlink:href=`livescript:x`/is on<noscript><p title="</noscript><img src=x onerror=alert(1)>">"<?xml version="1.0"?><video/id>'</video><video onfocus=w\idth:exp\ression(alert(1))/><marquee /onanimationstart="https://player.vimeo.com/video/1"  alt=`JaVaScRiPt:alert(1)`
on="https://WWW.YOUTUBE.COM/embed/x" ></animate<math/name="https://user@www.youtube.com/embed/x"
xmlns="https://evil.example/embed/x" lang><table /x/onerror="da&#x74;a:text/html,x">İSTANBUL</table>'</div<!-- --><a allowfullscreen=`&quot; onmouseover=alert(1) x=&quot;`>&</a>'Eskişehir'de hasat başladı<svg/STYLE="behavior:url(x.htc)"> </svg><SCRIPT
src= javascript:alert(1)/>
"""".Replace('\u2400', '\0'); // ␀ stands for the NUL the generator put there
        var sanitizer = new BodySanitizer();
        var once = sanitizer.Sanitize(hostile);
        Assert.Equal(once, sanitizer.Sanitize(once));
        Assert.Contains("<table>", once, StringComparison.Ordinal);
        Assert.DoesNotContain("<p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\">\"<video>'</video><video>İSTANBUL<table>", once, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by the property "sanitized hostile HTML runs no code" (CsCheck seed 1tM8_NQVOwk1, in CI): AngleSharp's
    /// parser throws a NullReferenceException on a second &lt;select&gt; after an &lt;xmp&gt; inside a &lt;select&gt;, so
    /// saving such a body answered 500 and the editor's text was lost. What the parser cannot read keeps its words.
    /// </summary>
    [Theory]
    [InlineData("<p><select><xmp></xmp><select>\n", "", "")]
    [InlineData("<p>Valilik açıkladı<select><xmp>yollar kapalı</xmp><select>\nAkşam yeniden açılacak</p>",
        "<p>Valilik açıkladı yollar kapalı</p><p>Akşam yeniden açılacak</p>", "Valilik açıkladı yollar kapalı Akşam yeniden açılacak")]
    public void Markup_the_parser_fails_on_keeps_its_words(string html, string body, string plain)
    {
        // The fallback below is only exercised while the parser still fails on this markup: if an AngleSharp update
        // repairs it, this line says so and the case needs markup that still fails (or can go).
        Assert.Null(HtmlParsing.TryParse(html));
        Assert.Equal(body, new BodySanitizer().Sanitize(html));
        Assert.Equal(plain, string.Join(' ', Manset.Web.Wires.AgencyText.Lines(html)));
        Assert.Equal(plain, Manset.Web.Wires.FeedText.PlainText(html));
    }

    [Fact]
    public void The_whole_input_ci_found_is_sanitized_to_its_words_and_runs_no_code()
    {
        var hostile = """
ığdır&#60;script&#62;<p/dynsrc autofocus ></annotation-xml><select	is= javascript:alert(1) ></pre></option<link rel=stylesheet href="javascript:alert(1)"></figure<!--<?xml version="1.0"?>--><ul ><xmp  on='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>]]></xmp><!--<![CDATA[--></code><math action
style=''><img src=x onerror=alert(1)>'/><!---->--></input><select ><!--%>--></div></img ><A content=`https://www.google.com/maps/embed?pb=1`
poster='width:expression(alert(1))'	target='vbscript:msgbox(1)'/><p title="</p><script>alert(1)</script>">x</p>'<link rel=stylesheet href="javascript:alert(1)"><ScRiPt/>
""";
        var clean = new BodySanitizer().Sanitize(hostile);
        Assert.Empty(Manset.Fuzz.HtmlSafety.Violations(clean));
        Assert.StartsWith("<p>ığdır&lt;script&gt; ", clean, StringComparison.Ordinal); // read as text: words and leftovers
        Assert.DoesNotMatch("<(?!/?p>)", clean); // nothing but paragraphs
        Assert.Equal(clean, new BodySanitizer().Sanitize(clean));
    }
}
