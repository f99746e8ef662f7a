using System.Text;
using CsCheck;

namespace Manset.Tests.Wires;

/// <summary>
/// Generated agency answers: random bytes, the fixtures of <see cref="Feeds"/> with bytes flipped, cut, doubled and
/// spliced, and XML or JSON built from each format's own element names with hostile values (dates at the ends of
/// the calendar, addresses that are not web addresses, odd encodings, entities, CDATA, deep nesting).
/// </summary>
public static class HostileFeeds
{
    static HostileFeeds() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Well-formed fixtures of each source type, the starting points for mutation.</summary>
    public static IReadOnlyList<string> Fixtures(string target) => target switch
    {
        "iha" => [Feeds.Iha(Feeds.Tramvay("https://ajans.test/foto/1.jpg"), Feeds.Mac("https://ajans.test/video/1.mp4", "https://ajans.test/video/1.jpg"))],
        "dha" => [Feeds.Dha(Feeds.DepremDha("https://ajans.test/foto/2.jpg"), Feeds.Hasat("https://ajans.test/foto/3.jpg"))],
        "rss" => [Feeds.Rss(2), Feeds.Atom],
        "newsml" or "aa-document" => [Feeds.AaDocument("aa:text:1", "Başlık", "Özet", "<p>Metin</p>", "Ankara", "AAcat:EKO", "Ekonomi", "aa:picture:1"),
            .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Wires", "Iptc"), "*.xml").Select(File.ReadAllText)],
        "aa-search" => [Feeds.AaSearch(("aa:text:1", "Enflasyon", "2026-11-29T08:10:00Z", "g-1"), ("aa:text:2", "Kayıp", "2026-11-29T08:20:00Z", null))],
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    static readonly string[] Values =
    [
        "0001-01-01T00:00:00", "01.01.0001 00:00:00", "1.1.0001 0:00:00", "Mon, 01 Jan 0001 00:00:00", "31.12.9999 23:59:59", "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59", "29.02.2023 10:00:00", "2026-11-29T08:10:00Z", "29.11.2026 09:15:00", "Sun, 29 Nov 2026 14:41:00 +0300", "-", "",
        "file:///etc/passwd", "ftp://ajans.test/a.jpg", "http://[::1]/a.jpg", "https://ajans.test/a.jpg", "https://ajans.test/v.mp4", "javascript:alert(1)",
        "http://ajans.test/%zz.jpg", "//ajans.test/a.jpg", "gopher://x/", "data:image/png;base64,AAAA", "-1", "0", "99999999999999999999", "Evet", "Hayır",
        "<script>alert(1)</script>", "<p>Metin</p><h2>Ara</h2>", "&lt;p onclick=alert(1)&gt;x&lt;/p&gt;", "\"Alıntı\"", "ESKİŞEHİR, (DHA) - ", "SON DAKİKA",
        "DHA-Gündem", "image/jpeg", "video/mp4", "irel:seeAlso", "picture", "cptype:city", "Kütahya", "(Görüntülü Haber)", new string('a', 300),
        "<![CDATA[<b>kalın</b>]]>", "&#x1F642;", "&amp;amp;", "\u00a0", "tr", "en",
    ];

    static readonly string[] Names =
    [
        "title", "guid", "link", "description", "pubDate", "date", "category", "content:encoded", "enclosure", "media:content", "media:group",
        "media:thumbnail", "media:credit", "media:description", "HaberKodu", "Sehir", "Kategori", "UstKategori", "SonDakika", "SonHaberGuncellenmeTarihi",
        "images", "image", "videos", "video", "path_video", "path_poster", "Aciklama", "Aciklamalar", "photos", "videos", "location", "entry", "id",
        "published", "updated", "summary", "content", "newsItem", "itemMeta", "contentMeta", "contentSet", "inlineXML", "inlineData", "nitf", "body",
        "body.head", "body.content", "headline", "hl1", "abstract", "subject", "name", "located", "urgency", "contentCreated", "firstCreated",
        "versionCreated", "html", "item", "channel",
    ];

    static readonly string[] AttributeNames = ["url", "type", "medium", "ResimKodu", "filesize", "duration", "rel", "href", "term", "guid", "version", "residref", "contenttype", "qcode", "xml:lang"];

    const string Namespaces = " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:media=\"http://search.yahoo.com/mrss/\"";

    static readonly Gen<string> Value = Gen.Frequency(
        (6, Gen.OneOf(Values).Select(v => v.StartsWith("<![CDATA[", StringComparison.Ordinal) ? v : System.Security.SecurityElement.Escape(v))),
        (1, Gen.Char["abcçğıöşü <>&\"'0123456789.:-/"].Array[0, 20].Select(c => System.Security.SecurityElement.Escape(new string(c)))));

    static readonly Gen<string> Attributes = Gen.Select(Gen.OneOf(AttributeNames), Value, (n, v) => $" {n}=\"{v}\"").Array[0, 3]
        .Select(a => string.Concat(a.DistinctBy(x => x[..x.IndexOf('=', StringComparison.Ordinal)])));

    static Gen<string> Element(int depth) =>
        Gen.Select(Gen.OneOf(Names), Attributes, depth == 0 ? Value : Gen.Frequency((2, Value), (3, Element(depth - 1).Array[0, 5].Select(string.Concat))),
            (name, attributes, inner) => $"<{name}{attributes}>{inner}</{name}>");

    static readonly Gen<string> Declaration = Gen.OneOf(
        "", "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version=\"1.0\" encoding=\"windows-1254\"?>",
        "<?xml version=\"1.0\" encoding=\"utf-7\"?>", "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<?xml version=\"1.0\" encoding=\"utf-32\"?>",
        "<?xml version=\"1.0\" encoding=\"x-unknown\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?>", "<?xml version=\"1.0\" encoding=\"ibm037\"?>",
        "<?xml version=\"1.1\"?>", "\uFEFF<?xml version=\"1.0\"?>", "<!DOCTYPE rss [<!ENTITY x \"y\">]>");

    /// <summary>
    /// One item of each format with every field it reads (title, id, dates, text, city, media), each holding a value
    /// from the hostile pool, so that every reading step meets every value; {0}…{15} are the slots.
    /// </summary>
    static readonly Dictionary<string, string> Items = new(StringComparer.Ordinal)
    {
        ["iha"] = "<item><HaberKodu>{0}</HaberKodu><title>{1}</title><description>{2}</description><Sehir>{3}</Sehir><Kategori>{4}</Kategori>"
            + "<UstKategori>{5}</UstKategori><SonDakika>{6}</SonDakika><pubDate>{7}</pubDate><SonHaberGuncellenmeTarihi>{8}</SonHaberGuncellenmeTarihi>"
            + "<images><image ResimKodu=\"{9}\" filesize=\"{10}\">{11}</image></images><videos><video><Aciklama>{12}</Aciklama>"
            + "<path_video duration=\"{10}\" filesize=\"{13}\">{14}</path_video><path_poster>{15}</path_poster></video></videos>"
            + "<Aciklamalar><Aciklama ResimKodu=\"{9}\">{12}</Aciklama></Aciklamalar>",
        ["dha"] = "<item><guid>{0}</guid><title>{1}</title><description>{2}</description><pubDate>{7}</pubDate><category>{4}</category>"
            + "<location>{3}</location><photos>{11}</photos><videos url=\"{14}\"/><photos>{15}</photos>",
        ["rss"] = "<item><guid>{0}</guid><title>{1}</title><link>{14}</link><description>{2}</description><pubDate>{7}</pubDate><category>{4}</category>"
            + "<content:encoded>{12}</content:encoded><enclosure url=\"{11}\" type=\"{6}\"/><media:content url=\"{15}\" medium=\"{5}\">"
            + "<media:description>{3}</media:description><media:credit>{8}</media:credit></media:content><media:thumbnail url=\"{13}\"/>",
        ["atom"] = "<entry><id>{0}</id><title>{1}</title><published>{7}</published><updated>{8}</updated><summary>{2}</summary>"
            + "<content type=\"html\">{12}</content><category term=\"{4}\"/><link rel=\"alternate\" href=\"{14}\"/>"
            + "<link rel=\"enclosure\" href=\"{11}\" type=\"{6}\"/>",
        ["newsml"] = "<itemMeta><versionCreated>{8}</versionCreated><firstCreated>{7}</firstCreated>"
            + "<link rel=\"irel:seeAlso\" residref=\"{9}\" href=\"{11}\" contenttype=\"{6}\"/></itemMeta>"
            + "<contentMeta><urgency>{10}</urgency><contentCreated>{7}</contentCreated><located type=\"cptype:city\"><name>{3}</name></located>"
            + "<subject qcode=\"{5}\"><name xml:lang=\"tr\">{4}</name></subject><headline>{1}</headline><description>{2}</description></contentMeta>"
            + "<contentSet><inlineXML><nitf><body><body.head><headline><hl1>{1}</hl1></headline><abstract>{13}</abstract></body.head>"
            + "<body.content>{12}</body.content></body></nitf></inlineXML><inlineData>{15}</inlineData></contentSet>",
    };

    static Gen<string> Item(string format) =>
        Gen.Select(Value.Array[16], Element(2).Array[0, 3], (values, extra) =>
        {
            var item = string.Format(System.Globalization.CultureInfo.InvariantCulture, Items[format], values);
            var close = format switch { "atom" => "</entry>", "newsml" => "", _ => "</item>" };
            return item + string.Concat(extra) + close;
        });

    /// <summary>XML in the shape of the target's format: items with every field it reads, and stray elements of any format.</summary>
    public static Gen<byte[]> StructuredXml(string target)
    {
        Gen<string> document = target switch
        {
            "iha" or "dha" => Gen.Select(Declaration, Item(target).Array[1, 3],
                (d, i) => $"{d}<rss version=\"2.0\"{Namespaces}><channel><title>Ajans</title>{string.Concat(i)}</channel></rss>"),
            "rss" => Gen.Select(Declaration, Gen.Bool, Item("rss").Array[1, 3], Item("atom").Array[1, 3], (d, atom, items, entries) => atom
                ? $"{d}<feed xmlns=\"http://www.w3.org/2005/Atom\"{Namespaces}><title>Ajans</title>{string.Concat(entries)}</feed>"
                : $"{d}<rss version=\"2.0\"{Namespaces}><channel><title>Ajans</title>{string.Concat(items)}</channel></rss>"),
            _ => Gen.Select(Declaration, Attributes, Item("newsml"),
                (d, a, i) => $"{d}<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g-1\"{a}>{i}</newsItem>"),
        };
        return Gen.Select(document, Gen.OneOf("utf-8", "windows-1254", "utf-16"), (text, encoding) =>
            encoding == "utf-8" ? Encoding.UTF8.GetBytes(text) : Encoding.GetEncoding(encoding).GetBytes(text));
    }

    static Gen<string> Json(int depth)
    {
        var scalar = Gen.Frequency(
            (3, Gen.OneOf(Values).Select(v => System.Text.Json.JsonSerializer.Serialize(v))),
            (1, Gen.OneOf("true", "false", "null", "0", "-1", "1e308", "1.5", "\"text\"", "\"\\ud800\"", "18446744073709551616")));
        if (depth == 0) return scalar;
        var keys = Gen.OneOf("response", "success", "message", "data", "result", "id", "type", "group_id", "date", "title", "total", "code");
        var member = Gen.Select(keys, Json(depth - 1), (k, v) => $"\"{k}\":{v}");
        return Gen.Frequency(
            (2, scalar),
            (2, member.Array[0, 5].Select(m => "{" + string.Join(',', m) + "}")),
            (1, Json(depth - 1).Array[0, 4].Select(a => "[" + string.Join(',', a) + "]")));
    }

    /// <summary>AA search answers: JSON with the API's own keys holding values of any type.</summary>
    public static readonly Gen<byte[]> StructuredJson = Gen.Frequency(
        (3, Gen.Select(Json(2), Json(3), (response, data) => $"{{\"response\":{response},\"data\":{data}}}")),
        (1, Json(3)),
        (1, Gen.Select(Json(1), Json(1), Json(1), (id, type, date) =>
            $"{{\"response\":{{\"success\":true}},\"data\":{{\"result\":[{{\"id\":{id},\"type\":{type},\"date\":{date},\"group_id\":{id}}}]}}}}")))
        .Select(s => Encoding.UTF8.GetBytes(s));

    static readonly byte[][] Tokens = new[]
    {
        "<![CDATA[", "]]>", "&#0;", "&#xD800;", "<!DOCTYPE x>", "</item>", "<item>", "</channel>", "<entry>", "0001-01-01T00:00:00", "01.01.0001 00:00:00",
        "encoding=\"utf-7\"", "file:///etc/passwd", "\uFEFF", "<", ">", "\"", "&", "]]", "{", "}", "[", "]", ",", ":", "\"id\":", "null", "\\u0000",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>A fixture with up to eight edits: bytes set, inserted or removed, ranges cut or doubled, tokens spliced in.</summary>
    public static Gen<byte[]> Mutated(string target)
    {
        var fixtures = Fixtures(target).Select(Encoding.UTF8.GetBytes).ToArray();
        var edit = Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Byte, Gen.Int[0, Tokens.Length - 1]);
        return Gen.Select(Gen.Int[0, fixtures.Length - 1], edit.Array[1, 8], (which, edits) =>
        {
            var bytes = new List<byte>(fixtures[which]);
            foreach (var (kind, at, span, value, token) in edits)
            {
                var i = (int)(at * bytes.Count);
                var n = Math.Min(bytes.Count - i, (int)(span * 64) + 1);
                switch (kind)
                {
                    case 0 when i < bytes.Count: bytes[i] = value; break;
                    case 1: bytes.Insert(i, value); break;
                    case 2 when n > 0: bytes.RemoveRange(i, n); break;
                    case 3 when n > 0: bytes.InsertRange(i, bytes.GetRange(i, n)); break;
                    case 4: bytes.InsertRange(i, Tokens[token]); break;
                    case 5: bytes.RemoveRange(i, bytes.Count - i); break;
                }
            }
            return bytes.ToArray();
        });
    }

    /// <summary>Bytes of any kind, sometimes behind a byte order mark or an XML start.</summary>
    public static readonly Gen<byte[]> AnyBytes = Gen.Select(
        Gen.OneOf<byte[]>([], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], "<"u8.ToArray(), "<rss><channel><item>"u8.ToArray()),
        Gen.Byte.Array[0, 600], (start, rest) => start.Concat(rest).ToArray());
}
