using System.Net;
using Manset.Tests.Support;

namespace Manset.Tests.Newsroom;

/// <summary>Every newsroom screen opens for a role that may use it, in Turkish, on SQLite and PostgreSQL.</summary>
public abstract class NewsroomPagesTests(AppFixture fixture)
{
    public static TheoryData<string, string> Screens => new()
    {
        { "/yonetim", "Masa" },
        { "/yonetim/haberler", "Haberler" },
        { "/yonetim/haberler/yeni", "Yeni haber" },
        { "/yonetim/mansetler", "Manşetler" },
        { "/yonetim/medya", "Medya kütüphanesi" },
        { "/yonetim/videolar", "Videolar" },
        { "/yonetim/kategoriler", "Kategoriler" },
        { "/yonetim/etiketler", "Etiketler" },
        { "/yonetim/yazarlar", "Yazarlar" },
        { "/yonetim/kullanicilar", "Kullanıcılar" },
        { "/yonetim/tokenlar", "API token'ları" },
        { "/yonetim/ayarlar", "Ayarlar" },
        { "/yonetim/denetim", "Denetim kaydı" },
        { "/yonetim/ajans", "Ajans masası" },
        { "/yonetim/ajans/kurallar", "Ajans yayın kuralları" },
        { "/yonetim/hesap", "Hesabım" },
        { "/yonetim/hesap/iki-adim", "İki adımlı doğrulama" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Each_screen_opens_for_the_administrator(string url, string heading)
    {
        var app = await fixture.AppAsync();
        using var admin = await app.NewsroomClientAsync("yonetici");
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await TestApp.ParseAsync(response);
        Assert.StartsWith(heading, doc.QuerySelector("h1")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("noindex, nofollow", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Article_edit_preview_and_revisions_open()
    {
        var app = await fixture.AppAsync();
        using var editor = await app.NewsroomClientAsync("editor");
        var list = await TestApp.ParseAsync(await editor.GetAsync("/yonetim/haberler"));
        var edit = list.QuerySelector("table a[href^='/yonetim/haberler/']")!.GetAttribute("href")!;
        foreach (var url in new[] { edit, edit + "/onizleme", edit + "/surumler" })
            Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(url)).StatusCode);
        var preview = await TestApp.ParseAsync(await editor.GetAsync(edit + "/onizleme"));
        Assert.NotNull(preview.QuerySelector(".preview-banner"));
        Assert.Single(preview.QuerySelectorAll("h1"));
    }
}

public sealed class NewsroomPagesTestsOnSqlite(SqliteDemoApp app) : NewsroomPagesTests(app), IClassFixture<SqliteDemoApp>;
public sealed class NewsroomPagesTestsOnPostgres(PostgresDemoApp app) : NewsroomPagesTests(app), IClassFixture<PostgresDemoApp>;
