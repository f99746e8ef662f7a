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
    [Fact]
    public void Decoding_reads_byte_order_marks_declarations_and_headers()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "<a>Iğdır çığ şişe</a>";
        var turkish = Encoding.GetEncoding(1254);
        Assert.Equal(text, FeedText.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], null));
        Assert.Equal(text, FeedText.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)], "utf-8"));
        // A UTF-8 mark before Turkish bytes: the bytes win.
        Assert.Equal(text, FeedText.Decode([.. Encoding.UTF8.GetPreamble(), .. turkish.GetBytes(text)], null));
        // No declaration: the header, quoted or not.
        Assert.Equal(text, FeedText.Decode(Encoding.GetEncoding("iso-8859-9").GetBytes(text), "\"iso-8859-9\""));
        Assert.Equal(text, FeedText.Decode(Encoding.Unicode.GetBytes(text), "utf-16"));
        // A declaration is believed when it names a real encoding other than UTF-8, even over the header.
        const string western = "<?xml version='1.0' encoding='windows-1252'?><a>ş</a>";
        Assert.Equal("<?xml version='1.0' encoding='windows-1252'?><a>þ</a>", FeedText.Decode(turkish.GetBytes(western), "utf-8"));
        // Claims UTF-8 twice but is not: Turkish.
        const string claimed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>ş</a>";
        Assert.Equal(claimed, FeedText.Decode(turkish.GetBytes(claimed), "utf-8"));
        Assert.Equal("", FeedText.Decode([], null));
    }

    [Fact]
    public void Parsing_refuses_empty_answers_web_pages_and_broken_XML_in_words_an_editor_can_act_on()
    {
        var redactor = new Redactor(["Gizli-1"]);
        Assert.Equal("Ajans boş bir yanıt döndürdü.", Assert.Throws<WireFeedException>(() => FeedText.Parse("", redactor, 1000)).Message);
        Assert.Equal("Ajans boş bir yanıt döndürdü.", Assert.Throws<WireFeedException>(() => FeedText.Parse(" \n\t", redactor, 1000)).Message);
        foreach (var page in new[] { "<!doctype html><html><body><p>Bakım</p></body></html>", "  <HTML><body>Bakım</body></HTML>", "Bakım" })
        {
            var e = Assert.Throws<WireFeedException>(() => FeedText.Parse(page, redactor, 1000));
            Assert.IsNotType<WireRateLimitedException>(e);
            Assert.Equal("Ajans XML yerine bir metin döndürdü: “Bakım”", e.Message);
        }
        var broken = Assert.Throws<WireFeedException>(() => FeedText.Parse("<a>\n<b>Gizli-1</a>", redactor, 1000));
        Assert.StartsWith("Akış geçerli XML değil (satır 2, sütun ", broken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Gizli-1", broken.Message, StringComparison.Ordinal);
        Assert.StartsWith("Akış geçerli XML değil", Assert.Throws<WireFeedException>(() => FeedText.Parse("<a>" + new string('x', 2000) + "</a>", redactor, 1000)).Message, StringComparison.Ordinal);

        // Comments and processing instructions are dropped; a declared encoding (already applied) is ignored.
        var document = FeedText.Parse("<?xml version=\"1.0\" encoding=\"x-bilinmeyen\"?><a><!-- not --><?pi x?><b>ş</b></a>", redactor, 1000);
        Assert.Equal("<b>ş</b>", Assert.Single(document.Root!.Nodes()).ToString());
    }

    [Fact]
    public void An_agency_s_words_are_quoted_in_at_most_240_characters_and_a_too_soon_notice_is_a_rate_limit()
    {
        var redactor = new Redactor(["Gizli-1"]);
        var words = string.Concat(Enumerable.Repeat("Abonelik süreniz doldu. ", 20)).Trim();
        Assert.Equal($"Ajans XML yerine bir metin döndürdü: “{words[..240]}…”", FeedText.AgencyMessage(words, redactor).Message);
        Assert.Equal("Ajans XML yerine bir metin döndürdü: “Kısa”", FeedText.AgencyMessage("<p>Kısa</p>", redactor).Message);
        foreach (var soon in new[] { "Çok SIK istek gönderdiniz.", "İSTEĞİNİZ için 30 saniye bekleyiniz", "İki istek arasındaki süre kısa" })
        {
            Assert.Equal($"Ajans istekleri çok sık buldu: “{soon}”", Assert.IsType<WireRateLimitedException>(FeedText.AgencyMessage(soon, redactor)).Message);
        }
        foreach (var other in new[] { "Geçersiz istek.", "30 saniye içinde yanıt verilemedi.", "Süre doldu." })
        {
            Assert.IsNotType<WireRateLimitedException>(FeedText.AgencyMessage(other, redactor));
        }
    }

    [Fact]
    public void Plain_text_drops_tags_scripts_and_styles_and_collapses_whitespace()
    {
        Assert.Equal("Bir iki üç", FeedText.PlainText("<p>Bir</p>\n<script>alert(1)</script><style>p{}</style><noscript>x</noscript><template>y</template>  iki   üç"));
        Assert.Equal("düz metin", FeedText.PlainText("  düz \t metin "));
    }

    [Fact]
    public void Normalised_text_is_folded_without_apostrophes_punctuation_or_agency_names()
    {
        Assert.Equal("kutahyanin siddetli depremi muhabirimiz 2026", NearDuplicates.Normalise("Kütahya'nın ŞİDDETLİ, depremi!", "İHA muhabirimiz (AA/DHA)", "ajans 2026’"));
        Assert.Equal("iha2 aaa", NearDuplicates.Normalise("İHA2 AAA", "", ""));
        Assert.Equal(1500, NearDuplicates.Normalise(new string('a', 1000), new string('b', 1000), "").Length);
    }

    [Fact]
    public void Short_and_malformed_signatures_match_nothing()
    {
        var empty = NearDuplicates.Signature("abcd"); // shorter than a shingle
        Assert.Equal(NearDuplicates.Hashes * 4, empty.Length);
        Assert.All(empty, b => Assert.Equal(0xFF, b));
        Assert.Equal(0, NearDuplicates.Similarity(empty, empty));
        var five = NearDuplicates.Signature("abcde");
        Assert.Equal(1, NearDuplicates.Similarity(five, five));
        Assert.Equal(0, NearDuplicates.Similarity(five, five.AsSpan(4)));
        Assert.Equal(0, NearDuplicates.Similarity(five.AsSpan(4), five));
        Assert.Empty(NearDuplicates.BandKeys(five[4..]));
        var keys = NearDuplicates.BandKeys(five).ToList();
        Assert.Equal(NearDuplicates.Bands, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.NotEqual(keys, NearDuplicates.BandKeys(NearDuplicates.Signature("fghij")).ToList());
        // Every hash of a signature is its own: two texts agree on some hashes and not on others.
        var similarity = NearDuplicates.Similarity(Sign(IhaQuake), Sign(DhaQuake));
        Assert.InRange(similarity, 0.05, 0.95);
    }

    [Fact]
    public void The_index_prefers_the_most_similar_story_and_the_newest_of_equals()
    {
        var index = new DuplicateIndex();
        index.Add(1, null, []);
        Assert.Null(index.GroupOf(Sign(IhaQuake), 9));
        index.Add(2, 20, Sign(IhaQuake + " Ek bilgi: okullar yarın açık olacak, valilik duyurdu."));
        index.Add(3, 30, Sign(IhaQuake));
        index.Add(4, null, Sign(Harvest));
        Assert.Equal(30, index.GroupOf(Sign(IhaQuake), 9));
        index.Add(5, 50, Sign(IhaQuake));
        Assert.Equal(50, index.GroupOf(Sign(IhaQuake), 9));
        Assert.Equal(30, index.GroupOf(Sign(IhaQuake), 5));
        Assert.Equal(4, index.GroupOf(Sign(Harvest), 9));
    }

    [Theory]
    [InlineData("script")]
    [InlineData("style")]
    [InlineData("noscript")]
    [InlineData("template")]
    [InlineData("iframe")]
    [InlineData("object")]
    [InlineData("title")]
    [InlineData("svg")]
    [InlineData("math")]
    public void Agency_lines_drop_what_a_reader_never_sees(string element) =>
        Assert.Equal(["Önce", "Sonra"], AgencyText.Lines($"Önce<br><{element}>gizli</{element}><br>Sonra"));

    [Theory]
    [InlineData("<p>b</p>")]
    [InlineData("<div>b</div>")]
    [InlineData("<ul><li>b</li></ul>")]
    [InlineData("<h1>b</h1>")]
    [InlineData("<h2>b</h2>")]
    [InlineData("<h3>b</h3>")]
    [InlineData("<h4>b</h4>")]
    [InlineData("<h5>b</h5>")]
    [InlineData("<h6>b</h6>")]
    [InlineData("<blockquote>b</blockquote>")]
    [InlineData("<table><tr><td>b</td></tr></table>")]
    [InlineData("<section>b</section>")]
    [InlineData("<article>b</article>")]
    public void Agency_lines_break_around_every_block(string block) =>
        Assert.Equal(["a", "b", "c"], AgencyText.Lines("a" + block + "c"));

    [Fact]
    public void A_sub_heading_is_a_quoted_line_of_4_to_140_characters_with_words_and_no_inner_quote()
    {
        Assert.Equal("<h2>ab</h2>", AgencyText.Body(["\"ab\""]));                     // 4 characters: the shortest
        Assert.Equal("<p>&quot;a&quot;</p>", AgencyText.Body(["\"a\""]));
        var longest = "“" + new string('ş', 138) + "”";
        Assert.Equal(140, longest.Length);
        Assert.Equal("<h2>" + new string('ş', 138) + "</h2>", AgencyText.Body([longest]));
        Assert.StartsWith("<p>", AgencyText.Body(["“" + new string('ş', 139) + "”"]), StringComparison.Ordinal);
        Assert.Equal("<p>&quot;   &quot;</p>", AgencyText.Body(["\"   \""]));            // quotes around nothing
        Assert.Equal("<p>&quot;Vali &quot;sakin olun&quot; dedi&quot;</p>", AgencyText.Body(["\"Vali \"sakin olun\" dedi\""]));
        Assert.Equal("<h2>Kapanış</h2>", AgencyText.Body(["”Kapanış”"]));
        Assert.Equal("<p>“Sis kalktı</p>", AgencyText.Body(["“Sis kalktı"]));
    }

    [Fact]
    public void Cut_stays_within_the_limit_and_cuts_a_long_word_rather_than_lose_half_the_text()
    {
        Assert.Equal("Tam on harf", AgencyText.Cut("  Tam on harf ", 11));              // exactly the limit: unchanged
        Assert.Equal("aaaa bbbb…", AgencyText.Cut("aaaa bbbb cccc", 10));
        Assert.Equal("aaaa bb…", AgencyText.Cut("aaaa bbbb cccc", 8));                  // the space at 9 would overrun
        // No space in the second half: the word is cut at the limit rather than lose half the text.
        Assert.Equal("aaaaa bbb…", AgencyText.Cut("aaaaa bbbbbbbbbb", 10));
        Assert.Equal("a bbbbbbb…", AgencyText.Cut("a bbbbbbbbbbbbbbbbbbbb", 10));
        Assert.Equal("aaaaaa…", AgencyText.Cut("aaaaaa, bbbbbbbbbb", 10));                // punctuation before the cut goes
        foreach (var max in new[] { 5, 9, 10, 17, 40 })
        {
            Assert.True(AgencyText.Cut("Eskişehir'de tramvay hattına iki yeni durak eklendi", max).Length <= max, $"max {max}");
        }
    }

    [Fact]
    public void A_story_with_only_its_id_and_title_has_an_empty_spot_and_body()
    {
        var story = new WireStory { AgencyId = "1", Title = "Başlık" };
        Assert.Equal("", story.Spot);
        Assert.Equal("", story.BodyHtml);
        Assert.Empty(story.Categories);
        Assert.Empty(story.Media);
    }

    [Fact]
    public void An_agency_s_words_of_exactly_240_characters_are_quoted_whole()
    {
        var words = new string('k', 240);
        Assert.Equal($"Ajans XML yerine bir metin döndürdü: “{words}”", FeedText.AgencyMessage(words, new Redactor([])).Message);
    }

    [Fact]
    public void An_unknown_or_refused_charset_falls_back_to_what_the_bytes_are()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "<a>Iğdır çığ</a>";
        Assert.Equal(text, FeedText.Decode(Encoding.UTF8.GetBytes(text), "x-yok-boyle-bir-kodlama"));
        Assert.Equal(text, FeedText.Decode(Encoding.GetEncoding(1254).GetBytes(text), "utf-7"));
        Assert.Equal(text, FeedText.Decode(Encoding.GetEncoding(1254).GetBytes(text), "  "));
    }

    [Fact]
    public void A_feed_with_a_dtd_is_refused_as_such()
    {
        const string feed = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"y\">]><rss>&x;</rss>";
        var e = Assert.Throws<WireFeedException>(() => FeedText.Parse(feed, new Redactor([]), 10_000));
        Assert.Equal("Akış bir DTD (DOCTYPE) içeriyor; dış varlık ve varlık genişletme saldırılarına karşı reddedildi.", e.Message);
    }

    [Fact]
    public void A_stored_signature_stays_comparable_across_versions()
    {
        // Signatures are kept in the database (WireItem.Signature) and compared with new stories for days: the
        // hashing must not change between versions, or a stored story would never match its duplicate again.
        var signature = NearDuplicates.Signature(NearDuplicates.Normalise("Kütahya'da 4,1 büyüklüğünde deprem", "Simav ilçesinde korkutan sarsıntı", ""));
        Assert.Equal(
            "B44EA5011AFAD5027693E00E09C21001C1ACF5050EB266037F03160FC544C800C42A4F056AEE2D00FA231A00EE068903" +
            "9EEEF405D322890191B34B025B78B50ABC5933004D20E90154BD07003CDC9701B20D2406DC0BFF04FFD14B05C3A6CB07" +
            "2E01DE02EF17F600FD5EA501C30E2400348994026C8B3505E57AFA03C58C5E0141A72C00149E1400B3A78402703DCD00" +
            "60EC930090375E05494FF5006B7132008FEE4D02937515028A05DC03DBBD4B029B9EA700A2120D03B9A1E10C0ACB3200" +
            "3D69A404ADD27200A91A9801456E65047F62DC039419D00140210A070B240E0176BD0200EBBFB001FDDC1105591DC203" +
            "D8C118015AB4B60053C70306C3587F00",
            Convert.ToHexString(signature));
        // The band keys are computed again at every pull, but the same way on every node.
        Assert.Equal([1515055855820317438L, 1440694804862512888L, 1122864131510486602L], NearDuplicates.BandKeys(signature).Take(3).ToArray());
    }

    [Fact]
    public void Each_band_is_two_hashes_of_its_own()
    {
        var signature = NearDuplicates.Signature("eskisehir tramvay hattina yeni durak");
        var keys = NearDuplicates.BandKeys(signature).ToList();
        for (var hash = 0; hash < NearDuplicates.Hashes; hash++)
        {
            var changed = (byte[])signature.Clone();
            changed[hash * 4] ^= 0x5A;
            var other = NearDuplicates.BandKeys(changed).ToList();
            // Only the band holding that hash changes.
            var differing = Enumerable.Range(0, NearDuplicates.Bands).Where(b => keys[b] != other[b]).ToList();
            Assert.Equal([hash / 2], differing);
        }
    }

    /// <summary>A signature equal to <paramref name="to"/> at the given hashes and different everywhere else.</summary>
    static byte[] SharingHashes(byte[] to, IEnumerable<int> hashes)
    {
        var keep = hashes.ToHashSet();
        var signature = (byte[])to.Clone();
        for (var h = 0; h < NearDuplicates.Hashes; h++)
        {
            if (!keep.Contains(h)) signature[h * 4] ^= 0xA5;
        }
        return signature;
    }

    /// <summary>Hashes 0 and 1 (band 0) and one hash of each of bands 1–20: 22 of 64, over the threshold, one band.</summary>
    static readonly int[] OneBand = [0, 1, .. Enumerable.Range(1, 20).Select(b => b * 2)];

    [Fact]
    public void A_duplicate_sharing_a_single_band_is_still_found()
    {
        var story = Sign(IhaQuake);
        var candidate = SharingHashes(story, OneBand);
        Assert.InRange(NearDuplicates.Similarity(story, candidate), NearDuplicates.Threshold, 0.35);
        Assert.Single(NearDuplicates.BandKeys(story).Intersect(NearDuplicates.BandKeys(candidate)));
        var index = new DuplicateIndex();
        index.Add(7, 70, candidate);
        Assert.Equal(70, index.GroupOf(story, exceptId: 1));
    }

    [Fact]
    public void A_band_looks_at_its_64_newest_candidates_only()
    {
        var story = Sign(IhaQuake);
        var duplicate = SharingHashes(story, OneBand);
        var filler = SharingHashes(story, [0, 1]); // band 0 and nothing more: 2 of 64
        var index = new DuplicateIndex();
        index.Add(1, 10, duplicate);
        for (var n = 0; n < 63; n++) index.Add(100 + n, null, filler);
        Assert.Equal(10, index.GroupOf(story, exceptId: 0));  // 64 in the band: the oldest is still looked at
        index.Add(200, null, filler);
        Assert.Null(index.GroupOf(story, exceptId: 0));       // 65: it is not
    }
}
