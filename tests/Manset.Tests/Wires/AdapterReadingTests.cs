using System.Net;
using System.Text;
using System.Xml.Linq;
using Manset.Data;
using Manset.Web.Wires;
using Manset.Web.Wires.Adapters;
using Microsoft.AspNetCore.WebUtilities;

namespace Manset.Tests.Wires;

/// <summary>
/// Every field each adapter reads, checked exactly and without a site: İHA's items, DHA's datelines and suffixes,
/// RSS and Atom, NewsML-G2, AA's search and documents, and the dates, cities and error words they share.
/// <see cref="AdapterTests"/> runs the same adapters through a real pull.
/// </summary>
public class AdapterReadingTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    static XElement Item(string xml) => XElement.Parse(xml);

    // ---- shared reading: dates, cities, error words

    [Theory]
    [InlineData("29.11.2026 09:15:00", "2026-11-29T06:15:00Z")]
    [InlineData(" 29.11.2026 09:15 ", "2026-11-29T06:15:00Z")]
    [InlineData("1.2.2015 9:05:00", "2015-02-01T07:05:00Z")] // winter of 2015: Istanbul was UTC+2
    [InlineData("15.7.2015 10:00:00", "2015-07-15T07:00:00Z")] // summer of 2015: UTC+3
    [InlineData("2026-11-29T09:15:00Z", "2026-11-29T09:15:00Z")] // not İHA's form: read as any other date
    public void Turkish_times_are_Istanbul_wall_clock(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Read.TurkishTime(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData(" - ")]
    [InlineData("yarın sabah")]
    public void A_missing_or_unreadable_time_is_no_time(string? text) => Assert.Null(Read.TurkishTime(text));

    [Theory]
    [InlineData("Sun, 29 Nov 2026 09:15:00 GMT", "2026-11-29T09:15:00Z")]
    [InlineData("Sun, 29 Nov 2026 09:15:00 +0300", "2026-11-29T06:15:00Z")]
    [InlineData("2026-11-29T09:15:00+03:00", "2026-11-29T06:15:00Z")]
    [InlineData("2026-11-29T09:15:00-05:00", "2026-11-29T14:15:00Z")]
    [InlineData("2026-11-29T09:15:00Z", "2026-11-29T09:15:00Z")]
    [InlineData("2026-11-29T09:15:00", "2026-11-29T06:15:00Z")] // no zone: Istanbul
    [InlineData("  2026-11-29 09:15  ", "2026-11-29T06:15:00Z")]
    public void Feed_times_keep_their_zone_and_default_to_Istanbul(string text, string utc)
    {
        var read = Read.Instant(text);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), read);
        Assert.Equal(TimeSpan.Zero, read!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("29 Kasım")]
    public void An_unreadable_feed_time_is_no_time(string? text) => Assert.Null(Read.Instant(text));

    [Theory]
    [InlineData("ESKİŞEHİR", "Eskişehir")]
    [InlineData("IĞDIR", "Iğdır")]
    [InlineData("KIRIKKALE  MERKEZ", "Kırıkkale Merkez")]
    [InlineData(" Kadıköy ", "Kadıköy")]
    [InlineData("İSTANBUL/Kadıköy", "İSTANBUL/Kadıköy")] // written by hand already: left alone
    public void Shouted_city_names_are_written_as_names(string agency, string city) => Assert.Equal(city, Read.City(agency));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData(" - ")]
    public void No_city_is_null(string? agency) => Assert.Null(Read.City(agency));

    [Fact]
    public void A_city_is_at_most_eighty_characters()
    {
        Assert.Equal("A" + new string('a', 79), Read.City(new string('A', 100)));
        Assert.Equal("A" + new string('a', 79), Read.City(new string('A', 80)));
        Assert.Equal("A" + new string('a', 78), Read.City(new string('A', 79)));
    }

    [Fact]
    public async Task An_agency_error_page_is_quoted_in_at_most_two_hundred_characters()
    {
        var agency = new MemoryAgency();
        var words = "Bakım çalışması nedeniyle hizmet veremiyoruz. " + string.Concat(Enumerable.Repeat("Lütfen daha sonra deneyin. ", 12));
        agency.Answer("/akis", $"<html><body><p>{words}</p></body></html>", "text/html", HttpStatusCode.ServiceUnavailable);
        var e = await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new RssAdapter(), Source("rss")));
        Assert.Equal($"Ajans HTTP 503 döndürdü: “{words.Trim()[..200]}…”", e.Message);

        agency.Answer("/akis", "<html><body><p>Kısa   bakım</p></body></html>", "text/html", HttpStatusCode.BadGateway);
        e = await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new RssAdapter(), Source("rss")));
        Assert.Equal("Ajans HTTP 502 döndürdü: “Kısa bakım”", e.Message);

        var exactly = new string('ş', 200);
        agency.Answer("/akis", exactly, "text/plain", HttpStatusCode.InternalServerError);
        e = await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new RssAdapter(), Source("rss")));
        Assert.Equal($"Ajans HTTP 500 döndürdü: “{exactly}”", e.Message);
    }

    [Fact]
    public void Query_parameters_are_added_to_the_address_escaped_and_only_when_given()
    {
        var url = IhaAdapter.WithQuery("http://ajans.test/rss?dil=tr", ("UserCode", null), ("UserName", "abone"), ("UserPassword", "Gizli Parola+1&x"), ("Bos", ""));
        Assert.True(WireClient.IsWebAddress(url), url); // a password with a space is still a fetchable address
        var uri = new Uri(url);
        Assert.Equal("/rss", uri.AbsolutePath);
        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal(["dil", "UserName", "UserPassword"], query.Keys);
        Assert.Equal("tr", query["dil"].ToString());
        Assert.Equal("abone", query["UserName"].ToString());
        Assert.Equal("Gizli Parola+1&x", query["UserPassword"].ToString());
        Assert.Equal("http://ajans.test/rss", IhaAdapter.WithQuery("http://ajans.test/rss", ("x", null)).TrimEnd('?'));
        Assert.Equal("x=1", new Uri(IhaAdapter.WithQuery("http://ajans.test/rss", ("x", "1"))).Query.TrimStart('?'));
    }

    // ---- İHA

    const string IhaSnow = """
        <item>
          <HaberKodu> 20261129AW000201 </HaberKodu>
          <title>  Eskişehir'de   kar   yağışı </title>
          <description><![CDATA[Kent merkezinde sabah saatlerinde kar yağışı başladı.<br/>"Okullar açık"<br/>Valilik, eğitime ara verilmediğini açıkladı.]]></description>
          <Sehir>ESKİŞEHİR</Sehir>
          <Kategori>Hava Durumu</Kategori>
          <UstKategori>Gündem</UstKategori>
          <SonDakika>evet</SonDakika>
          <pubDate>29.11.2026 09:15:00</pubDate>
          <SonHaberGuncellenmeTarihi>29.11.2026 10:02:00</SonHaberGuncellenmeTarihi>
          <images>
            <image ResimKodu="R1" filesize="0">https://foto.iha.test/r1.jpg</image>
            <image filesize="abc"> https://foto.iha.test/r2.jpg </image>
            <image ResimKodu="R3" filesize="100">file:///etc/passwd</image>
            <image ResimKodu="R4" filesize="2048">https://foto.iha.test/r4.jpg</image>
          </images>
          <videos>
            <video><Aciklama>Kar   görüntüleri</Aciklama><path_video duration="42" filesize="120000">https://video.iha.test/v1.mp4</path_video><path_poster>https://foto.iha.test/v1.jpg</path_poster></video>
            <video><path_video duration="uzun" filesize="0"> https://video.iha.test/v2.mp4 </path_video><path_poster>ftp://foto.iha.test/v2.jpg</path_poster></video>
            <video><Aciklama>dosyasız</Aciklama></video>
            <video><path_video>javascript:alert(1)</path_video></video>
          </videos>
          <Aciklamalar>
            <Aciklama ResimKodu="R1">Kar  altında   Odunpazarı</Aciklama>
            <Aciklama ResimKodu="R1">ikinci açıklama</Aciklama>
            <Aciklama>kodsuz açıklama</Aciklama>
            <Aciklama ResimKodu="">boş kodlu açıklama</Aciklama>
          </Aciklamalar>
        </item>
        """;

    [Fact]
    public void IHA_items_give_every_field()
    {
        var story = IhaAdapter.ReadItem(Item(IhaSnow), "İHA Abone");
        Assert.Equal("20261129AW000201", story.AgencyId);
        Assert.Equal("29.11.2026 10:02:00", story.Version);
        Assert.Equal("Eskişehir'de kar yağışı", story.Title);
        Assert.Equal("Kent merkezinde sabah saatlerinde kar yağışı başladı.", story.Spot);
        // WebUtility writes ç and ö as numeric references; the sanitizer on ingest stores them as letters again.
        Assert.Equal("<h2>Okullar a&#231;ık</h2><p>Valilik, eğitime ara verilmediğini a&#231;ıkladı.</p>", story.BodyHtml);
        Assert.Equal(["Hava Durumu", "Gündem"], story.Categories);
        Assert.Equal("Eskişehir", story.City);
        Assert.True(story.Breaking);
        Assert.Equal(Utc(2026, 11, 29, 6, 15), story.PublishedAt);
        Assert.Equal("İHA Abone", story.Credit);
        Assert.Equal(
        [
            new WireStoryMedia("R1", MediaKind.Image, "https://foto.iha.test/r1.jpg", Ready: false, "Kar altında Odunpazarı", "İHA"),
            new WireStoryMedia(IhaAdapter.Hash("https://foto.iha.test/r2.jpg"), MediaKind.Image, "https://foto.iha.test/r2.jpg", Ready: true, null, "İHA"),
            new WireStoryMedia("R4", MediaKind.Image, "https://foto.iha.test/r4.jpg", Ready: true, null, "İHA"),
            new WireStoryMedia(IhaAdapter.Hash("https://video.iha.test/v1.mp4"), MediaKind.Video, "https://video.iha.test/v1.mp4", Ready: true, "Kar görüntüleri", "İHA",
                "https://foto.iha.test/v1.jpg", 42),
            new WireStoryMedia(IhaAdapter.Hash("https://video.iha.test/v2.mp4"), MediaKind.Video, "https://video.iha.test/v2.mp4", Ready: false, "", "İHA", null, 0),
        ], story.Media);
    }

    [Fact]
    public void IHA_items_without_the_optional_parts()
    {
        var story = IhaAdapter.ReadItem(Item("""
            <item><HaberKodu>K2</HaberKodu><title>Maç sonucu</title><description>Tek satır.</description>
              <Sehir>Kadıköy</Sehir><Kategori>Spor</Kategori><UstKategori> </UstKategori><SonDakika>Hayır</SonDakika>
              <pubDate>1.2.2015 9:05:00</pubDate><SonHaberGuncellenmeTarihi>-</SonHaberGuncellenmeTarihi></item>
            """), "İHA");
        Assert.Null(story.Version);
        Assert.Equal("Tek satır.", story.Spot);
        Assert.Equal("", story.BodyHtml);
        Assert.Equal(["Spor"], story.Categories);
        Assert.Equal("Kadıköy", story.City);
        Assert.False(story.Breaking);
        Assert.Equal(Utc(2015, 2, 1, 7, 5), story.PublishedAt);
        Assert.Empty(story.Media);

        var bare = IhaAdapter.ReadItem(Item("<item><HaberKodu>K3</HaberKodu><title>Yalnız başlık</title></item>"), "İHA");
        Assert.Equal("", bare.Spot);
        Assert.Equal("", bare.BodyHtml);
        Assert.Empty(bare.Categories);
        Assert.Null(bare.City);
        Assert.Null(bare.Version);
        Assert.Equal(DateTimeOffset.MinValue, bare.PublishedAt);
    }

    [Fact]
    public async Task An_IHA_feed_sends_the_subscriber_s_codes_and_counts_the_items_it_cannot_read()
    {
        var agency = new MemoryAgency();
        agency.Answer("/akis", $"""
            <rss version="2.0"><channel><title>İHA</title>{IhaSnow}
              <item><title>Kodsuz</title></item>
              <item><HaberKodu>K9</HaberKodu><title>  </title></item>
            </channel></rss>
            """);
        var batch = await agency.FetchAsync(new IhaAdapter(), Source("iha"));
        Assert.Equal("20261129AW000201", Assert.Single(batch.Stories).AgencyId);
        Assert.Equal("İHA", batch.Stories[0].Credit);
        Assert.Equal(["HaberKodu olmayan bir İHA haberi atlandı.", "Başlıksız İHA haberi atlandı (K9)."], batch.Problems);
        var query = QueryHelpers.ParseQuery(Assert.Single(agency.Requests).Uri.Query);
        Assert.Equal("KOD-1", query["UserCode"].ToString());
        Assert.Equal("abone", query["UserName"].ToString());
        Assert.Equal("Gizli Parola+1", query["UserPassword"].ToString());

        var credited = await agency.FetchAsync(new IhaAdapter(), Source("iha", credit: "İHA Eskişehir"));
        Assert.Equal("İHA Eskişehir", credited.Stories[0].Credit);

        agency.Answer("/akis", "<rss version=\"2.0\"><kanal/></rss>");
        Assert.Equal("İHA akışında 'channel' yok.", (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new IhaAdapter(), Source("iha")))).Message);
        Assert.Equal(TimeSpan.FromSeconds(30), new IhaAdapter().MinimumSpacing);
        Assert.Equal(TimeSpan.Zero, new IhaAdapter().CallGap);
    }

    // ---- DHA

    [Fact]
    public void DHA_items_lose_the_title_suffix_and_the_dateline_and_split_one_paragraph_into_spot_and_body()
    {
        var story = DhaAdapter.ReadItem(Item("""
            <item><guid>4f1c2a9be07d4c3f8a61d2e5b7c90a14</guid><title>Simav'da deprem (Görüntülü Haber)</title>
              <description>KÜTAHYA, (DHA) - Kütahya'nın Simav ilçesinde deprem oldu. AFAD açıklama yaptı. "Hasar yok" dedi vali.</description>
              <category>DHA-Gündem</category><pubDate>Sun, 29 Nov 2026 11:41:00 +0300</pubDate>
              <photos url="https://foto.dha.test/d1.jpg"/><photos>https://foto.dha.test/d2.jpg</photos><photos>ftp://foto.dha.test/d3.jpg</photos>
              <videos> https://video.dha.test/d1.mp4 </videos></item>
            """), "DHA Abone");
        Assert.Equal("4f1c2a9be07d4c3f8a61d2e5b7c90a14", story.AgencyId);
        Assert.Null(story.Version);
        Assert.Equal("Simav'da deprem", story.Title);
        Assert.Equal("Kütahya'nın Simav ilçesinde deprem oldu.", story.Spot);
        Assert.Equal("<p>AFAD a&#231;ıklama yaptı. &quot;Hasar yok&quot; dedi vali.</p>", story.BodyHtml);
        Assert.Equal(["Gündem"], story.Categories);
        Assert.Equal("Kütahya", story.City);
        Assert.False(story.Breaking);
        Assert.Equal(Utc(2026, 11, 29, 8, 41), story.PublishedAt);
        Assert.Equal("DHA Abone", story.Credit);
        Assert.Equal(
        [
            new WireStoryMedia(IhaAdapter.Hash("https://foto.dha.test/d1.jpg"), MediaKind.Image, "https://foto.dha.test/d1.jpg", Ready: true, null, "DHA"),
            new WireStoryMedia(IhaAdapter.Hash("https://foto.dha.test/d2.jpg"), MediaKind.Image, "https://foto.dha.test/d2.jpg", Ready: true, null, "DHA"),
            new WireStoryMedia(IhaAdapter.Hash("https://video.dha.test/d1.mp4"), MediaKind.Video, "https://video.dha.test/d1.mp4", Ready: true, null, "DHA"),
        ], story.Media);
    }

    [Fact]
    public void DHA_items_with_lines_a_location_and_breaking_news()
    {
        var story = DhaAdapter.ReadItem(Item("""
            <item><guid>g2</guid><title>SON DAKİKA: Ankara'da su kesintisi (geniş haber)</title>
              <description><![CDATA[ANKARA (DHA) – Birinci satır. İkinci cümle.<br/>"Ara başlık"<br/>Son satır.]]></description>
              <location>Çankaya</location><category>dha-spor</category></item>
            """), "DHA");
        Assert.Equal("SON DAKİKA: Ankara'da su kesintisi", story.Title);
        Assert.True(story.Breaking);
        Assert.Equal("Birinci satır. İkinci cümle.", story.Spot);
        Assert.Equal("<h2>Ara başlık</h2><p>Son satır.</p>", story.BodyHtml);
        Assert.Equal("Çankaya", story.City);
        Assert.Equal(["spor"], story.Categories);
        Assert.Equal(DateTimeOffset.MinValue, story.PublishedAt);

        var plain = DhaAdapter.ReadItem(Item("<item><guid>g3</guid><title>Son dakika değil (Fotoğraflı Haber)</title><description>Tek cümle</description><category>Ekonomi</category></item>"), "DHA");
        Assert.Equal("Son dakika değil", plain.Title);
        Assert.False(plain.Breaking);
        Assert.Equal("Tek cümle", plain.Spot);
        Assert.Equal("", plain.BodyHtml);
        Assert.Equal(["Ekonomi"], plain.Categories);
        Assert.Null(plain.City);

        var empty = DhaAdapter.ReadItem(Item("<item><guid>g4</guid><title>Başlık (Foto Haber) sonda değil</title></item>"), "DHA");
        Assert.Equal("Başlık (Foto Haber) sonda değil", empty.Title);
        Assert.Equal("", empty.Spot);
        Assert.Equal("", empty.BodyHtml);
        Assert.Empty(empty.Categories);
    }

    [Fact]
    public async Task A_DHA_feed_sends_x_and_y_and_counts_the_items_it_cannot_read()
    {
        var agency = new MemoryAgency();
        agency.Answer("/akis", """
            <rss><channel><title>DHA</title>
              <item><guid>g1</guid><title>Haber</title><description>Spot.</description></item>
              <item><title>Guidsiz</title></item>
              <item><guid>g5</guid><title>(Görüntülü Haber)</title></item>
            </channel></rss>
            """);
        var batch = await agency.FetchAsync(new DhaAdapter(), Source("dha"));
        Assert.Equal("DHA", Assert.Single(batch.Stories).Credit);
        Assert.Equal(["guid olmayan bir DHA haberi atlandı.", "Başlıksız DHA haberi atlandı (g5)."], batch.Problems);
        var query = QueryHelpers.ParseQuery(Assert.Single(agency.Requests).Uri.Query);
        Assert.Equal(["x", "y"], query.Keys);
        Assert.Equal("abone", query["x"].ToString());
        Assert.Equal("Gizli Parola+1", query["y"].ToString());
        Assert.Equal("DHA Bölge", (await agency.FetchAsync(new DhaAdapter(), Source("dha", credit: "DHA Bölge"))).Stories[0].Credit);

        agency.Answer("/akis", "<rss/>");
        Assert.Equal("DHA akışında 'channel' yok.", (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new DhaAdapter(), Source("dha")))).Message);
        Assert.Equal(TimeSpan.FromSeconds(30), new DhaAdapter().MinimumSpacing);
    }

    // ---- RSS and Atom

    [Fact]
    public async Task RSS_items_give_ids_text_categories_and_media()
    {
        var longGuid = new string('g', 201);
        var agency = new MemoryAgency();
        agency.Answer("/akis", $"""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>  Odunpazarı   Belediyesi Haberleri ve Duyuruları Uzun Başlık </title>
              <item><guid>haber-1</guid><link>https://belediye.test/1</link><title>Tarihi &lt;b&gt;konaklar&lt;/b&gt;</title>
                <pubDate>Sun, 29 Nov 2026 09:15:00 GMT</pubDate>
                <description><![CDATA[<p>Birinci satır</p><p>İkinci satır</p>]]></description>
                <content:encoded><![CDATA[<p>Tam metin</p>]]></content:encoded>
                <category> Yerel </category><category>Yerel</category><category>Kültür</category><category> </category>
                <enclosure url="https://belediye.test/k.jpg" type="image/jpeg"/>
                <enclosure url="https://belediye.test/k.jpg" type="image/jpeg"/>
                <enclosure url="https://belediye.test/belge.pdf" type="application/pdf"/>
                <media:content url="https://belediye.test/tanitim" medium="video"><media:description>Tanıtım  filmi</media:description><media:credit>Belediye</media:credit></media:content>
                <media:content url="https://belediye.test/afis" type="image/png" medium="video"/>
                <media:group><media:description>Grup açıklaması</media:description><media:content url="https://belediye.test/g.webp"/></media:group>
                <media:thumbnail url="https://belediye.test/kucuk.jpg"/>
              </item>
              <item><link>https://belediye.test/2</link><title>İkinci</title><dc:date>2026-11-29T10:00:00+03:00</dc:date>
                <description>Spot satırı&lt;br/&gt;Gövde satırı</description>
                <media:thumbnail url="https://belediye.test/kucuk2"/></item>
              <item><title>Üçüncü</title><description>Yalnız spot</description>
                <enclosure url="https://belediye.test/ses.mp3" type="audio/mpeg"/><enclosure url="https://belediye.test/klip.WEBM"/><enclosure url="https://belediye.test/resim.PNG"/>
                <enclosure url="https://belediye.test/foto.jpg"/><enclosure url="https://belediye.test/foto2.jpeg"/></item>
              <item><guid>{longGuid}</guid><title>Uzun kimlik</title></item>
              <item><guid>bos</guid><title> </title></item>
            </channel></rss>
            """);
        var batch = await agency.FetchAsync(new RssAdapter(), Source("rss"));
        Assert.Equal(["Başlıksız bir haber atlandı."], batch.Problems);
        Assert.Equal(4, batch.Stories.Count);
        Assert.All(batch.Stories, s => Assert.Equal("Odunpazarı Belediyesi Haberleri ve…", s.Credit));

        var first = batch.Stories[0];
        Assert.Equal("haber-1", first.AgencyId);
        Assert.Null(first.Version);
        Assert.Equal("Tarihi konaklar", first.Title);
        Assert.Equal("Birinci satır İkinci satır", first.Spot);
        Assert.Equal("<p>Tam metin</p>", first.BodyHtml);
        Assert.Equal(["Yerel", "Kültür"], first.Categories);
        Assert.Equal(Utc(2026, 11, 29, 9, 15), first.PublishedAt);
        Assert.Null(first.City);
        Assert.False(first.Breaking);
        Assert.Equal(
        [
            new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/k.jpg"), MediaKind.Image, "https://belediye.test/k.jpg", Ready: true),
            new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/tanitim"), MediaKind.Video, "https://belediye.test/tanitim", Ready: true, "Tanıtım filmi", "Belediye"),
            new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/afis"), MediaKind.Image, "https://belediye.test/afis", Ready: true), // the type over the medium
            new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/g.webp"), MediaKind.Image, "https://belediye.test/g.webp", Ready: true, "Grup açıklaması"),
        ], first.Media);

        var second = batch.Stories[1];
        Assert.Equal("https://belediye.test/2", second.AgencyId);
        Assert.Equal("Spot satırı", second.Spot);
        Assert.Equal("<p>G&#246;vde satırı</p>", second.BodyHtml);
        Assert.Equal(Utc(2026, 11, 29, 7, 0), second.PublishedAt);
        Assert.Equal([new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/kucuk2"), MediaKind.Image, "https://belediye.test/kucuk2", Ready: true)], second.Media);

        var third = batch.Stories[2];
        Assert.Equal(IhaAdapter.Hash("Üçüncü"), third.AgencyId);
        Assert.Equal("Yalnız spot", third.Spot);
        Assert.Equal("", third.BodyHtml);
        Assert.Equal(DateTimeOffset.MinValue, third.PublishedAt);
        Assert.Equal([MediaKind.Video, MediaKind.Image, MediaKind.Image, MediaKind.Image], third.Media.Select(m => m.Kind));
        Assert.Equal(["https://belediye.test/klip.WEBM", "https://belediye.test/resim.PNG", "https://belediye.test/foto.jpg", "https://belediye.test/foto2.jpeg"], third.Media.Select(m => m.Url));

        Assert.Equal(IhaAdapter.Hash(longGuid), batch.Stories[3].AgencyId);
    }

    [Fact]
    public async Task An_RSS_id_of_two_hundred_characters_is_kept_and_the_credit_falls_back_to_the_source()
    {
        var agency = new MemoryAgency();
        var guid = new string('g', 200);
        agency.Answer("/akis", $"<rss><channel><title> </title><item><guid>{guid}</guid><title>Başlık</title><pubDate>Sun, 29 Nov 2026 09:15:00 GMT</pubDate></item><item><title>Başlık</title><pubDate>x</pubDate></item></channel></rss>");
        var batch = await agency.FetchAsync(new RssAdapter(), Source("rss"));
        Assert.Equal(guid, batch.Stories[0].AgencyId);
        Assert.Equal(IhaAdapter.Hash("Başlıkx"), batch.Stories[1].AgencyId);
        Assert.All(batch.Stories, s => Assert.Equal("kaynak", s.Credit));
        Assert.All((await agency.FetchAsync(new RssAdapter(), Source("rss", credit: "Bölge Gazetesi"))).Stories, s => Assert.Equal("Bölge Gazetesi", s.Credit));

        agency.Answer("/akis", "<rdf><kanal/></rdf>");
        Assert.Equal("Akış ne RSS 2.0 ne Atom: 'channel' ya da 'feed' yok.", (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new RssAdapter(), Source("rss")))).Message);
    }

    [Fact]
    public async Task Atom_entries_give_ids_versions_links_and_enclosures()
    {
        var agency = new MemoryAgency();
        agency.Answer("/akis", """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Belediye</title>
              <entry><id>urn:1</id><title>Birinci</title>
                <link rel="self" href="https://belediye.test/self"/><link href="https://belediye.test/galeri/1.jpg"/>
                <link rel="enclosure" href="https://belediye.test/1.jpg" type="image/jpeg"/><link rel="enclosure" href="https://belediye.test/1.bin"/>
                <published>2026-11-29T09:00:00+03:00</published><updated>2026-11-29T09:45:00+03:00</updated>
                <summary>Özet</summary><content type="html">&lt;p&gt;Metin&lt;/p&gt;</content>
                <category term="Kültür"/><category>Sanat</category></entry>
              <entry><title>İkinci</title><link rel="alternate" href="https://belediye.test/2"/><updated>2026-11-29T10:00:00Z</updated>
                <summary>Bir&lt;br/&gt;İki</summary></entry>
              <entry><title>Üçüncü</title><link rel="self" href="https://belediye.test/3"/></entry>
              <entry><id>urn:4</id><title> </title></entry>
            </feed>
            """);
        var batch = await agency.FetchAsync(new RssAdapter(), Source("rss"));
        Assert.Equal(["Başlıksız bir haber atlandı."], batch.Problems);
        Assert.Equal(3, batch.Stories.Count);
        var first = batch.Stories[0];
        Assert.Equal("urn:1", first.AgencyId);
        Assert.Equal("2026-11-29T09:45:00+03:00", first.Version);
        Assert.Equal(Utc(2026, 11, 29, 6, 0), first.PublishedAt);
        Assert.Equal("Özet", first.Spot);
        Assert.Equal("<p>Metin</p>", first.BodyHtml);
        Assert.Equal(["Kültür", "Sanat"], first.Categories);
        Assert.Equal("Belediye", first.Credit);
        Assert.Equal([new WireStoryMedia(IhaAdapter.Hash("https://belediye.test/1.jpg"), MediaKind.Image, "https://belediye.test/1.jpg", Ready: true)], first.Media);

        var second = batch.Stories[1];
        Assert.Equal("https://belediye.test/2", second.AgencyId);
        Assert.Equal("2026-11-29T10:00:00Z", second.Version);
        Assert.Equal(Utc(2026, 11, 29, 10, 0), second.PublishedAt);
        Assert.Equal("Bir", second.Spot);
        Assert.Equal("<p>İki</p>", second.BodyHtml);

        var third = batch.Stories[2];
        Assert.Equal(IhaAdapter.Hash("Üçüncü"), third.AgencyId);
        Assert.Null(third.Version);
        Assert.Equal(DateTimeOffset.MinValue, third.PublishedAt);
    }

    // ---- NewsML-G2

    const string G2 = "http://iptc.org/std/nar/2006-10-01/";

    [Fact]
    public async Task NewsML_items_give_every_field()
    {
        var agency = new MemoryAgency();
        agency.Answer("/akis", $"""
            <newsMessage xmlns="{G2}"><itemSet>
              <newsItem guid="urn:haber:1" version="3">
                <itemMeta><firstCreated>2026-11-29T08:00:00+03:00</firstCreated><versionCreated>2026-11-29T09:00:00+03:00</versionCreated>
                  <link rel="irel:seeAlso" residref="urn:picture:1" href="https://ajans.test/p1.jpg"/>
                  <link rel="irel:associatedWith" contenttype="image/jpeg" href="https://ajans.test/p2.jpg"/>
                  <link rel="irel:seeAlso" residref="urn:video:1" contenttype="video/mp4" href="https://ajans.test/v1.mp4"/>
                  <link rel="irel:other" residref="urn:picture:9" href="https://ajans.test/p9.jpg"/>
                  <link rel="irel:seeAlso" residref="urn:picture:2" href="ftp://ajans.test/p3.jpg"/></itemMeta>
                <contentMeta><urgency>2</urgency>
                  <located type="cptype:country"><name>Türkiye</name></located><located type="cptype:city"><name>ANKARA</name></located>
                  <subject qcode="medtop:04000000"><name xml:lang="en">Economy</name><name xml:lang="tr-TR">Ekonomi</name></subject>
                  <subject qcode=""><name>Piyasalar</name></subject>
                  <subject qcode="medtop:20000000"/>
                  <headline>  Faiz   kararı açıklandı </headline><description>Özet  metni.</description></contentMeta>
                <contentSet><inlineXML><nitf><body><body.head><headline><hl1>Başka başlık</hl1></headline></body.head>
                  <body.content><p>Kurul toplandı.</p><h2>Piyasa tepkisi</h2><p>Borsa yükseldi.</p></body.content></body></nitf></inlineXML></contentSet>
              </newsItem>
              <newsItem guid="urn:haber:2">
                <itemMeta><versionCreated>2026-11-29T09:30:00Z</versionCreated></itemMeta>
                <contentMeta><urgency>3</urgency><located><name>İZMİR</name></located></contentMeta>
                <contentSet><inlineXML><nitf><body><body.head><headline><hl1>Yedek başlık</hl1></headline><abstract>NITF özeti.</abstract></body.head>
                  <body.content>&lt;p&gt;Kaçışlı metin&lt;/p&gt;</body.content></body></nitf></inlineXML></contentSet>
              </newsItem>
              <newsItem guid="urn:haber:3"><contentMeta><headline>XHTML</headline><contentCreated>2026-11-29T07:00:00Z</contentCreated></contentMeta>
                <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Birinci</p><p>İkinci</p></body></html></inlineXML></contentSet></newsItem>
              <newsItem guid="urn:haber:4"><contentMeta><headline>Düz metin</headline></contentMeta>
                <contentSet><inlineData>Satır bir
              Satır &lt;iki&gt;</inlineData></contentSet></newsItem>
              <newsItem guid="urn:haber:5"><contentMeta><headline>Tek paragraf</headline></contentMeta>
                <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><p>Yalnız bu</p></html></inlineXML></contentSet></newsItem>
              <newsItem guid="urn:haber:6"><contentMeta><headline>Metinsiz</headline></contentMeta></newsItem>
              <newsItem guid="urn:haber:9"><contentMeta><headline>XHTML özetli</headline><description>Özet.</description></contentMeta>
                <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Bir</p></body></html></inlineXML></contentSet></newsItem>
              <newsItem guid="urn:haber:10"><contentMeta><headline>Veri özetli</headline><description>Özet.</description></contentMeta>
                <contentSet><inlineData>Bir&#10;İki &lt;3&gt;</inlineData></contentSet></newsItem>
              <newsItem guid="urn:haber:11"><contentSet><inlineXML><nitf><body><body.head><headline><hl1>Yalnız NITF</hl1></headline></body.head></body></nitf></inlineXML></contentSet></newsItem>
              <newsItem guid="urn:haber:12"><contentMeta><headline>Boş özet</headline><description>Açıklama.</description></contentMeta>
                <contentSet><inlineXML><nitf><body><body.head><abstract></abstract></body.head><body.content>&lt;p&gt;Metin&lt;/p&gt;</body.content></body></nitf></inlineXML></contentSet></newsItem>
              <newsItem><contentMeta><headline>Kimliksiz</headline></contentMeta></newsItem>
              <newsItem guid="urn:haber:8"><contentMeta><headline> </headline></contentMeta></newsItem>
            </itemSet></newsMessage>
            """);
        var batch = await agency.FetchAsync(new NewsMlAdapter(), Source("newsml"));
        Assert.Equal(["guid olmayan bir NewsML-G2 haberi atlandı.", "Başlıksız NewsML-G2 haberi atlandı (urn:haber:8)."], batch.Problems);
        Assert.Equal(10, batch.Stories.Count);
        Assert.All(batch.Stories, s => Assert.Equal("kaynak", s.Credit));

        var first = batch.Stories[0];
        Assert.Equal("urn:haber:1", first.AgencyId);
        Assert.Equal("3", first.Version);
        Assert.Equal("Faiz kararı açıklandı", first.Title);
        Assert.Equal("Özet metni.", first.Spot);
        Assert.Equal($"<p xmlns=\"{G2}\">Kurul toplandı.</p><h2 xmlns=\"{G2}\">Piyasa tepkisi</h2><p xmlns=\"{G2}\">Borsa yükseldi.</p>", first.BodyHtml);
        Assert.Equal(["Ekonomi", "medtop:04000000", "Piyasalar", "medtop:20000000"], first.Categories);
        Assert.Equal("Ankara", first.City);
        Assert.True(first.Breaking);
        Assert.Equal(Utc(2026, 11, 29, 5, 0), first.PublishedAt);
        Assert.Equal(
        [
            new WireStoryMedia("urn:picture:1", MediaKind.Image, "https://ajans.test/p1.jpg", Ready: true, null, "kaynak"),
            new WireStoryMedia(IhaAdapter.Hash("https://ajans.test/p2.jpg"), MediaKind.Image, "https://ajans.test/p2.jpg", Ready: true, null, "kaynak"),
        ], first.Media);

        var second = batch.Stories[1];
        Assert.Null(second.Version);
        Assert.Equal("Yedek başlık", second.Title);
        Assert.Equal("NITF özeti.", second.Spot);
        Assert.Equal("<p>Kaçışlı metin</p>", second.BodyHtml);
        Assert.Empty(second.Categories);
        Assert.Equal("İzmir", second.City);
        Assert.False(second.Breaking);
        Assert.Equal(Utc(2026, 11, 29, 9, 30), second.PublishedAt);

        var third = batch.Stories[2];
        Assert.Equal("Birinci", third.Spot);
        Assert.Equal("<p>İkinci</p>", third.BodyHtml);
        Assert.False(third.Breaking); // no urgency at all
        Assert.Equal(Utc(2026, 11, 29, 7, 0), third.PublishedAt);

        var fourth = batch.Stories[3];
        Assert.Equal("Satır bir", fourth.Spot);
        Assert.Equal("<p>Satır &lt;iki&gt;</p>", fourth.BodyHtml);
        Assert.Equal(DateTimeOffset.MinValue, fourth.PublishedAt);

        // One paragraph and no summary: it is the spot, and the text too.
        Assert.Equal("Yalnız bu", batch.Stories[4].Spot);
        Assert.Equal("<p>Yalnız bu</p>", batch.Stories[4].BodyHtml);
        Assert.Equal("", batch.Stories[5].Spot);
        Assert.Equal("", batch.Stories[5].BodyHtml);

        // With a summary, the text is the document's own: the XHTML body's paragraphs, the inline data's lines.
        Assert.Equal("Özet.", batch.Stories[6].Spot);
        Assert.Equal("<p xmlns=\"http://www.w3.org/1999/xhtml\">Bir</p>", batch.Stories[6].BodyHtml);
        Assert.Equal("<p>Bir</p><p>İki &lt;3&gt;</p>", batch.Stories[7].BodyHtml);
        var bare = batch.Stories[8];
        Assert.Equal(("Yalnız NITF", "", "", false, null, DateTimeOffset.MinValue), (bare.Title, bare.Spot, bare.BodyHtml, bare.Breaking, bare.City, bare.PublishedAt));
        Assert.Empty(bare.Categories);
        // An empty abstract is no summary: the description is.
        Assert.Equal(("Açıklama.", "<p>Metin</p>"), (batch.Stories[9].Spot, batch.Stories[9].BodyHtml));
    }

    [Fact]
    public async Task A_lone_NewsML_item_is_read_and_a_document_without_items_is_refused()
    {
        var agency = new MemoryAgency();
        agency.Answer("/akis", $"<newsItem xmlns=\"{G2}\" guid=\"urn:tek\"><contentMeta><headline>Tek haber</headline><urgency>1</urgency></contentMeta></newsItem>");
        var story = Assert.Single((await agency.FetchAsync(new NewsMlAdapter(), Source("newsml", credit: "IPTC"))).Stories);
        Assert.Equal("urn:tek", story.AgencyId);
        Assert.True(story.Breaking);
        Assert.Equal("IPTC", story.Credit);

        agency.Answer("/akis", $"<newsMessage xmlns=\"{G2}\"><itemSet/></newsMessage>");
        Assert.Equal("NewsML-G2 belgesinde newsItem yok.", (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new NewsMlAdapter(), Source("newsml")))).Message);
    }

    // ---- AA

    static string AaEntry(string id, string? group, string date, string type = "text") =>
        $"{{\"id\":\"{id}\",\"type\":\"{type}\"{(group is null ? "" : $",\"group_id\":{group}")},\"date\":\"{date}\",\"title\":\"Başlık\"}}";

    static string AaSearch(params string[] entries) =>
        $"{{\"response\":{{\"success\":true,\"message\":\"\"}},\"data\":{{\"result\":[{string.Join(',', entries)}]}}}}";

    static string AaDocument(string guid, string headline, string? picture = null) => $"""
        <newsItem xmlns="{G2}" guid="{guid}" version="1">
          <itemMeta>{(picture is null ? "" : $"<link rel=\"irel:seeAlso\" residref=\"{picture}\" contenttype=\"image/jpeg\"/>")}</itemMeta>
          <contentMeta><headline>{headline}</headline></contentMeta>
          <contentSet><inlineXML><nitf><body><body.head><abstract>Özet.</abstract></body.head><body.content>&lt;p&gt;Metin.&lt;/p&gt;</body.content></body></nitf></inlineXML></contentSet>
        </newsItem>
        """;

    [Fact]
    public async Task AA_searches_since_the_last_pull_and_fetches_only_the_newest_unknown_version_of_each_group()
    {
        var agency = new MemoryAgency();
        agency.Answer("/has/abone/search/", AaSearch(
            AaEntry("aa:text:1", "\"g-1\"", "2026-11-29T08:00:00Z"),
            AaEntry("aa:text:2", "\"g-1\"", "2026-11-29T09:00:00Z"),
            AaEntry("aa:text:0", "\"g-1\"", "2026-11-29T07:00:00Z"),
            AaEntry("aa:picture:3", "\"g-3\"", "2026-11-29T09:00:00Z", type: "picture"),
            AaEntry("aa:text:4", "77", "2026-11-29T09:10:00Z"),
            AaEntry("aa:text:5", null, "2026-11-29T09:20:00Z"),
            AaEntry("aa:text:6", "\"g-6\"", "2026-11-29T09:30:00Z"),
            AaEntry("aa:text:7", "\" \"", "2026-11-29T09:40:00Z"),
            AaEntry("aa:text:8", "\"g-8\"", "2026-11-29T09:50:00Z"),
            """{"id":"aa:text:9","group_id":"g-9","date":"2026-11-29T09:55:00Z"}"""), "application/json");
        agency.Answer("/has/abone/document/aa:text:2/newsml29", AaDocument("aa:text:2", "Faiz kararı", "aa:picture:20261129:9"));
        agency.Answer("/has/abone/document/aa:text:4/newsml29", AaDocument("aa:text:4", "Borsa"));
        agency.Answer("/has/abone/document/aa:text:6/newsml29", "Dosya Bulunamadı", "text/plain", HttpStatusCode.NotFound);
        agency.Answer("/has/abone/document/aa:text:7/newsml29", "  Hata oluştu", "text/plain");
        agency.Answer("/has/abone/document/aa:text:8/newsml29", $"<newsMessage xmlns=\"{G2}\"/>");
        agency.Answer("/has/abone/document/aa:text:9/newsml29", AaDocument("aa:text:9", "Türü yazılmamış bir metin"));

        var asked = new List<string>();
        var batch = await agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has/"), known: ids =>
        {
            asked.AddRange(ids);
            return new Dictionary<string, string?> { ["aa:text:5"] = "aa:text:5", ["g:77"] = "aa:text:3" };
        });

        Assert.Equal(["g:g-1", "g:77", "aa:text:5", "g:g-6", "aa:text:7", "g:g-8", "g:g-9"], asked);
        Assert.Equal(
        [
            "POST /has/abone/search/",
            "GET /has/abone/document/aa:text:2/newsml29",
            "GET /has/abone/document/aa:text:4/newsml29",
            "GET /has/abone/document/aa:text:6/newsml29",
            "GET /has/abone/document/aa:text:7/newsml29",
            "GET /has/abone/document/aa:text:8/newsml29",
            "GET /has/abone/document/aa:text:9/newsml29",
        ], agency.Requests.Select(r => $"{r.Method} {r.Path}"));
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("abone:Gizli Parola+1"));
        Assert.All(agency.Requests, r => Assert.Equal(basic, r.Authorization));
        var form = QueryHelpers.ParseQuery(agency.Requests[0].Form);
        Assert.Equal("2026-11-28T11:50:00Z", form["start_date"].ToString());
        Assert.Equal("2026-11-29T12:00:00Z", form["end_date"].ToString());
        Assert.Equal("1", form["filter_type"].ToString());
        Assert.Equal("1", form["filter_language"].ToString());
        Assert.Equal("0", form["offset"].ToString());
        Assert.Equal("100", form["limit"].ToString());

        Assert.Equal(["g:g-1", "g:77", "g:g-9"], batch.Stories.Select(s => s.AgencyId));
        Assert.Equal(["aa:text:2", "aa:text:4", "aa:text:9"], batch.Stories.Select(s => s.Version));
        var first = batch.Stories[0];
        Assert.Equal("Faiz kararı", first.Title);
        Assert.Equal("Özet.", first.Spot);
        Assert.Equal("<p>Metin.</p>", first.BodyHtml);
        Assert.Equal("AA", first.Credit);
        Assert.Equal("http://ajans.test/has/abone/document/aa%3Apicture%3A20261129%3A9/web", Assert.Single(first.Media).Url);
        Assert.Equal("aa:picture:20261129:9", first.Media[0].Key);
        Assert.Equal(
        [
            "AA belgesi alınamadı (aa:text:6): HTTP 404 “Dosya Bulunamadı”",
            "AA belgesi alınamadı (aa:text:7): HTTP 200 “Hata oluştu”",
            "AA belgesi okunamadı (aa:text:8): AA belgesinde newsItem yok (aa:text:8).",
        ], batch.Problems);
    }

    [Fact]
    public async Task AA_searches_ten_minutes_before_the_last_success_and_credits_as_configured()
    {
        var agency = new MemoryAgency();
        agency.Answer("/has/abone/search/", AaSearch(AaEntry("aa:text:1", "\"g-1\"", "2026-11-29T08:00:00Z")), "application/json");
        agency.Answer("/has/abone/document/aa:text:1/newsml29", AaDocument("aa:text:1", "Haber"));
        var batch = await agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has", credit: "Anadolu Ajansı"), lastSuccess: Utc(2026, 11, 29, 11, 0));
        Assert.Equal("Anadolu Ajansı", Assert.Single(batch.Stories).Credit);
        Assert.Equal("2026-11-29T10:50:00Z", QueryHelpers.ParseQuery(agency.Requests[0].Form)["start_date"].ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(500), new AaAdapter().CallGap);
        Assert.Null(AaAdapter.Authorization(new WireSourceOptions { Password = "x" }));
    }

    [Fact]
    public async Task AA_says_too_fast_keeps_what_was_fetched_or_backs_off_when_nothing_was()
    {
        var agency = new MemoryAgency();
        agency.Answer("/has/abone/search/", AaSearch(
            AaEntry("aa:text:1", "\"g-1\"", "2026-11-29T08:00:00Z"),
            AaEntry("aa:text:2", "\"g-2\"", "2026-11-29T08:00:00Z"),
            AaEntry("aa:text:3", "\"g-3\"", "2026-11-29T08:00:00Z")), "application/json");
        agency.Answer("/has/abone/document/aa:text:1/newsml29", AaDocument("aa:text:1", "Birinci"));
        agency.Answer("/has/abone/document/aa:text:2/newsml29", "", "text/plain", HttpStatusCode.TooManyRequests);
        var batch = await agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has"));
        Assert.Equal("g:g-1", Assert.Single(batch.Stories).AgencyId);
        Assert.Equal(["AA çok sık istek yapıldığını bildirdi; kalan haberler bir sonraki çekişte gelecek."], batch.Problems);
        Assert.DoesNotContain(agency.Requests, r => r.Path.Contains("aa:text:3", StringComparison.Ordinal));

        agency.Answer("/has/abone/document/aa:text:1/newsml29", "", "text/plain", HttpStatusCode.TooManyRequests);
        await Assert.ThrowsAsync<WireRateLimitedException>(() => agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has")));
    }

    [Fact]
    public async Task AA_search_failures_are_feed_errors_in_AA_s_words()
    {
        var agency = new MemoryAgency();
        agency.Answer("/has/abone/search/", """{"response":{"success":false,"message":"Yetkisiz kullanıcı: Gizli Parola+1"},"data":null}""", "application/json");
        Assert.Equal("AA araması başarısız: Yetkisiz kullanıcı: •••",
            (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has")))).Message);

        agency.Answer("/has/abone/search/", """{"response":{"success":false},"data":{"result":[]}}""", "application/json");
        Assert.Equal("AA araması başarısız: ",
            (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has")))).Message);

        agency.Answer("/has/abone/search/", """{"response":{"success":true},"data":{"result":[]}}""", "application/json");
        Assert.Empty((await agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has"))).Stories);

        // Nested deeper than any real answer: refused before it is walked.
        agency.Answer("/has/abone/search/", "{\"data\":" + new string('[', 40) + new string(']', 40) + "}", "application/json");
        Assert.StartsWith("Ajans XML yerine bir metin döndürdü: “{",
            (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has")))).Message, StringComparison.Ordinal);

        agency.Answer("/has/abone/search/", "<p>Sunucu   hatası</p>", "text/html", HttpStatusCode.InternalServerError);
        Assert.Equal("AA araması HTTP 500 döndürdü: “Sunucu hatası”",
            (await Assert.ThrowsAsync<WireFeedException>(() => agency.FetchAsync(new AaAdapter(), Source("aa", url: "http://ajans.test/has")))).Message);
    }

    // ---- the stand-in agency

    static WireSourceOptions Source(string type, string url = "http://ajans.test/akis", string? credit = null) => new()
    {
        Name = "kaynak",
        Type = type,
        Url = url,
        UserName = "abone",
        Password = "Gizli Parola+1",
        UserCode = "KOD-1",
        Credit = credit,
    };

    /// <summary>An agency answering from memory by path, recording every request it gets.</summary>
    sealed class MemoryAgency : HttpMessageHandler
    {
        readonly Dictionary<string, (string Body, string MediaType, HttpStatusCode Status)> _answers = new(StringComparer.Ordinal);

        public List<(string Method, string Path, Uri Uri, string? Authorization, string Form)> Requests { get; } = [];

        public void Answer(string path, string body, string mediaType = "application/xml", HttpStatusCode status = HttpStatusCode.OK) =>
            _answers[path] = (body, mediaType, status);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
            var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            Requests.Add((request.Method.Method, path, request.RequestUri, request.Headers.Authorization?.ToString(), form));
            if (!_answers.TryGetValue(path, out var answer)) return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(answer.Body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(answer.MediaType) { CharSet = "utf-8" };
            return new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request };
        }

        public async Task<WireBatch> FetchAsync(IWireAdapter adapter, WireSourceOptions source, DateTimeOffset? lastSuccess = null,
            Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string?>>? known = null)
        {
            Requests.Clear();
            using var http = new HttpClient(this, disposeHandler: false);
            var client = new WireClient(http, new Redactor([source.Password!]), 1 << 20, TimeSpan.Zero,
                source.Type == "aa" ? AaAdapter.Authorization(source) : null, new Uri(source.Url).Host);
            var fetch = new WireFetch(source, client, 1 << 20, Now, lastSuccess,
                (ids, _) => Task.FromResult(known?.Invoke(ids) ?? new Dictionary<string, string?>()));
            return await adapter.FetchAsync(fetch, CancellationToken.None);
        }
    }
}
