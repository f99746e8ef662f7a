using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Newsroom;

/// <summary>The newsroom's door: login, return addresses, antiforgery, lockout, rate limit, reset, two-step verification.</summary>
public class DoorTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_newsroom_without_login_redirects_to_giris()
    {
        var app = await fixture.AppAsync();
        var response = await app.Reader().GetAsync("/yonetim/haberler");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/giris?ReturnUrl=%2Fyonetim%2Fhaberler", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://kotu-site.example/yonetim", "/yonetim")]
    [InlineData("//kotu-site.example/x", "/yonetim")]
    [InlineData("/\\kotu-site.example", "/yonetim")]
    [InlineData("/yonetim/haberler", "/yonetim/haberler")]
    public async Task A_login_never_leaves_the_site(string returnUrl, string expected)
    {
        var app = await fixture.AppAsync();
        var email = $"donus-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--role", "editor");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, "Test-Parola-2026!");
        var response = await client.PostFormAsync("/giris?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new() { ["Email"] = email, ["Password"] = "Test-Parola-2026!", ["ReturnUrl"] = returnUrl }, "/giris");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var app = await fixture.AppAsync();
        using var editor = await app.NewsroomClientAsync("editor");
        var forged = await editor.Http.PostAsync("/yonetim/kategoriler?handler=Create", new FormUrlEncodedContent([new("Name", "Sahte")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var login = await app.Reader().PostAsync("/giris", new FormUrlEncodedContent([new("Email", "x@y.z"), new("Password", "p")]));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_meanwhile()
    {
        var app = await fixture.AppAsync();
        var email = $"kilit-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Dogru-Parola-2026", "--role", "muhabir");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, "");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = "Yanlis-Parola-" + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await client.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = "Dogru-Parola-2026" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("kilitlendi", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/yonetim")).StatusCode);
    }

    [Fact]
    public async Task The_login_is_rate_limited()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s => s["Manset:Newsroom:LoginsPerAddressPerMinute"] = "3");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "", "");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.PostFormAsync("/giris", new() { ["Email"] = "yok@manset.test", ["Password"] = "x" })).StatusCode);
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }, statuses);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_link_in_the_pickup_folder()
    {
        var app = await fixture.AppAsync();
        var email = $"unutkan-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Eski-Parola-2026", "--role", "muhabir");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, "");
        var asked = await client.PostFormAsync("/giris/sifremi-unuttum", new() { ["Email"] = email });
        Assert.Contains("bağlantısı gönderildi", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml")
            .Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match((mail.TextBody ?? ""), @"http://\S+/giris/sifre-sifirla\?\S+").Value;
        var path = new Uri(link).PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        var reset = await client.PostFormAsync(path, new() { ["e"] = query["e"]!, ["t"] = query["t"]!, ["Password"] = "Yeni-Parola-2026", ["Confirm"] = "Yeni-Parola-2026" }, path);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var login = await client.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = "Yeni-Parola-2026" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/yonetim", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Two_step_verification_asks_for_the_authenticator_code()
    {
        var app = await fixture.AppAsync();
        using var user = await app.NewsroomClientAsync("editor");
        var setup = await TestApp.ParseAsync(await user.GetAsync("/yonetim/hesap/iki-adim"));
        Assert.NotNull(setup.QuerySelector(".qr svg"));
        var key = setup.QuerySelector("code.key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var enabled = await user.PostFormAsync("/yonetim/hesap/iki-adim?handler=Enable", new() { ["Code"] = Totp.Code(key) }, "/yonetim/hesap/iki-adim");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var fresh = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), user.Email, user.Password);
        var password = await fresh.PostFormAsync("/giris", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/giris/iki-adim", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/yonetim")).StatusCode);
        var wrong = await fresh.PostFormAsync("/giris/iki-adim", new() { ["Code"] = "000000" }, "/giris/iki-adim");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var code = await fresh.PostFormAsync("/giris/iki-adim", new() { ["Code"] = Totp.Code(key) }, "/giris/iki-adim");
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/yonetim")).StatusCode);
    }

    [Fact]
    public async Task Looking_at_the_two_step_page_ends_no_session_and_turning_it_on_ends_only_the_other_ones()
    {
        // A clock of our own, starting now: the stamp is checked every five minutes, the codes are of this minute.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(Db.Sqlite, clock: clock);
        using var user = await app.NewsroomClientAsync("editor");
        using var other = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync("/giris", new() { ["Email"] = user.Email, ["Password"] = user.Password })).StatusCode);
        var stamp = await StampAsync(app, user.Email);

        // The first look makes the key (a crawler following the newsroom's links does the same): the stamp stays, and
        // both sessions outlive the next check. The second look shows the same key.
        var key = KeyOf(await TestApp.ParseAsync(await user.GetAsync("/yonetim/hesap/iki-adim")));
        Assert.Equal(stamp, await StampAsync(app, user.Email));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/yonetim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/yonetim")).StatusCode);
        Assert.Equal(key, KeyOf(await TestApp.ParseAsync(await other.GetAsync("/yonetim/hesap/iki-adim"))));

        // Turning it on renews the stamp: the session that did it goes on, the other one ends at the next check.
        var enabled = await user.PostFormAsync("/yonetim/hesap/iki-adim?handler=Enable", new() { ["Code"] = Totp.Code(key) }, "/yonetim/hesap/iki-adim");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.NotEqual(stamp, await StampAsync(app, user.Email));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/yonetim")).StatusCode);
        var ended = await other.GetAsync("/yonetim");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("/giris", new Uri(new Uri("http://localhost"), ended.Headers.Location!).AbsolutePath);
    }

    static string KeyOf(AngleSharp.Dom.IDocument setup) => setup.QuerySelector("code.key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);

    static async Task<string> StampAsync(TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!.SecurityStamp!;
    }

    [Fact]
    public async Task An_administrator_can_require_two_step_verification_for_a_role()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        using var admin = await app.NewsroomClientAsync("yonetici");
        var saved = await admin.PostFormAsync("/yonetim/ayarlar", new() { ["twoFactorRoles"] = "muhabir" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var reporter = await app.NewsroomClientAsync("muhabir");
        var blocked = await reporter.GetAsync("/yonetim/haberler");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal("/yonetim/hesap/iki-adim?zorunlu=1", blocked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/yonetim/hesap/iki-adim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/yonetim/haberler")).StatusCode);
    }

    [Fact]
    public async Task Cookies_are_HttpOnly_and_SameSite()
    {
        var app = await fixture.AppAsync();
        var email = $"cerez-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--role", "muhabir");
        using var client = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), email, "");
        var page = await client.GetAsync("/giris");
        var form = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Manset.Form=", StringComparison.Ordinal));
        Assert.Contains("httponly", form, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", form, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>RFC 6238 codes for the tests, as an authenticator app makes them (SHA-1, 30 s, 6 digits).</summary>
public static class Totp
{
    public static string Code(string base32Key)
    {
        var key = Base32(base32Key.ToUpperInvariant());
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var bytes = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, bytes);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8) { output.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return output.ToArray();
    }
}
