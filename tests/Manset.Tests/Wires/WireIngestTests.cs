using System.Globalization;
using System.Text;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Wires;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// What ingest makes of each story (<see cref="WireIngest"/>): its category, time, media order and limits, what
/// counts as an agency update, and which desk rule decides.
/// </summary>
public class WireIngestTests
{
    static WireSourceOptions Source(string name = "iha", string mode = "draft") => new() { Name = name, Type = "iha", Url = "https://ajans.test/", Mode = mode };

    static WireItem Item(string? category, string? city) => new() { Source = "iha", AgencyId = "1", Title = "Başlık", ContentHash = "x", Category = category, City = city };

    [Fact]
    public void The_first_matching_rule_decides_and_without_one_the_source_s_mode()
    {
        var item = Item("spor", "Eskişehir");
        Assert.False(WireIngest.Publishes(Source(), item, []));
        Assert.True(WireIngest.Publishes(Source(mode: "publish"), item, []));

        // Each condition that does not hold skips the rule.
        Assert.False(WireIngest.Publishes(Source(), item, [new WireRule { Source = "aa", Publish = true }]));
        Assert.False(WireIngest.Publishes(Source(), item, [new WireRule { Category = "gundem", Publish = true }]));
        Assert.False(WireIngest.Publishes(Source(), item, [new WireRule { City = "Kütahya", Publish = true }]));
        Assert.False(WireIngest.Publishes(Source(), Item("spor", null), [new WireRule { City = "Eskişehir", Publish = true }]));
        // Each that holds lets it decide; a city matches however it is written.
        Assert.True(WireIngest.Publishes(Source(), item, [new WireRule { Source = "iha", Publish = true }]));
        Assert.True(WireIngest.Publishes(Source(), item, [new WireRule { Category = "spor", Publish = true }]));
        Assert.True(WireIngest.Publishes(Source(), item, [new WireRule { City = " ESKİŞEHİR ", Publish = true }]));
        Assert.True(WireIngest.Publishes(Source(), item, [new WireRule { Source = "iha", Category = "spor", City = "eskisehir", Publish = true }]));
        Assert.False(WireIngest.Publishes(Source(), item, [new WireRule { Source = "iha", Category = "spor", City = "Bilecik", Publish = true }]));
        // The first that matches wins, even when it holds a story back.
        Assert.False(WireIngest.Publishes(Source(mode: "publish"), item, [new WireRule { Category = "spor", Publish = false }, new WireRule { Publish = true }]));
        Assert.True(WireIngest.Publishes(Source(), item, [new WireRule { Category = "dunya", Publish = false }, new WireRule { Publish = true }]));
    }

    static string RssItem(string guid, string title, string? pubDate = null, string[]? categories = null, string[]? enclosures = null, string body = "<p>Metin.</p>")
    {
        var xml = new StringBuilder($"<item><guid isPermaLink=\"false\">{guid}</guid><title>{Feeds.Escape(title)}</title><description>Kısa özet.</description>");
        xml.Append("<content:encoded><![CDATA[").Append(body).Append("]]></content:encoded>");
        foreach (var c in categories ?? []) xml.Append("<category>").Append(Feeds.Escape(c)).Append("</category>");
        foreach (var e in enclosures ?? []) xml.Append("<enclosure url=\"").Append(Feeds.Escape(e)).Append("\" type=\"image/jpeg\" length=\"1000\"/>");
        if (pubDate is not null) xml.Append("<pubDate>").Append(pubDate).Append("</pubDate>");
        return xml.Append("</item>").ToString();
    }

    [Fact]
    public async Task Each_story_gets_its_category_time_media_order_and_the_limits()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/rss"), "draft", "gundem",
            ("CategoryMap:Futbol", "spor"), ("CategoryMap:Magazin", "magazin")));
        var now = site.Clock!.GetUtcNow().AddSeconds(31); // the pull moves the clock past the agency's spacing
        var tooLong = "https://foto.test/" + new string('a', 2000) + ".jpg";
        var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bölge Haber</title>"
            + RssItem("r1", "Kaynağın kategorisi olmayan haber", enclosures: ["https://foto.test/1.jpg", tooLong, "https://foto.test/2.jpg"])
            + RssItem("r2", "Ajansın saati ileride olan haber", pubDate: now.AddDays(1).ToString("r", CultureInfo.InvariantCulture))
            + RssItem("r3", "Borsa güne yükselişle başladı", pubDate: now.AddHours(-2).ToString("r", CultureInfo.InvariantCulture), categories: ["Borsa", "Ekonomi"])
            + RssItem("r4", "Ünlü sanatçı yeni albümünü tanıttı", categories: ["Magazin", "Kültür Sanat"])
            + RssItem("r5", "Yerel takım deplasmanda kazandı", categories: ["Futbol", "Gündem"])
            + RssItem("r6", "Metni sınırı aşan haber", body: "<p>" + new string('x', 200_001) + "</p>")
            + "</channel></rss>";
        site.Agency.Xml("/rss", feed);

        var pull = await site.PullAsync();
        Assert.Equal("new=5 updated=0 unchanged=0 failed=1", WireTestSite.Summary(pull.Output));

        var r1 = await site.ItemAsync("r1");
        Assert.Null(r1.AgencyCategory);
        Assert.Equal("gundem", r1.Category);
        Assert.Equal(now, r1.PublishedAt);                                   // no date from the agency: when we got it
        Assert.Equal("Bölge Haber", r1.Credit);
        // The address too long to keep is skipped; the others keep the agency's order.
        Assert.Equal([("https://foto.test/1.jpg", 0), ("https://foto.test/2.jpg", 1)], r1.Media.OrderBy(m => m.Order).Select(m => (m.Url, m.Order)));

        Assert.Equal(now, (await site.ItemAsync("r2")).PublishedAt);         // the agency's clock ahead of ours: now
        var r3 = await site.ItemAsync("r3");
        Assert.Equal(now.AddHours(-2), r3.PublishedAt);
        Assert.Equal(("Borsa / Ekonomi", "ekonomi"), (r3.AgencyCategory, r3.Category)); // a category named like an agency word
        // Mapped to a category the site does not have: the next agency word that names one.
        Assert.Equal("kultur-sanat", (await site.ItemAsync("r4")).Category);
        Assert.Equal("spor", (await site.ItemAsync("r5")).Category);         // the map before names
        Assert.Equal(0, await site.QueryAsync(d => d.WireItems.CountAsync(i => i.AgencyId == "r6")));
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Contains("r6: metin 200", state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_breaking_flag_or_city_alone_is_an_agency_update_and_a_first_caption_stays()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), "draft", "gundem",
            ("UserCode", "KOD-7781"), ("UserName", "manset_abone"), ("Password", "Gizli-Parola-2026!")));
        var photo = site.Agency.Url("/foto/deprem.jpg");
        site.Agency.PhotoNeedingReferer("/foto/deprem.jpg", TestImages.Jpeg(1400, 900));
        var tramvay = Feeds.Tramvay("x") with { Photo = null };
        site.Agency.Xml("/iha/rss", Feeds.Iha(tramvay, Feeds.Deprem(photo, size: "0")));
        Assert.Equal("new=2 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));

        site.Agency.Xml("/iha/rss", Feeds.Iha(tramvay with { Breaking = true }, Feeds.Deprem(photo, size: "0")));
        Assert.Equal("new=0 updated=1 unchanged=1 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.True((await site.ItemAsync("20261129AW000101")).IsBreaking);
        site.Agency.Xml("/iha/rss", Feeds.Iha(tramvay with { Breaking = true, City = "BİLECİK" }, Feeds.Deprem(photo, size: "0")));
        Assert.Equal("new=0 updated=1 unchanged=1 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal("Bilecik", (await site.ItemAsync("20261129AW000101")).City);

        // The photo becomes ready with another caption: the first one the agency gave is kept.
        site.Agency.Xml("/iha/rss", Feeds.Iha(tramvay with { Breaking = true, City = "BİLECİK" }, Feeds.Deprem(photo, size: "91422") with { Caption = "Başka bir açıklama" }));
        await site.PullAsync();
        var media = Assert.Single((await site.ItemAsync("20261129AW000102")).Media);
        Assert.Equal((WireMediaState.Stored, "Depremin ardından sokağa çıkan vatandaşlar (İHA)"), (media.State, media.Caption));
    }
}
