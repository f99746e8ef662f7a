using System.Net;
using Manset.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Manset.Tests.Newsroom;

/// <summary>
/// What wapiti (security/scan.sh) made the newsroom answer with 500, each now answered as a form error or 404
/// (docs/security.md, "Scanning the running site").
/// </summary>
public class ScanFindingTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("|env")]
    [InlineData("true/../../../../etc/passwd")]
    [InlineData("evet")]
    public async Task A_login_whose_checkbox_is_not_true_or_false_shows_the_form_again(string rememberMe)
    {
        var app = await fixture.AppAsync();
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "", "");
        var response = await client.PostFormAsync("/giris", new() { ["Email"] = "yok@manset.test", ["Password"] = "x", ["RememberMe"] = rememberMe });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestApp.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("form input[name=Email]"));
        Assert.Null(page.QuerySelector("input[name=RememberMe][checked]"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/yonetim")).StatusCode);
    }

    [Fact]
    public async Task The_two_step_page_without_a_first_step_says_so_and_answers_the_same_whatever_the_query()
    {
        // sqlmap (2026-12-01) followed this page's bounce to /giris, met a fresh antiforgery token on every answer and
        // took the differences for a boolean-based injection in RememberMe. Now the page itself answers, with no form.
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var plain = await reader.GetAsync("/giris/iki-adim?RememberMe=false&ReturnUrl=%2Fyonetim");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var body = await plain.Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        Assert.Contains("süresi doldu", page.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/giris", page.QuerySelector("main a.button")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("main form"));
        foreach (var query in new[] { "RememberMe=false')) AND 5864=5864 AND (('wGNx'='wGNx", "RememberMe=false')) AND 5864=5865 AND (('wGNx'='wGNx", "RememberMe=true&ReturnUrl=%2F%2Fkotu.example" })
        {
            var other = await reader.GetAsync("/giris/iki-adim?" + Uri.EscapeDataString(query).Replace("%3D", "=", StringComparison.Ordinal).Replace("%26", "&", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(body, await other.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_login_with_a_true_checkbox_still_signs_in()
    {
        var app = await fixture.AppAsync();
        var email = $"hatirla-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--role", "muhabir");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, "");
        var response = await client.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = "Test-Parola-2026!", ["RememberMe"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("/yonetim/ajans/kurallar?handler=%3Benv%3B", "/yonetim/ajans/kurallar")]
    [InlineData("/yonetim/ajans/kurallar?handler=https%3A%2F%2Fwapiti3.ovh%2Fe.php", "/yonetim/ajans/kurallar")]
    [InlineData("/yonetim/hesap/iki-adim?handler=%3Benv%3B", "/yonetim/hesap/iki-adim")]
    [InlineData("/yonetim/kategoriler?handler=Yok", "/yonetim/kategoriler")]
    public async Task A_post_to_a_handler_the_page_does_not_have_is_404(string url, string page)
    {
        var app = await fixture.AppAsync();
        using var admin = await app.NewsroomClientAsync("yonetici");
        var response = await admin.PostFormAsync(url, new() { ["city"] = "default", ["order"] = "50" }, page);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_pages_still_run_their_own_handlers()
    {
        var app = await fixture.AppAsync();
        using var admin = await app.NewsroomClientAsync("yonetici");
        var added = await admin.PostFormAsync("/yonetim/ajans/kurallar?handler=Add", new() { ["city"] = "Eskişehir", ["order"] = "10", ["action"] = "taslak" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/yonetim/hesap/iki-adim")).StatusCode);
    }

    [Fact]
    public async Task Turning_on_two_step_verification_without_a_code_asks_for_the_code()
    {
        var app = await fixture.AppAsync();
        using var editor = await app.NewsroomClientAsync("editor");
        var response = await editor.PostFormAsync("/yonetim/hesap/iki-adim?handler=Enable", [], "/yonetim/hesap/iki-adim");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kod doğrulanamadı", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("yok@manset.test", "")]
    [InlineData("", "belirteç")]
    public async Task A_password_reset_without_its_address_or_token_is_an_invalid_link(string email, string token)
    {
        var app = await fixture.AppAsync();
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "", "");
        var response = await client.PostFormAsync("/giris/sifre-sifirla",
            new() { ["e"] = email, ["t"] = token, ["Password"] = "Yeni-Parola-2026!", ["Confirm"] = "Yeni-Parola-2026!" },
            "/giris/sifre-sifirla?e=yok%40manset.test&t=x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bağlantı geçersiz", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
