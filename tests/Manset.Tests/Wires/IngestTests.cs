using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// Ingest is idempotent and careful with editors' work: a repeat changes nothing, an agency update reaches only
/// untouched copies, a photo İHA had not finished arrives on a later pull, rules decide what is published at once.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class IngestTests(Db db)
{
    const string IhaSecret = "Gizli-Parola-2026!";

    async Task<WireTestSite> IhaSiteAsync(string mode = "draft")
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        return await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), mode, "gundem",
            ("UserCode", "KOD-7781"), ("UserName", "manset_abone"), ("Password", IhaSecret), ("CategoryMap:Futbol", "spor")), db);
    }

    [Fact]
    public async Task Pulling_a_feed_twice_creates_each_item_once_with_its_photo_in_our_library()
    {
        await using var site = await IhaSiteAsync();
        site.Agency.PhotoNeedingReferer("/foto/tramvay.jpg", TestImages.Jpeg(1600, 1000));
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay(site.Agency.Url("/foto/tramvay.jpg")), Feeds.Deprem(site.Agency.Url("/foto/deprem.jpg")), Feeds.Mac()));

        var first = await site.PullAsync();
        Assert.Equal(0, first.Code);
        Assert.Equal("new=3 updated=0 unchanged=0 failed=0", WireTestSite.Summary(first.Output));
        var second = await site.PullAsync();
        Assert.Equal("new=0 updated=0 unchanged=3 failed=0", WireTestSite.Summary(second.Output));
        Assert.Equal(3, await site.QueryAsync(d => d.WireItems.CountAsync()));

        var tramvay = await site.ItemAsync("20261129AW000101");
        Assert.Equal("Eskişehir'de tramvay hattına iki yeni durak", tramvay.Title);
        Assert.Equal("Eskişehir Büyükşehir Belediyesi, Şehir Hastanesi tramvay hattına iki yeni durak ekliyor.", tramvay.Spot);
        Assert.Contains("<h2>Çalışmalar bahara tamamlanacak</h2>", tramvay.Body, StringComparison.Ordinal);
        Assert.StartsWith("<p>Belediyeden yapılan açıklamaya göre", tramvay.Body, StringComparison.Ordinal);
        Assert.Equal("Eskişehir", tramvay.City);
        Assert.Equal("gundem", tramvay.Category);
        Assert.Equal("Ulaşım / Gündem", tramvay.AgencyCategory);
        Assert.Equal("İHA", tramvay.Credit);
        Assert.False(tramvay.IsBreaking);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 6, 15, 0, TimeSpan.Zero), tramvay.PublishedAt);
        Assert.Equal(WireItemState.New, tramvay.State);

        // The photo is ours now: downloaded once (with a Referer, as İHA's servers want), stored with its caption.
        var photo = Assert.Single(tramvay.Media);
        Assert.Equal(WireMediaState.Stored, photo.State);
        Assert.Equal("Tramvay hattında çalışma yapan ekipler (İHA)", photo.Caption);
        Assert.Single(site.Agency.To("/foto/tramvay.jpg"), r => r.Referer is not null);
        var stored = await site.QueryAsync(d => d.Media.SingleAsync(m => m.Id == photo.MediaId));
        var image = await site.App.Reader().GetAsync($"/media/{stored.StorageKey}-640.jpg");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);

        var deprem = await site.ItemAsync("20261129AW000102");
        Assert.True(deprem.IsBreaking);
        Assert.Equal("Kütahya", deprem.City);
        Assert.Equal(WireMediaState.Waiting, Assert.Single(deprem.Media).State);
        Assert.Empty(site.Agency.To("/foto/deprem.jpg"));
        Assert.Equal("spor", (await site.ItemAsync("20261129AW000103")).Category);

        // İHA got its credentials as query parameters.
        Assert.All(site.Agency.To("/iha/rss"), r => Assert.Contains("UserCode=KOD-7781&UserName=manset_abone&UserPassword=Gizli-Parola-2026%21", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agency_update_changes_an_untouched_draft_and_leaves_an_edited_one_alone()
    {
        await using var site = await IhaSiteAsync();
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("https://yok.example/x.jpg") with { Photo = null }, Feeds.Mac()));
        Assert.Equal("new=2 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));

        using var editor = await site.App.NewsroomClientAsync("editor");
        var tramvay = await site.ItemAsync("20261129AW000101");
        var mac = await site.ItemAsync("20261129AW000103");
        foreach (var item in new[] { tramvay, mac })
        {
            var opened = await editor.PostFormAsync($"/yonetim/ajans/{item.Id}", new() { ["islem"] = "taslak" });
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }
        tramvay = await site.ItemAsync("20261129AW000101");
        mac = await site.ItemAsync("20261129AW000103");
        Assert.Equal(WireItemState.Draft, tramvay.State);

        // The editor rewrites the match story's headline.
        var edit = await TestApp.ParseAsync(await editor.GetAsync($"/yonetim/haberler/{mac.ArticleId}"));
        var fields = edit.QuerySelectorAll("form.editor-form input[name^='Input.'], form.editor-form textarea[name^='Input.'], form.editor-form select[name^='Input.']")
            .Where(e => e.GetAttribute("type") is not ("file" or "checkbox"))
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName == "select" ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? "" : e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? "");
        fields["Input.Title"] = "Eskişehirspor'dan deplasmanda kritik galibiyet";
        fields["islem"] = "kaydet";
        fields.Remove("Input.Authors");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/yonetim/haberler/{mac.ArticleId}", fields)).StatusCode);

        site.Agency.Xml("/iha/rss", Feeds.Iha(
            Feeds.Tramvay("x") with { Photo = null, Description = "Eskişehir'de tramvay hattına eklenecek iki durağın yeri belli oldu.<br/>Duraklar Yenidoğan ve Gökmeydan'da olacak.", Updated = "29.11.2026 17:30:00" },
            Feeds.Mac() with { Description = "Eskişehirspor, deplasmanda rakibini 2-1 mağlup etti.<br/>Goller Emre Kaya ve Burak Demir'den geldi.", Updated = "29.11.2026 17:31:00" }));
        Assert.Equal("new=0 updated=2 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));

        var untouched = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == tramvay.ArticleId));
        Assert.Equal("Eskişehir'de tramvay hattına eklenecek iki durağın yeri belli oldu.", untouched.Spot);
        Assert.Contains("Duraklar Yenidoğan ve Gökmeydan'da olacak.", untouched.Body, StringComparison.Ordinal);
        Assert.False((await site.ItemAsync("20261129AW000101")).AgencyUpdated);

        var edited = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == mac.ArticleId));
        Assert.Equal("Eskişehirspor'dan deplasmanda kritik galibiyet", edited.Title);
        Assert.Equal("Eskişehirspor, ligin 13. haftasında deplasmanda rakibini 2-1 yendi.", edited.Spot);
        var flagged = await site.ItemAsync("20261129AW000103");
        Assert.True(flagged.AgencyUpdated);
        Assert.Equal(1, flagged.Revision);

        // The desk shows the editor both texts and lets them choose.
        var page = await TestApp.ParseAsync(await editor.GetAsync($"/yonetim/ajans/{flagged.Id}"));
        Assert.Contains("Ajans güncelledi", page.QuerySelector(".wire-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("mağlup etti", page.QuerySelector(".diff")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/yonetim/ajans/{flagged.Id}", new() { ["islem"] = "ajans" })).StatusCode);
        var taken = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == mac.ArticleId));
        Assert.Equal("Eskişehirspor, deplasmanda rakibini 2-1 mağlup etti.", taken.Spot);
        Assert.False((await site.ItemAsync("20261129AW000103")).AgencyUpdated);
    }

    [Fact]
    public async Task A_photo_that_was_not_ready_is_attached_on_a_later_pull()
    {
        await using var site = await IhaSiteAsync(mode: "publish");
        var photoUrl = site.Agency.Url("/foto/deprem.jpg");
        site.Agency.PhotoNeedingReferer("/foto/deprem.jpg", TestImages.Jpeg(1400, 900));
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Deprem(photoUrl, size: "0")));
        Assert.Equal("new=1 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var item = await site.ItemAsync("20261129AW000102");
        Assert.Equal(WireItemState.Published, item.State);
        Assert.Null(await site.QueryAsync(d => d.Articles.Where(a => a.Id == item.ArticleId).Select(a => a.ImageId).SingleAsync()));
        Assert.Empty(site.Agency.To("/foto/deprem.jpg"));

        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Deprem(photoUrl, size: "91422")));
        Assert.Equal("new=0 updated=0 unchanged=1 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var article = await site.QueryAsync(d => d.Articles.AsNoTracking().Include(a => a.Image).Include(a => a.Category).SingleAsync(a => a.Id == item.ArticleId));
        Assert.NotNull(article.Image);
        Assert.Equal("Depremin ardından sokağa çıkan vatandaşlar (İHA)", article.ImageCaption);
        Assert.Equal("İHA", article.ImageCredit);

        var page = await TestApp.ParseAsync(await site.App.Reader().GetAsync(Manset.Web.Site.Links.Article(article.Category.Slug, article.Slug, article.Id)));
        var src = page.QuerySelector("main figure img")!.GetAttribute("src")!;
        Assert.StartsWith("/media/", src, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Agency.BaseUrl, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.App.Reader().GetAsync(src)).StatusCode);
    }

    [Fact]
    public async Task A_story_that_cannot_be_published_as_asked_waits_on_the_desk_and_counts_as_failed()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), "publish", "olmayan-kategori",
            ("UserCode", "KOD-7781"), ("UserName", "manset_abone"), ("Password", IhaSecret)), db);
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Mac() with { Category = "Magazin", Parent = "Magazin" }, Feeds.Tramvay("https://yok.example/x.jpg") with { Photo = null }));

        var pull = await site.PullAsync();
        Assert.Equal("new=2 updated=0 unchanged=0 failed=1", WireTestSite.Summary(pull.Output));
        var waiting = await site.ItemAsync("20261129AW000103");
        Assert.Equal(WireItemState.New, waiting.State);
        Assert.Null(waiting.ArticleId);
        // Gündem is a category of the site: that story found its place and was published.
        Assert.Equal(WireItemState.Published, (await site.ItemAsync("20261129AW000101")).State);
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Contains("kategorisi belirlenemedi", state.LastError, StringComparison.Ordinal);
        Assert.Contains("Magazin", state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_publish_a_province_at_once_and_hold_the_rest_on_the_desk()
    {
        await using var site = await IhaSiteAsync(mode: "draft");
        using var editor = await site.App.NewsroomClientAsync("editor");
        var added = await editor.PostFormAsync("/yonetim/ajans/kurallar?handler=Add", new() { ["source"] = "iha", ["category"] = "", ["city"] = "Eskişehir", ["action"] = "yayinla", ["order"] = "10" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Deprem("x") with { Photo = null }, Feeds.Mac()));
        Assert.Equal("new=3 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));

        Assert.Equal(WireItemState.Published, (await site.ItemAsync("20261129AW000101")).State);
        Assert.Equal(WireItemState.Published, (await site.ItemAsync("20261129AW000103")).State);
        Assert.Equal(WireItemState.New, (await site.ItemAsync("20261129AW000102")).State);
        var home = await (await site.App.Reader().GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("Eskişehir&#x27;de tramvay hattına iki yeni durak".Replace("&#x27;", "'", StringComparison.Ordinal), WebUtility.HtmlDecode(home), StringComparison.Ordinal);
        Assert.DoesNotContain("Kütahya'da 4,1", WebUtility.HtmlDecode(home), StringComparison.Ordinal);

        // Published by the rule: the audit log names the agency.
        using var admin = await site.App.NewsroomClientAsync("yonetici");
        Assert.Contains("Ajans (İHA)", await (await admin.GetAsync("/yonetim/denetim")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class IngestTestsOnSqlite() : IngestTests(Db.Sqlite);
public sealed class IngestTestsOnPostgres() : IngestTests(Db.Postgres);
