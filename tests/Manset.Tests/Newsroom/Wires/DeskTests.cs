using System.Net;
using AngleSharp.Html.Dom;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Tests.Wires;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Newsroom.Wires;

/// <summary>
/// Ajans masası as the newsroom uses it: the stream with its filters, the same event from two agencies as one row,
/// a muhabir who may open a draft but not publish, an editor who publishes in one click, and the story on the site
/// with its photo served from our own media address.
/// </summary>
public sealed class DeskTests : IAsyncLifetime
{
    WireTestSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await WireTestSite.StartAsync((agency, s) =>
        {
            WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), extra: [("UserCode", "KOD-1"), ("UserName", "abone"), ("Password", "Iha-Gizli-99"), ("CategoryMap:Futbol", "spor")]);
            WireTestSite.Source(s, 1, "dha", "dha", agency.Url("/dha/rss"), extra: [("UserName", "dha_kullanici"), ("Password", "DHA-Gizli-2026"), ("CategoryMap:DHA-Ekonomi", "ekonomi")]);
        });
        var agency = _site.Agency;
        agency.PhotoNeedingReferer("/foto/tramvay.jpg", TestImages.Jpeg(1600, 1000));
        agency.PhotoNeedingReferer("/dha/foto/deprem.jpg", TestImages.Jpeg(1000, 700));
        agency.PhotoNeedingReferer("/dha/foto/hasat.jpg", TestImages.Jpeg(900, 600));
        agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay(agency.Url("/foto/tramvay.jpg")), Feeds.Deprem(agency.Url("/foto/deprem.jpg")), Feeds.Mac()));
        agency.Xml("/dha/rss", Feeds.Dha(Feeds.DepremDha(agency.Url("/dha/foto/deprem.jpg")), Feeds.Hasat(agency.Url("/dha/foto/hasat.jpg"))));
        Assert.Equal("new=5 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await _site.PullAsync()).Output));
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    async Task<IHtmlDocument> DeskAsync(NewsroomClient client, string query = "")
    {
        var response = await client.GetAsync("/yonetim/ajans" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestApp.ParseAsync(response);
    }

    static List<string> Titles(IHtmlDocument desk) => desk.QuerySelectorAll(".wire-list > li .wire-title").Select(t => t.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_stream_groups_the_same_event_and_filters_by_agency_city_category_and_breaking()
    {
        using var editor = await _site.App.NewsroomClientAsync("editor");
        var desk = await DeskAsync(editor);
        // Five items, four rows: İHA's and DHA's quake are one event, the newest in front, the other beneath it.
        Assert.Equal(4, Titles(desk).Count);
        var quake = desk.QuerySelectorAll(".wire-list > li").Single(li => li.QuerySelector(".wire-similar") is not null);
        Assert.Equal("Kütahya Simav'da 4.1 büyüklüğünde deprem", quake.QuerySelector(".wire-title")!.TextContent.Trim());
        Assert.Contains("Aynı olay: 1 haber daha (İHA)", quake.QuerySelector(".wire-similar summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("SON DAKİKA", quake.QuerySelector(".wire-meta")!.TextContent, StringComparison.Ordinal);
        // Each source's health is on the desk; nobody's password is.
        Assert.Equal(2, desk.QuerySelectorAll(".wire-sources tbody tr").Length);
        Assert.Equal(2, desk.QuerySelectorAll(".wire-sources .status.published").Length);
        Assert.DoesNotContain("Iha-Gizli-99", desk.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("DHA-Gizli-2026", desk.Source.Text, StringComparison.Ordinal);

        Assert.Equal(["Eskişehirspor deplasmandan 3 puanla döndü", "Kütahya'da 4,1 büyüklüğünde deprem", "Eskişehir'de tramvay hattına iki yeni durak"],
            Titles(await DeskAsync(editor, "?kaynak=iha")));
        Assert.Equal(["Kütahya Simav'da 4.1 büyüklüğünde deprem"], Titles(await DeskAsync(editor, "?sehir=k%C3%BCtahya")));
        // A regional paper follows its provinces.
        Assert.Equal(4, Titles(await DeskAsync(editor, "?sehir=Eski%C5%9Fehir%2C+K%C3%BCtahya")).Count);
        Assert.Equal(["Eskişehirspor deplasmandan 3 puanla döndü"], Titles(await DeskAsync(editor, "?kategori=spor")));
        Assert.Equal(["Alpu Ovası'nda şeker pancarı hasadı sürüyor"], Titles(await DeskAsync(editor, "?kategori=ekonomi")));
        var breaking = await DeskAsync(editor, "?sondakika=true");
        Assert.Equal(["Kütahya'da 4,1 büyüklüğünde deprem"], Titles(breaking));
        Assert.Equal(["Eskişehir'de tramvay hattına iki yeni durak"], Titles(await DeskAsync(editor, "?q=tramvay")));
        Assert.Empty(Titles(await DeskAsync(editor, "?durum=yayinda")));
    }

    [Fact]
    public async Task The_desk_pages_with_their_content_are_valid_accessible_html()
    {
        var validator = Site.HtmlValidityTests.Validator();
        using var editor = await _site.App.NewsroomClientAsync("editor");
        var quake = await _site.ItemAsync("20261129AW000102");
        var tram = await _site.ItemAsync("20261129AW000101");
        await Site.HtmlValidityTests.ValidateAsync(validator, _site.App, "ajans", editor.Http,
            ["/yonetim/ajans", "/yonetim/ajans?sehir=Eski%C5%9Fehir&sondakika=true", $"/yonetim/ajans/{quake.Id}", $"/yonetim/ajans/{tram.Id}", "/yonetim/ajans/kurallar"]);
    }

    [Fact]
    public async Task A_muhabir_opens_a_draft_but_may_not_publish_and_does_not_see_the_buttons_for_it()
    {
        using var muhabir = await _site.App.NewsroomClientAsync("muhabir");
        var desk = await DeskAsync(muhabir);
        Assert.Empty(desk.QuerySelectorAll("button[value=yayinla]"));
        Assert.NotEmpty(desk.QuerySelectorAll("button[value=taslak]"));
        Assert.DoesNotContain("Şimdi çek", desk.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Yayın kuralları", desk.Source.Text, StringComparison.Ordinal);

        var item = await _site.ItemAsync("20261129AW000101");
        var refused = await muhabir.PostFormAsync($"/yonetim/ajans/{item.Id}", new() { ["islem"] = "yayinla" });
        Assert.StartsWith("/giris/yetki-yok", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(0, await _site.QueryAsync(d => d.Articles.CountAsync()));
        var pull = await muhabir.PostFormAsync("/yonetim/ajans?handler=Pull&source=iha", new(), "/yonetim/ajans");
        Assert.StartsWith("/giris/yetki-yok", pull.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        var draft = await muhabir.PostFormAsync($"/yonetim/ajans/{item.Id}", new() { ["islem"] = "taslak" });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var article = await _site.QueryAsync(d => d.Articles.AsNoTracking().Include(a => a.Category).SingleAsync());
        Assert.Equal($"/yonetim/haberler/{article.Id}", draft.Headers.Location!.OriginalString);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal("İHA", article.Source);
        Assert.Equal("gundem", article.Category.Slug);
        Assert.NotNull(article.ImageId);
        item = await _site.ItemAsync("20261129AW000101");
        Assert.Equal(WireItemState.Draft, item.State);
        Assert.Equal(article.Id, item.ArticleId);

        // A second click does not make a second article: it leads to the first.
        var again = await muhabir.PostFormAsync($"/yonetim/ajans/{item.Id}", new() { ["islem"] = "taslak" });
        Assert.Equal($"/yonetim/haberler/{article.Id}", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await _site.QueryAsync(d => d.Articles.CountAsync()));
    }

    [Fact]
    public async Task An_editor_publishes_in_one_click_and_the_story_is_on_the_site_with_its_photo_from_our_media()
    {
        using var editor = await _site.App.NewsroomClientAsync("editor");
        var desk = await DeskAsync(editor);
        var row = desk.QuerySelectorAll(".wire-list > li").Single(li => li.TextContent.Contains("tramvay", StringComparison.Ordinal));
        var form = row.QuerySelector("form.wire-actions")!;
        var published = await editor.PostFormAsync(form.GetAttribute("action")!, new() { ["islem"] = "yayinla" }, "/yonetim/ajans");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var item = await _site.ItemAsync("20261129AW000101");
        Assert.Equal(WireItemState.Published, item.State);
        var article = await _site.QueryAsync(d => d.Articles.AsNoTracking().Include(a => a.Category).SingleAsync(a => a.Id == item.ArticleId));
        Assert.Equal(ArticleStatus.Published, article.Status);

        var page = await _site.App.Reader().GetAsync($"/{article.Category.Slug}/{article.Slug}-{article.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await TestApp.ParseAsync(page);
        Assert.Equal("Eskişehir'de tramvay hattına iki yeni durak", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("İHA", doc.QuerySelector(".credit, .source-credit, .agency")?.TextContent ?? doc.Body!.TextContent, StringComparison.Ordinal);
        var photo = doc.QuerySelector("article figure img, .article-figure img, figure img")!;
        Assert.StartsWith("/media/", photo.GetAttribute("src"), StringComparison.Ordinal);
        Assert.DoesNotContain(_site.Agency.BaseUrl, doc.Source.Text, StringComparison.Ordinal);
        Assert.Contains("Tramvay hattında çalışma yapan ekipler", doc.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        var image = await _site.App.Reader().GetAsync(photo.GetAttribute("src")!);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        // The desk says it is on the site now.
        var after = await DeskAsync(editor, "?durum=yayinda");
        Assert.Equal(["Eskişehir'de tramvay hattına iki yeni durak"], Titles(after));
        var itemPage = await (await editor.GetAsync($"/yonetim/ajans/{item.Id}")).Content.ReadAsStringAsync();
        Assert.Contains($"/{article.Category.Slug}/{article.Slug}-{article.Id}", itemPage, StringComparison.Ordinal);
    }
}

static class UriPaths
{
    /// <summary>The path and query of a redirect, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
