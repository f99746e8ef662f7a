using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Newsroom;

/// <summary>
/// The article's way through the newsroom, through the real forms: a muhabir writes and submits, an editor edits and
/// publishes; stale saves are refused with a comparison; every save is a revision that can be restored; the lead-story
/// rows drive the home page; renamed tags redirect; unpublish-at takes a story down on time; the audit log keeps up.
/// </summary>
public abstract partial class ArticleWorkflowTests(AppFixture fixture)
{
    static Dictionary<string, string> Form(string title, string category, string islem, int version = 0, string spot = "Spot metni.", string body = "<p>Haber metni.</p>") => new()
    {
        ["Input.Title"] = title,
        ["Input.Spot"] = spot,
        ["Input.Body"] = body,
        ["Input.Category"] = category,
        ["Input.Tags"] = "",
        ["Input.Source"] = "İHA",
        ["Input.Slot"] = "none",
        ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
        ["islem"] = islem,
    };

    [GeneratedRegex(@"^/yonetim/haberler/(\d+)$")]
    private static partial Regex EditUrl();

    static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Errors(response)}");
        return int.Parse(EditUrl().Match(response.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>What the form said was wrong, for a failing assertion's message.</summary>
    static string Errors(HttpResponseMessage response)
    {
        var html = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return string.Join(" | ", doc.QuerySelectorAll(".errors li, .field-validation-error").Select(e => e.TextContent.Trim())) is { Length: > 0 } errors ? errors : html[..Math.Min(html.Length, 300)];
    }

    static async Task<int> VersionOnPageAsync(NewsroomClient client, int id)
    {
        var page = await TestApp.ParseAsync(await client.GetAsync($"/yonetim/haberler/{id}"));
        return int.Parse(page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_muhabir_submits_for_review_cannot_publish_and_an_editor_edits_and_publishes()
    {
        var app = await fixture.AppAsync();
        var admin = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(admin, "Gündem");
        using var muhabir = await app.NewsroomClientAsync("muhabir", "Ayşe Muhabir");
        using var editor = await app.NewsroomClientAsync("editor", "Mehmet Editör");

        var blank = await TestApp.ParseAsync(await muhabir.GetAsync("/yonetim/haberler/yeni"));
        Assert.Null(blank.QuerySelector("button[value=yayinla]"));
        Assert.Null(blank.QuerySelector("button[value=zamanla]"));
        Assert.NotNull(blank.QuerySelector("button[value=incelemeye]"));

        var id = IdFrom(await muhabir.PostFormAsync("/yonetim/haberler/yeni", Form("Belediyeden yeni park müjdesi", category, "incelemeye")));
        var read = await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}"));
        Assert.Equal("review", (string?)read["status"]);
        var url = (string)read["url"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(url)).StatusCode);

        var forced = await muhabir.PostFormAsync($"/yonetim/haberler/{id}", Form("Belediyeden yeni park müjdesi", category, "yayinla", await VersionOnPageAsync(muhabir, id)));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Equal("review", (string?)(await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}")))["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(url)).StatusCode);

        var muhabirApi = await app.ApiClientAsync("muhabir");
        var apiPublish = await muhabirApi.PostAsync("/api/v1/articles", Json.Body(new { title = "API'den yayın denemesi", category, status = "published" }));
        Assert.Equal(HttpStatusCode.Forbidden, apiPublish.StatusCode);

        var review = await TestApp.ParseAsync(await editor.GetAsync($"/yonetim/haberler/{id}"));
        Assert.NotNull(review.QuerySelector("button[value=yayinla]"));
        var published = await editor.PostFormAsync($"/yonetim/haberler/{id}",
            Form("Belediyeden 40 dönümlük yeni park müjdesi", category, "yayinla", await VersionOnPageAsync(editor, id), body: "<p>Haber metni.</p><h2>Ne zaman açılacak?</h2><p>Baharda.</p>"));
        Assert.Equal(id, IdFrom(published));
        var after = await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}"));
        Assert.Equal("published", (string?)after["status"]);
        var page = await app.Reader().GetAsync((string)after["url"]!);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Belediyeden 40 dönümlük yeni park müjdesi", await (await app.Reader().GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var revisions = await TestApp.ParseAsync(await editor.GetAsync($"/yonetim/haberler/{id}/surumler"));
        var rows = revisions.QuerySelectorAll("table.list-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Ayşe Muhabir", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Mehmet Editör", StringComparison.Ordinal));

        using var yonetici = await app.NewsroomClientAsync("yonetici");
        var audit = await (await yonetici.GetAsync("/yonetim/denetim")).Content.ReadAsStringAsync();
        Assert.Contains($"#{id} Belediyeden 40 dönümlük yeni park müjdesi", audit, StringComparison.Ordinal);
        Assert.Contains("Mehmet Editör", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_save_is_refused_with_a_comparison_nothing_is_overwritten_and_a_revision_restores_in_one_click()
    {
        var app = await fixture.AppAsync();
        var admin = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(admin);
        using var first = await app.NewsroomClientAsync("editor", "Birinci Editör");
        using var second = await app.NewsroomClientAsync("editor", "İkinci Editör");
        var id = IdFrom(await first.PostFormAsync("/yonetim/haberler/yeni", Form("Meclis gündemi yoğun", category, "kaydet")));

        var opened = await VersionOnPageAsync(second, id);
        var firstSave = await first.PostFormAsync($"/yonetim/haberler/{id}", Form("Meclis gündemi çok yoğun", category, "kaydet", await VersionOnPageAsync(first, id)));
        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);

        var stale = await second.PostFormAsync($"/yonetim/haberler/{id}", Form("Meclis bu hafta yoğun", category, "kaydet", opened, spot: "İkincinin spotu."));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await TestApp.ParseAsync(stale);
        var comparison = page.QuerySelector("section.stale")!;
        Assert.Contains("Birinci Editör", comparison.TextContent, StringComparison.Ordinal);
        Assert.Contains("Meclis gündemi çok yoğun", comparison.TextContent, StringComparison.Ordinal);
        Assert.Contains("Meclis bu hafta yoğun", comparison.TextContent, StringComparison.Ordinal);
        Assert.Equal("Meclis bu hafta yoğun", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("Meclis gündemi çok yoğun", (string?)(await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}")))["title"]);

        // Saving again from the comparison goes on top of the current version.
        var retry = int.Parse(page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!, CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync($"/yonetim/haberler/{id}", Form("Meclis bu hafta yoğun", category, "kaydet", retry))).StatusCode);
        Assert.Equal("Meclis bu hafta yoğun", (string?)(await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}")))["title"]);

        var revisions = await TestApp.ParseAsync(await first.GetAsync($"/yonetim/haberler/{id}/surumler"));
        Assert.Equal(3, revisions.QuerySelectorAll("table.list-table tbody tr").Length);
        var original = revisions.QuerySelectorAll("form[id^=restore-]").Last().GetAttribute("action")!;
        var restored = await first.PostFormAsync(original.Replace("&amp;", "&", StringComparison.Ordinal), [], $"/yonetim/haberler/{id}/surumler");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal("Meclis gündemi yoğun", (string?)(await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}")))["title"]);
        var list = (await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles/{id}/revisions"))).AsArray();
        Assert.Equal(new[] { 4, 3, 2, 1 }, list.Select(r => (int)r!["version"]!));
    }

    [Fact]
    public async Task The_lead_story_rows_drive_the_home_page_at_once()
    {
        var app = await fixture.AppAsync();
        var admin = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(admin);
        var ids = new List<int>();
        foreach (var title in new[] { "Manşet adayı bir", "Manşet adayı iki", "Manşet adayı üç" })
            ids.Add((int)(await Json.ArticleAsync(admin, new { title, category, status = "published" }))["id"]!);
        using var editor = await app.NewsroomClientAsync("editor");
        Assert.Contains("Manşet adayı bir", await (await app.Reader().GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        async Task<List<string>> Slides() => (await TestApp.ParseAsync(await app.Reader().GetAsync("/")))
            .QuerySelectorAll(".manset .slide .headline").Select(h => h.TextContent).ToList();
        async Task Order(int[] manset, int[] surmanset)
        {
            var fields = manset.Select(i => new KeyValuePair<string, string>("manset", i.ToString(CultureInfo.InvariantCulture)))
                .Concat(surmanset.Select(i => new KeyValuePair<string, string>("surmanset", i.ToString(CultureInfo.InvariantCulture))));
            var response = await editor.PostFieldsAsync("/yonetim/mansetler?handler=Order", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await Order([ids[2], ids[0]], [ids[1]]);
        Assert.Equal(new[] { "Manşet adayı üç", "Manşet adayı bir" }, (await Slides()).Where(t => t.StartsWith("Manşet adayı", StringComparison.Ordinal)));
        var surmanset = (await TestApp.ParseAsync(await app.Reader().GetAsync("/"))).QuerySelector(".surmanset")!.TextContent;
        Assert.Contains("Manşet adayı iki", surmanset, StringComparison.Ordinal);

        await Order([ids[0], ids[2]], []);
        Assert.Equal(new[] { "Manşet adayı bir", "Manşet adayı üç" }, (await Slides()).Where(t => t.StartsWith("Manşet adayı", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_renamed_tag_redirects_its_old_address()
    {
        var app = await fixture.AppAsync();
        var admin = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(admin);
        var unique = Guid.NewGuid().ToString("N")[..6];
        await Json.ArticleAsync(admin, new { title = "Etiketli haber", category, status = "published", tags = new[] { $"Seçim {unique}" } });
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync($"/etiket/secim-{unique}")).StatusCode);

        int tagId;
        using (var scope = app.Services.CreateScope())
            tagId = await scope.ServiceProvider.GetRequiredService<MansetDb>().Tags.Where(t => t.Slug == $"secim-{unique}").Select(t => t.Id).SingleAsync();
        using var editor = await app.NewsroomClientAsync("editor");
        var renamed = await editor.PostFormAsync($"/yonetim/etiketler?handler=Rename&id={tagId}", new() { ["name"] = $"Yerel Seçim {unique}" }, "/yonetim/etiketler");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var old = await app.Reader().GetAsync($"/etiket/secim-{unique}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/etiket/yerel-secim-{unique}", old.Headers.Location!.OriginalString);
        var current = await app.Reader().GetAsync($"/etiket/yerel-secim-{unique}");
        Assert.Contains("Etiketli haber", await current.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class ArticleWorkflowTestsOnSqlite(SqliteApp app) : ArticleWorkflowTests(app), IClassFixture<SqliteApp>;
public sealed class ArticleWorkflowTestsOnPostgres(PostgresApp app) : ArticleWorkflowTests(app), IClassFixture<PostgresApp>;

/// <summary>Unpublish-at through the editor form, on a clock the test moves.</summary>
public class UnpublishAtTests
{
    [Fact]
    public async Task An_article_with_an_unpublish_time_leaves_the_site_on_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(3)));
        await using var app = await TestApp.StartAsync(Db.Sqlite, clock: clock);
        var admin = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(admin);
        using var editor = await app.NewsroomClientAsync("editor");
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Kampanya bu akşam sona eriyor",
            ["Input.Spot"] = "Spot.",
            ["Input.Body"] = "<p>Metin.</p>",
            ["Input.Category"] = category,
            ["Input.Slot"] = "none",
            ["Input.UnpublishAt"] = "2026-11-29T10:30",
            ["islem"] = "yayinla",
        };
        var saved = await editor.PostFormAsync("/yonetim/haberler/yeni", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles?category={category}"));
        var url = (string)list["items"]![0]!["url"]!;
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(url)).StatusCode);

        var scheduler = app.Services.GetRequiredService<PublishingScheduler>();
        clock.Advance(TimeSpan.FromMinutes(89));
        await scheduler.TickAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(url)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.TickAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.Gone, (await app.Reader().GetAsync(url)).StatusCode); // unpublished: 410, not a broken link
        Assert.Equal("unpublished", (string?)(await Json.ReadAsync(await admin.GetAsync($"/api/v1/articles?category={category}")))["items"]![0]!["status"]);
        var home = await (await app.Reader().GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Kampanya bu akşam", home, StringComparison.Ordinal); // nor in ÇOK OKUNANLAR
    }
}
