using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

public class BodySanitizerTests
{
    readonly BodySanitizer _sanitizer = new();

    [Theory]
    [InlineData("<p>Metin</p><script>alert(1)</script>", "<p>Metin</p>")]
    [InlineData("<p onclick=\"alert(1)\">Tıkla</p>", "<p>Tıkla</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">bağlantı</a>", "<a>bağlantı</a>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "<img src=\"x\" alt=\"\" loading=\"lazy\" decoding=\"async\">")]
    [InlineData("<p style=\"color:red\">Kırmızı</p>", "<p>Kırmızı</p>")]
    [InlineData("<iframe src=\"https://evil.example/x\"></iframe><p>ok</p>", "<p>ok</p>")]
    [InlineData("<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>")]
    [InlineData("<form action=\"/x\"><input name=\"a\"><button>Gönder</button></form><p>ok</p>", "<p>ok</p>")]
    [InlineData("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "<a>x</a>")]
    public void Removes_what_can_run(string input, string expected) => Assert.Equal(expected, _sanitizer.Sanitize(input));

    [Fact]
    public void Keeps_what_an_editor_uses()
    {
        const string html = "<h2>Ara başlık</h2><p>Paragraf <strong>kalın</strong> <em>eğik</em> <a href=\"https://www.aa.com.tr/tr\">bağlantı</a></p>" +
            "<blockquote><p>\"Alıntı\"</p></blockquote><ul><li>bir</li><li>iki</li></ul><ol><li>sıra</li></ol>" +
            "<figure><img src=\"/media/2026/11/abc-640.jpg\" alt=\"Görsel\"><figcaption>Açıklama</figcaption></figure>" +
            "<table><thead><tr><th>Takım</th></tr></thead><tbody><tr><td>Eskişehirspor</td></tr></tbody></table>";
        var clean = _sanitizer.Sanitize(html);
        foreach (var kept in new[] { "<h2>Ara başlık</h2>", "<strong>kalın</strong>", "<em>eğik</em>", "href=\"https://www.aa.com.tr/tr\"",
                     "<blockquote><p>\"Alıntı\"</p></blockquote>", "<ul><li>bir</li><li>iki</li></ul>", "<ol><li>sıra</li></ol>",
                     "src=\"/media/2026/11/abc-640.jpg\"", "<figcaption>Açıklama</figcaption>", "<th>Takım</th>", "<td>Eskişehirspor</td>" })
        {
            Assert.Contains(kept, clean, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Keeps_embeds_from_known_video_providers_only()
    {
        var clean = _sanitizer.Sanitize("<iframe src=\"https://www.youtube.com/embed/abc123\" width=\"560\" height=\"315\"></iframe>");
        Assert.Contains("src=\"https://www.youtube.com/embed/abc123\"", clean, StringComparison.Ordinal);
        Assert.Contains("sandbox=", clean, StringComparison.Ordinal);
        Assert.Equal("", _sanitizer.Sanitize("<iframe src=\"http://www.youtube.com/embed/abc123\"></iframe>"));
        Assert.Equal("", _sanitizer.Sanitize("<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>"));
    }

    [Fact]
    public void Demotes_h1_because_the_headline_is_the_page_h1() =>
        Assert.Equal("<h2>Başlık</h2><p>metin</p>", _sanitizer.Sanitize("<h1>Başlık</h1><p>metin</p>"));

    [Fact]
    public void Word_paste_loses_its_wrappers_but_keeps_the_text() =>
        Assert.Equal("<p>Haber metni</p>", _sanitizer.Sanitize("<div class=\"MsoNormal\"><span style=\"font-family:Calibri\"><font face=\"Arial\"><p>Haber metni</p></font></span></div>"));

    [Fact]
    public void New_windows_cannot_reach_back()
    {
        var clean = _sanitizer.Sanitize("<a href=\"https://example.com\" target=\"_blank\">dış</a><a href=\"/x\" target=\"top\">iç</a>");
        Assert.Contains("rel=\"noopener noreferrer\"", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("target=\"top\"", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_stable_when_applied_twice()
    {
        var once = _sanitizer.Sanitize("<h1>B</h1><p><a href=\"https://x.example\" target=\"_blank\">a</a><img src=\"/a.jpg\"></p>");
        Assert.Equal(once, _sanitizer.Sanitize(once));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Blank_is_empty(string? html) => Assert.Equal("", _sanitizer.Sanitize(html));
}
