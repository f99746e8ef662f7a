using System.Globalization;
using System.Net;
using System.Text;

namespace Manset.Tests.Wires;

/// <summary>
/// Agency feeds as their subscribers receive them, written for these tests (original Turkish text, invented events).
/// Photo and video addresses point at the stand-in agency.
/// </summary>
public static class Feeds
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>One İHA item. <paramref name="photoSize"/> "0" means İHA has listed the photo but not finished it.</summary>
    public sealed record IhaItem(string Code, string Title, string Description, string City, string Category, string Parent, bool Breaking,
        string PubDate, string? Photo = null, string PhotoSize = "84211", string? Caption = null, string Updated = "-", string? Video = null, string? Poster = null);

    public static string Iha(params IhaItem[] items) => Iha("İHA Abone Haber Akışı", items);

    public static string Iha(string channelTitle, IEnumerable<IhaItem> items)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>").Append(Escape(channelTitle)).Append("</title><link>https://www.iha.com.tr</link>\n");
        foreach (var i in items)
        {
            xml.Append("<item>")
                .Append("<HaberKodu>").Append(i.Code).Append("</HaberKodu>")
                .Append("<title>").Append(Escape(i.Title)).Append("</title>")
                .Append("<description><![CDATA[").Append(i.Description).Append("]]></description>")
                .Append("<Sehir>").Append(Escape(i.City)).Append("</Sehir>")
                .Append("<Kategori>").Append(Escape(i.Category)).Append("</Kategori>")
                .Append("<UstKategori>").Append(Escape(i.Parent)).Append("</UstKategori>")
                .Append("<SonDakika>").Append(i.Breaking ? "Evet" : "Hayır").Append("</SonDakika>")
                .Append("<pubDate>").Append(i.PubDate).Append("</pubDate>")
                .Append("<SonHaberGuncellenmeTarihi>").Append(i.Updated).Append("</SonHaberGuncellenmeTarihi>")
                .Append("<SonFotografEklenmeTarihi>").Append(i.Photo is null ? "-" : i.PubDate).Append("</SonFotografEklenmeTarihi>");
            xml.Append("<images>");
            if (i.Photo is not null)
            {
                xml.Append($"<image ResimKodu=\"R{i.Code}\" HaberKodu=\"{i.Code}\" filesize=\"{i.PhotoSize}\">{Escape(i.Photo)}</image>");
            }
            xml.Append("</images><videos>");
            if (i.Video is not null)
            {
                xml.Append($"<video><Aciklama>{Escape(i.Title)}</Aciklama><path_video duration=\"42\" filesize=\"120000\">{Escape(i.Video)}</path_video><path_poster>{Escape(i.Poster ?? "")}</path_poster></video>");
            }
            xml.Append("</videos><Aciklamalar>");
            if (i.Photo is not null && i.Caption is not null) xml.Append($"<Aciklama ResimKodu=\"R{i.Code}\">{Escape(i.Caption)}</Aciklama>");
            xml.Append("</Aciklamalar></item>\n");
        }
        return xml.Append("</channel></rss>").ToString();
    }

    public static IhaItem Tramvay(string photo) => new(
        "20261129AW000101",
        "Eskişehir'de tramvay hattına iki yeni durak",
        "Eskişehir Büyükşehir Belediyesi, Şehir Hastanesi tramvay hattına iki yeni durak ekliyor.<br/>"
        + "Belediyeden yapılan açıklamaya göre duraklar, Yenidoğan ve Gökmeydan mahallelerinin yoğun yolcu talebi üzerine planlandı.<br/>"
        + "\"Çalışmalar bahara tamamlanacak\"<br/>"
        + "Fen İşleri Daire Başkanlığı ekiplerinin ray bağlantılarını gece saatlerinde yapacağı, seferlerin aksamayacağı bildirildi.",
        "ESKİŞEHİR", "Ulaşım", "Gündem", false, "29.11.2026 09:15:00", photo, Caption: "Tramvay hattında çalışma yapan ekipler (İHA)");

    public static IhaItem Deprem(string photo, string size = "0") => new(
        "20261129AW000102",
        "Kütahya'da 4,1 büyüklüğünde deprem",
        "Kütahya'nın Simav ilçesinde saat 14.32'de 4,1 büyüklüğünde deprem meydana geldi.<br/>"
        + "AFAD'dan yapılan açıklamaya göre yerin 7 kilometre derinliğinde gerçekleşen deprem, çevre illerden de hissedildi.<br/>"
        + "Simav Kaymakamlığı, ilk belirlemelere göre can ve mal kaybı olmadığını açıkladı. Vatandaşlar bir süre sokakta bekledi.",
        "KÜTAHYA", "Afet", "Gündem", true, "29.11.2026 14:40:00", photo, size, "Depremin ardından sokağa çıkan vatandaşlar (İHA)");

    public static IhaItem Mac(string? video = null, string? poster = null) => new(
        "20261129AW000103",
        "Eskişehirspor deplasmandan 3 puanla döndü",
        "Eskişehirspor, ligin 13. haftasında deplasmanda rakibini 2-1 yendi.<br/>"
        + "Kırmızı-siyahlılara galibiyeti getiren golleri ilk yarıda Emre Kaya ve ikinci yarıda Burak Demir kaydetti.<br/>"
        + "Teknik direktör maç sonunda oyuncularının mücadelesinden memnun olduğunu söyledi.",
        "ESKİŞEHİR", "Futbol", "Spor", false, "29.11.2026 16:05:00", Video: video, Poster: poster);

    /// <summary>DHA's RSS: guid of 32 hex, a title suffix the site trims, the dateline in the text.</summary>
    public sealed record DhaItem(string Guid, string Title, string Description, string Category, string Location, string PubDate, string[] Photos);

    public static string Dha(params DhaItem[] items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>DHA</title><link>https://www.dha.com.tr</link>\n");
        foreach (var i in items)
        {
            xml.Append("<item><guid>").Append(i.Guid).Append("</guid><title>").Append(Escape(i.Title)).Append("</title><description>")
                .Append(Escape(i.Description)).Append("</description><pubDate>").Append(i.PubDate).Append("</pubDate><category>")
                .Append(Escape(i.Category)).Append("</category><location>").Append(Escape(i.Location)).Append("</location>");
            foreach (var photo in i.Photos) xml.Append("<photos>").Append(Escape(photo)).Append("</photos>");
            xml.Append("</item>\n");
        }
        return xml.Append("</channel></rss>").ToString();
    }

    public static DhaItem DepremDha(string photo) => new(
        "4f1c2a9be07d4c3f8a61d2e5b7c90a14",
        "Kütahya Simav'da 4.1 büyüklüğünde deprem (Görüntülü Haber)",
        "KÜTAHYA, (DHA) - Kütahya'nın Simav ilçesinde saat 14.32'de 4.1 büyüklüğünde deprem oldu. AFAD'ın verilerine göre yerin 7 kilometre derinliğinde meydana gelen deprem, çevre illerde de hissedildi. Simav Kaymakamlığı, can ve mal kaybı olmadığını bildirdi. Depremden korkan vatandaşlar sokağa çıktı.",
        "DHA-Gündem", "Kütahya", "Sun, 29 Nov 2026 14:41:00 +0300", [photo]);

    public static DhaItem Hasat(string photo) => new(
        "9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
        "Alpu Ovası'nda şeker pancarı hasadı sürüyor (Geniş Haber)",
        "ESKİŞEHİR, (DHA) - Alpu Ovası'nda şeker pancarı hasadı yoğun mesaiyle sürüyor. Üreticiler bu yıl dönüm başına verimin geçen yıla göre arttığını söyledi. Hasat edilen pancarlar kamyonlarla fabrikaya taşınıyor.",
        "DHA-Ekonomi", "Eskişehir", "Sun, 29 Nov 2026 11:20:00 +0300", [photo]);

    /// <summary>A plain RSS 2.0 feed with <paramref name="count"/> varied items (no media): for ingest volume.</summary>
    public static string Rss(int count, string title = "Bölge Haber", int seed = 7)
    {
        var random = new Random(seed);
        string[] cities = ["Eskişehir", "Kütahya", "Bilecik", "Afyonkarahisar", "Ankara", "Bursa", "Konya", "Uşak", "Sakarya", "Bolu"];
        string[] subjects = ["belediye meclisi", "il sağlık müdürlüğü", "üniversite rektörlüğü", "ticaret odası", "valilik", "itfaiye ekipleri", "tarım müdürlüğü", "emniyet müdürlüğü", "spor kulübü", "muhtarlar derneği"];
        string[] verbs = ["yeni bir proje başlattı", "açıklama yaptı", "toplantı düzenledi", "uyarıda bulundu", "yatırım planını duyurdu", "çalışma başlattı", "ödül aldı", "denetim yaptı"];
        string[] details = ["çalışmaların yıl sonuna kadar süreceği belirtildi", "vatandaşlardan destek istendi", "bütçenin büyük bölümünün altyapıya ayrıldığı açıklandı",
            "ilk etabın tamamlandığı bildirildi", "konuya ilişkin raporun bakanlığa gönderildiği öğrenildi", "yetkililer gelişmeleri yakından takip ettiklerini söyledi"];
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>{Escape(title)}</title>\n");
        var start = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.FromHours(3));
        for (var n = 0; n < count; n++)
        {
            var city = cities[random.Next(cities.Length)];
            var subject = subjects[random.Next(subjects.Length)];
            var verb = verbs[random.Next(verbs.Length)];
            var number = random.Next(2, 900);
            var headline = $"{city} {subject} {number} kişilik {verb}";
            var body = $"<p>{city}'de {subject}, {number} kişinin katıldığı etkinlikte {verb}. {details[random.Next(details.Length)]}.</p>"
                + $"<p>Haber kodu {n}: {details[random.Next(details.Length)]}, {details[random.Next(details.Length)]}.</p>";
            xml.Append("<item><guid isPermaLink=\"false\">bolge-").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</guid><title>").Append(Escape(headline))
                .Append("</title><description>").Append(Escape($"{city}'de {subject} {verb}.")).Append("</description><content:encoded><![CDATA[").Append(body)
                .Append("]]></content:encoded><category>Yerel</category><pubDate>").Append(start.AddSeconds(n).ToString("r", CultureInfo.InvariantCulture))
                .Append("</pubDate></item>\n");
        }
        return xml.Append("</channel></rss>").ToString();
    }

    public const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
          <title>Odunpazarı Belediyesi Haberleri</title>
          <id>urn:uuid:odunpazari-haber</id>
          <updated>2026-11-29T10:00:00+03:00</updated>
          <entry>
            <id>urn:uuid:odunpazari-2026-1129-1</id>
            <title>Odunpazarı'nda tarihi konaklar ışıklandırıldı</title>
            <published>2026-11-29T09:30:00+03:00</published>
            <updated>2026-11-29T09:45:00+03:00</updated>
            <category term="Kültür-Sanat"/>
            <summary>Odunpazarı'ndaki tarihi konaklar, yeni aydınlatma sistemiyle geceleri de ziyaretçilerini karşılıyor.</summary>
            <content type="html">&lt;p&gt;Belediye ekipleri 48 konağın cephesine enerji tasarruflu aydınlatma yerleştirdi.&lt;/p&gt;&lt;h2&gt;Turizme katkı&lt;/h2&gt;&lt;p&gt;Esnaf, akşam saatlerinde ziyaretçi sayısının arttığını söyledi.&lt;/p&gt;</content>
            <link rel="alternate" href="https://www.odunpazari.example/haber/konaklar"/>
          </entry>
        </feed>
        """;

    /// <summary>An AA search answer (the HAS API's JSON) listing text items.</summary>
    public static string AaSearch(params (string Id, string Title, string Date, string? Group)[] items) =>
        "{\"response\":{\"success\":true,\"code\":200,\"message\":\"\"},\"data\":{\"result\":["
        + string.Join(',', items.Select(i => $"{{\"id\":\"{i.Id}\",\"title\":\"{i.Title}\",\"type\":\"text\",\"date\":\"{i.Date}\",\"group_id\":{(i.Group is null ? "null" : $"\"{i.Group}\"")}}}"))
        + $"],\"total\":{items.Length}}}}}";

    /// <summary>An AA document as NewsML-G2 2.9: the text is escaped HTML inside NITF body.content.</summary>
    public static string AaDocument(string id, string title, string spot, string htmlBody, string city, string subjectCode, string subjectName, string? pictureId, string versionCreated = "2026-11-29T08:10:00Z") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
          <header><sent>{{versionCreated}}</sent></header>
          <itemSet>
            <newsItem guid="{{id}}" version="1" standard="NewsML-G2" standardversion="2.9" xml:lang="tr">
              <itemMeta>
                <itemClass qcode="ninat:text"/>
                <provider qcode="nprov:AA"/>
                <versionCreated>{{versionCreated}}</versionCreated>
                <pubStatus qcode="stat:usable"/>
                {{(pictureId is null ? "" : $"<link rel=\"irel:seeAlso\" residref=\"{pictureId}\" contenttype=\"image/jpeg\"/>")}}
              </itemMeta>
              <contentMeta>
                <urgency>4</urgency>
                <located type="cptype:city"><name>{{Escape(city)}}</name></located>
                <subject type="cpnat:abstract" qcode="{{subjectCode}}"><name xml:lang="tr">{{Escape(subjectName)}}</name></subject>
                <headline>{{Escape(title)}}</headline>
              </contentMeta>
              <contentSet>
                <inlineXML contenttype="application/nitf+xml">
                  <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
                    <body>
                      <body.head>
                        <headline><hl1>{{Escape(title)}}</hl1></headline>
                        <byline><byttl>Anadolu Ajansı</byttl></byline>
                        <abstract>{{Escape(spot)}}</abstract>
                      </body.head>
                      <body.content>{{Escape(htmlBody)}}</body.content>
                    </body>
                  </nitf>
                </inlineXML>
              </contentSet>
            </newsItem>
          </itemSet>
        </newsMessage>
        """;

    /// <summary>An external entity pointing at a local file: the classic XXE.</summary>
    public const string Xxe = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE rss [ <!ENTITY gizli SYSTEM "file:///etc/passwd"> ]>
        <rss version="2.0"><channel><title>İHA</title>
        <item><HaberKodu>XXE1</HaberKodu><title>&gizli;</title><description>&gizli;</description><pubDate>29.11.2026 10:00:00</pubDate></item>
        </channel></rss>
        """;

    /// <summary>"Billion laughs": ten levels of ten entities each.</summary>
    public static string EntityExpansion()
    {
        var dtd = new StringBuilder("<!DOCTYPE rss [ <!ENTITY k0 \"hahahahahahahahahaha\">");
        for (var i = 1; i <= 10; i++) dtd.Append($"<!ENTITY k{i} \"{string.Concat(Enumerable.Repeat($"&k{i - 1};", 10))}\">");
        dtd.Append(" ]>");
        return $"<?xml version=\"1.0\"?>\n{dtd}\n<rss version=\"2.0\"><channel><title>İHA</title><item><HaberKodu>LOL</HaberKodu><title>&k10;</title><pubDate>29.11.2026 10:00:00</pubDate></item></channel></rss>";
    }
}
