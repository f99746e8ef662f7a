using System.Text;
using Manset.Web.Wires;

namespace Manset.Tests.Wires;

/// <summary>The text helpers under the adapters: lines and sub-headings, encodings, redaction, near-duplicates.</summary>
public class WireTextTests
{
    [Fact]
    public void Agency_lines_break_at_br_and_blocks_and_drop_scripts()
    {
        var lines = AgencyText.Lines("Birinci satır<br>İkinci <b>kalın</b> satır<br />  <br/>\"Ara başlık\"<p>Paragraf</p><script>x()</script><style>p{}</style>Son");
        Assert.Equal(["Birinci satır", "İkinci kalın satır", "\"Ara başlık\"", "Paragraf", "Son"], lines);
        Assert.Equal("<p>İkinci kalın satır</p><h2>Ara başlık</h2><p>&lt;b&gt; değil</p>", AgencyText.Body(["İkinci kalın satır", "“Ara başlık”", "<b> değil"]));
        // A long quoted line is a quotation in the text, not a sub-heading.
        var quote = "\"" + new string('a', 200) + "\"";
        Assert.StartsWith("<p>", AgencyText.Body([quote]), StringComparison.Ordinal);
    }

    [Fact]
    public void Cut_keeps_whole_words()
    {
        Assert.Equal("Kısa", AgencyText.Cut("Kısa", 10));
        Assert.Equal("Eskişehir'de tramvay…", AgencyText.Cut("Eskişehir'de tramvay hattına iki yeni durak", 22));
    }

    [Fact]
    public void Decoding_prefers_what_the_bytes_are_over_what_they_claim()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>Iğdır çığ şişe ÖÇŞİĞÜ</a>";
        var turkish = Encoding.GetEncoding(1254).GetBytes(text);
        Assert.Equal(text, FeedText.Decode(turkish, null));
        Assert.Equal(text, FeedText.Decode(Encoding.UTF8.GetBytes(text), "iso-8859-9"));
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        Assert.Equal(text, FeedText.Decode(bom, null));
        var declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?><a>Iğdır</a>";
        Assert.Equal(declared, FeedText.Decode(Encoding.GetEncoding("iso-8859-9").GetBytes(declared), "utf-8"));
    }

    [Fact]
    public void Redaction_covers_plain_and_encoded_forms_and_urls_lose_their_query()
    {
        var redactor = new Redactor(["Gizli Parola&1", "ab"]);
        Assert.Equal($"p={Redactor.Mask} q={Redactor.Mask} r={Redactor.Mask} ab", redactor.Redact("p=Gizli Parola&1 q=Gizli%20Parola%261 r=Gizli+Parola%261 ab"));
        Assert.Equal("https://abone.iha.example/rss", Redactor.SafeUrl("https://abone.iha.example/rss?UserCode=1&UserPassword=2"));
    }

    [Fact]
    public void Plain_text_with_credentials_is_an_agency_message_and_a_too_soon_notice_is_a_rate_limit()
    {
        var redactor = new Redactor(["Gizli-1"]);
        var limited = Assert.IsType<WireRateLimitedException>(FeedText.AgencyMessage("İki rss isteği arasındaki süre en az 30 saniye olmalıdır. UserPassword=Gizli-1", redactor));
        Assert.DoesNotContain("Gizli-1", limited.Message, StringComparison.Ordinal);
        Assert.IsNotType<WireRateLimitedException>(FeedText.AgencyMessage("Yetkiniz bulunmamaktadır.", redactor));
        Assert.Throws<WireFeedException>(() => FeedText.Parse("Bu bir XML değil", redactor, 1000));
    }

    const string IhaQuake = "Kütahya'da 4,1 büyüklüğünde deprem. Kütahya'nın Simav ilçesinde saat 14.32'de 4,1 büyüklüğünde deprem meydana geldi. "
        + "AFAD'dan yapılan açıklamaya göre yerin 7 kilometre derinliğinde gerçekleşen deprem, çevre illerden de hissedildi. "
        + "Simav Kaymakamlığı, ilk belirlemelere göre can ve mal kaybı olmadığını açıkladı. Vatandaşlar bir süre sokakta bekledi.";
    const string DhaQuake = "Kütahya Simav'da 4.1 büyüklüğünde deprem. Kütahya'nın Simav ilçesinde saat 14.32'de 4.1 büyüklüğünde deprem oldu. "
        + "AFAD'ın verilerine göre yerin 7 kilometre derinliğinde meydana gelen deprem, çevre illerde de hissedildi. "
        + "Simav Kaymakamlığı, can ve mal kaybı olmadığını bildirdi. Depremden korkan vatandaşlar sokağa çıktı.";
    const string Harvest = "Alpu Ovası'nda şeker pancarı hasadı sürüyor. Alpu Ovası'nda şeker pancarı hasadı yoğun mesaiyle sürüyor. "
        + "Üreticiler bu yıl dönüm başına verimin geçen yıla göre arttığını söyledi. Hasat edilen pancarlar kamyonlarla fabrikaya taşınıyor.";
    const string Tram = "Eskişehir'de tramvay hattına iki yeni durak. Eskişehir Büyükşehir Belediyesi, Şehir Hastanesi tramvay hattına iki yeni durak ekliyor. "
        + "Belediyeden yapılan açıklamaya göre duraklar, Yenidoğan ve Gökmeydan mahallelerinin yoğun yolcu talebi üzerine planlandı.";

    static byte[] Sign(string text) => NearDuplicates.Signature(NearDuplicates.Normalise(text, "", ""));

    [Fact]
    public void The_same_event_from_two_agencies_is_similar_and_different_events_are_not()
    {
        var same = NearDuplicates.Similarity(Sign(IhaQuake), Sign(DhaQuake));
        Assert.True(same >= NearDuplicates.Threshold + 0.1, $"same event: {same:0.00}");
        foreach (var (a, b) in new[] { (IhaQuake, Harvest), (IhaQuake, Tram), (Harvest, Tram) })
        {
            var other = NearDuplicates.Similarity(Sign(a), Sign(b));
            Assert.True(other < NearDuplicates.Threshold - 0.1, $"different events: {other:0.00}");
        }
        Assert.Equal(1, NearDuplicates.Similarity(Sign(Tram), Sign(Tram)));
        // Case, Turkish letters and punctuation do not matter.
        Assert.Equal(1, NearDuplicates.Similarity(Sign("ESKİŞEHİR'DE TRAMVAY!"), Sign("eskisehirde tramvay")));
    }

    [Fact]
    public void The_index_finds_the_group_of_the_most_similar_recent_story()
    {
        var index = new DuplicateIndex();
        index.Add(1, null, Sign(IhaQuake));
        index.Add(2, null, Sign(Harvest));
        Assert.Equal(1, index.GroupOf(Sign(DhaQuake), 3));
        index.Add(3, 1, Sign(DhaQuake));
        Assert.Null(index.GroupOf(Sign(Tram), 4));
        // Itself excluded, a story still finds its group through another member.
        Assert.Equal(1, index.GroupOf(Sign(IhaQuake), exceptId: 1));
    }
}
