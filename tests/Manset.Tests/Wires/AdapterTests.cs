using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>Each agency's format as its subscribers get it: AA's HAS API, DHA's RSS, any RSS or Atom, NewsML-G2.</summary>
public class AdapterTests
{
    [Fact]
    public async Task AA_search_and_documents_with_basic_auth_spacing_versions_and_a_missing_document()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "aa", "aa", agency.Url("/has"), "draft", "gundem",
            ("UserName", "aa_abone"), ("Password", "AA-Gizli-2026"), ("CategoryMap:AAcat:EKO", "ekonomi")));
        var agency = site.Agency;
        agency.Text("/has/abone/search/", Feeds.AaSearch(
            ("aa:text:20261129:4000001", "Enflasyon", "2026-11-29T08:10:00Z", "g-501"),
            ("aa:text:20261129:4000002", "Kayıp", "2026-11-29T08:20:00Z", null)), contentType: "application/json");
        agency.Xml("/has/abone/document/aa:text:20261129:4000001/newsml29", Feeds.AaDocument("aa:text:20261129:4000001",
            "Kasım ayı enflasyon beklentisi açıklandı", "Piyasa katılımcıları anketine göre yıllık enflasyon beklentisi geriledi.",
            "<p>Merkez Bankası'nın anketine katılanlar, yıl sonu beklentisini düşürdü.</p><h2>Kur beklentisi</h2><p>Yıl sonu dolar kuru beklentisi sabit kaldı.</p>",
            "Ankara", "AAcat:EKO", "Ekonomi", "aa:picture:20261129:9000001"));
        agency.Text("/has/abone/document/aa:text:20261129:4000002/newsml29", "Dosya Bulunamadı", 404);
        agency.Route("/has/abone/document/aa:picture:20261129:9000001/web", async context =>
        {
            context.Response.ContentType = "image/jpeg";
            await context.Response.Body.WriteAsync(TestImages.Jpeg(1200, 800));
        });

        var first = await site.PullAsync();
        Assert.Equal("new=1 updated=0 unchanged=0 failed=1", WireTestSite.Summary(first.Output));
        var item = await site.ItemAsync("g:g-501");
        Assert.Equal("aa:text:20261129:4000001", item.AgencyVersion);
        Assert.Equal("Kasım ayı enflasyon beklentisi açıklandı", item.Title);
        Assert.Equal("Piyasa katılımcıları anketine göre yıllık enflasyon beklentisi geriledi.", item.Spot);
        Assert.Equal("<p>Merkez Bankası'nın anketine katılanlar, yıl sonu beklentisini düşürdü.</p><h2>Kur beklentisi</h2><p>Yıl sonu dolar kuru beklentisi sabit kaldı.</p>", item.Body);
        Assert.Equal("ekonomi", item.Category);
        Assert.Equal("Ankara", item.City);
        Assert.Equal("AA", item.Credit);
        Assert.Equal(WireMediaState.Stored, Assert.Single(item.Media).State);

        // Basic auth on every call to the API, 500 ms between calls.
        var calls = agency.Requests.OrderBy(r => r.At).ToList();
        Assert.All(calls, r => Assert.Equal("Basic " + Convert.ToBase64String("aa_abone:AA-Gizli-2026"u8.ToArray()), r.Authorization));
        for (var i = 1; i < calls.Count; i++) Assert.True(calls[i].At - calls[i - 1].At >= TimeSpan.FromMilliseconds(480), $"call {i} after {(calls[i].At - calls[i - 1].At).TotalMilliseconds:0} ms");

        // A repeat fetches no document again; a new version in the same group updates our copy.
        var documents = agency.Requests.Count(r => r.Path.Contains("/newsml29", StringComparison.Ordinal));
        agency.Text("/has/abone/search/", Feeds.AaSearch(("aa:text:20261129:4000001", "Enflasyon", "2026-11-29T08:10:00Z", "g-501")), contentType: "application/json");
        Assert.Equal("new=0 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal(documents, agency.Requests.Count(r => r.Path.Contains("/newsml29", StringComparison.Ordinal)));

        agency.Text("/has/abone/search/", Feeds.AaSearch(("aa:text:20261129:4000009", "Enflasyon", "2026-11-29T09:00:00Z", "g-501")), contentType: "application/json");
        agency.Xml("/has/abone/document/aa:text:20261129:4000009/newsml29", Feeds.AaDocument("aa:text:20261129:4000009",
            "Kasım ayı enflasyon beklentisi açıklandı (güncellendi)", "Anket sonuçlarına göre beklenti geriledi.", "<p>Güncel metin.</p>", "Ankara", "AAcat:EKO", "Ekonomi", null));
        Assert.Equal("new=0 updated=1 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        Assert.Equal("aa:text:20261129:4000009", (await site.ItemAsync("g:g-501")).AgencyVersion);

        // Too fast: 429, backed off.
        agency.Route("/has/abone/search/", context => { context.Response.StatusCode = 429; return Task.CompletedTask; });
        var limited = await site.PullAsync();
        Assert.Contains("HTTP 429", limited.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AA-Gizli-2026", limited.Output + site.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DHA_items_are_trimmed_and_the_same_event_from_IHA_is_grouped()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"));
            WireTestSite.Source(s, 1, "dha", "dha", agency.Url("/dha/rss"), extra: [("UserName", "dha_kullanici"), ("Password", "DHA-Gizli-2026")]);
        });
        site.Agency.PhotoNeedingReferer("/dha/foto/deprem.jpg", TestImages.Jpeg(1000, 700));
        site.Agency.PhotoNeedingReferer("/dha/foto/hasat.jpg", TestImages.Jpeg(900, 600));
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Deprem("x") with { Photo = null }));
        site.Agency.Xml("/dha/rss", Feeds.Dha(Feeds.DepremDha(site.Agency.Url("/dha/foto/deprem.jpg")), Feeds.Hasat(site.Agency.Url("/dha/foto/hasat.jpg"))));
        var pull = await site.PullAsync();
        Assert.Equal("new=4 updated=0 unchanged=0 failed=0", WireTestSite.Summary(pull.Output));
        Assert.All(site.Agency.To("/dha/rss"), r => Assert.Contains("x=dha_kullanici&y=DHA-Gizli-2026", r.Query, StringComparison.Ordinal));

        var dha = await site.ItemAsync("4f1c2a9be07d4c3f8a61d2e5b7c90a14");
        Assert.Equal("Kütahya Simav'da 4.1 büyüklüğünde deprem", dha.Title);
        Assert.Equal("Kütahya'nın Simav ilçesinde saat 14.32'de 4.1 büyüklüğünde deprem oldu.", dha.Spot);
        Assert.StartsWith("<p>AFAD'ın verilerine göre", dha.Body, StringComparison.Ordinal);
        Assert.Equal("Kütahya", dha.City);
        Assert.Equal("gundem", dha.Category);
        Assert.Equal("DHA", dha.Credit);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 11, 41, 0, TimeSpan.Zero), dha.PublishedAt);
        var hasat = await site.ItemAsync("9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d");
        Assert.Equal("ekonomi", hasat.Category);
        Assert.Equal("Eskişehir", hasat.City);

        // The same quake from İHA and DHA is one group; the harvest and the tram are alone.
        var iha = await site.ItemAsync("20261129AW000102");
        Assert.Equal(iha.GroupId ?? iha.Id, dha.GroupId ?? dha.Id);
        Assert.NotEqual(iha.GroupId ?? iha.Id, hasat.GroupId ?? hasat.Id);
        var tramvay = await site.ItemAsync("20261129AW000101");
        Assert.NotEqual(tramvay.GroupId ?? tramvay.Id, hasat.GroupId ?? hasat.Id);

        using var editor = await site.App.NewsroomClientAsync("editor");
        var desk = await TestApp.ParseAsync(await editor.GetAsync("/yonetim/ajans"));
        var rows = desk.QuerySelectorAll(".wire-item").ToList();
        Assert.Equal(3, rows.Count);
        var quake = rows.Single(r => r.QuerySelector(".wire-similar") is not null);
        Assert.Contains("Aynı olay: 1 haber daha", quake.QuerySelector(".wire-similar summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RSS_Atom_and_NewsML_G2_from_IPTC()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Wires", "Iptc");
        await using var site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "belediye", "rss", agency.Url("/atom"));
            WireTestSite.Source(s, 1, "iptc-1", "newsml", agency.Url("/iptc/listing1.xml"), defaultCategory: "dunya", extra: [("Credit", "IPTC")]);
            WireTestSite.Source(s, 2, "iptc-2", "newsml", agency.Url("/iptc/simplest.xml"));
            WireTestSite.Source(s, 3, "bolge", "rss", agency.Url("/rss"));
        });
        site.Agency.Xml("/atom", Feeds.Atom);
        site.Agency.Xml("/iptc/listing1.xml", await File.ReadAllTextAsync(Path.Combine(folder, "newsmlg2-listing1-newsitem.iptc.xml")));
        site.Agency.Xml("/iptc/simplest.xml", await File.ReadAllTextAsync(Path.Combine(folder, "newsmlg2-simplest-newsitem.iptc.xml")));
        site.Agency.Xml("/rss", Feeds.Rss(5));
        var pull = await site.PullAsync();
        Assert.Equal("new=7 updated=0 unchanged=0 failed=1", WireTestSite.Summary(pull.Output));

        var atom = await site.ItemAsync("urn:uuid:odunpazari-2026-1129-1");
        Assert.Equal("Odunpazarı'nda tarihi konaklar ışıklandırıldı", atom.Title);
        Assert.Equal("Odunpazarı Belediyesi Haberleri", atom.Credit);
        Assert.Equal("kultur-sanat", atom.Category);
        Assert.Contains("<h2>Turizme katkı</h2>", atom.Body, StringComparison.Ordinal);
        Assert.Equal("2026-11-29T09:45:00+03:00", atom.AgencyVersion);

        var fed = await site.ItemAsync("urn:newsml:acmenews.com:20161018:US-FINANCE-FED");
        Assert.Equal("Fed to halt QE to avert \"bubble\"", fed.Title);
        Assert.Equal("Berlin", fed.City);
        Assert.Equal("dunya", fed.Category);
        Assert.Equal("IPTC", fed.Credit);
        Assert.Equal("11", fed.AgencyVersion);
        Assert.Equal(new DateTimeOffset(2016, 10, 18, 16, 12, 0, TimeSpan.Zero), fed.PublishedAt);
        Assert.Contains("iptc-2: 0 haber, 0 yeni, 0 güncellenen, 0 aynı, 1 hatalı", pull.Output, StringComparison.Ordinal);
        Assert.Equal(5, await site.QueryAsync(d => d.WireItems.CountAsync(i => i.Source == "bolge" && i.Category == "yerel")));
    }
}
