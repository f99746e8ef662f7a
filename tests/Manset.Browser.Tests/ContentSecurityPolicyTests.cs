using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>
/// The site under its own Content-Security-Policy in Chromium: the public pages and the newsroom, the article editor
/// included, with their scripts at work (reactions, the slider, the live band, the video player, the rich-text
/// toolbar, counters, the media picker), and not one violation reported, neither in the console nor as a
/// securitypolicyviolation event.
/// </summary>
public sealed partial class ContentSecurityPolicyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>What the browser said about the policy, per page: console messages and violation events.</summary>
    sealed class Watched(IPage page, List<string> console)
    {
        public IPage Page => page;

        public async Task AssertNoViolationAsync()
        {
            var events = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
            string[] said;
            lock (console) said = [.. console];
            Assert.True(said.Length == 0 && events.Length == 0,
                $"{page.Url}: the browser reported {string.Join(" | ", said.Concat(events))}");
        }
    }

    /// <summary>A page whose console and violation events are recorded from its first document on.</summary>
    static async Task<Watched> WatchAsync(IBrowserContext context)
    {
        // Init scripts come from the browser driver, outside the page's policy.
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.href}:${e.lineNumber}`));
            """);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) ||
                message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
                lock (console) console.Add($"{message.Type}: {message.Text}");
        };
        return new Watched(page, console);
    }

    static readonly BrowserNewContextOptions Desktop = new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "tr-TR",
        TimezoneId = "Europe/Istanbul",
        ReducedMotion = ReducedMotion.Reduce,
    };

    static void AssertPolicy(IResponse? response, string frameAncestors)
    {
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var policy = response.Headers["content-security-policy"];
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains($"frame-ancestors {frameAncestors}", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        // Kestrel names no server.
        Assert.False(response.Headers.ContainsKey("server"), "the response names its server: " + response.Headers.GetValueOrDefault("server"));
    }

    [Fact]
    public async Task The_public_article_page_works_under_the_policy_without_a_violation()
    {
        app.Require();
        var url = await app.PublishAsync(new
        {
            title = "Politika altında okunan haber: Odunpazarı'nda sokak festivali",
            spot = "Festival üç gün sürecek.",
            body = "<p>Sokaklar süslendi.</p><iframe src=\"https://www.youtube.com/embed/csp-test-1\" width=\"560\" height=\"315\" title=\"Festival videosu\"></iframe><p>Program akşam sürüyor.</p>",
            category = "gundem",
            status = "published",
        });
        await using var context = await app.Browser!.NewContextAsync(Desktop);
        var watched = await WatchAsync(context);
        var page = watched.Page;

        // The home page: the manşet slider and the live SON DAKİKA band are scripts of ours.
        var live = page.WaitForResponseAsync(r => r.Url.EndsWith("/son-dakika/akis", StringComparison.Ordinal));
        AssertPolicy(await page.GotoAsync(app.BaseUrl + "/"), "'self'");
        await live;
        await Assertions.Expect(page.Locator(".manset .arrows .next")).ToBeVisibleAsync();
        await page.Locator(".manset .arrows .next").ClickAsync();
        await Assertions.Expect(page.Locator(".manset .dots a").Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await watched.AssertNoViolationAsync();

        // The article: the view beacon, the reactions sent with fetch (the address stays: no form post), and the
        // embedded video, which the policy lets the browser frame.
        var beacon = page.WaitForResponseAsync(r => r.Url.Contains("/okunma", StringComparison.Ordinal));
        AssertPolicy(await page.GotoAsync(app.BaseUrl + url), "'self'");
        await beacon;
        var like = page.Locator(".reactions button[value=begendim]");
        await like.ClickAsync();
        await Assertions.Expect(like.Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".reactions .note")).ToHaveTextAsync("Tepkiniz kaydedildi.");
        Assert.Equal(app.BaseUrl + url, page.Url);
        await page.Locator(".body iframe").ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(300);
        await watched.AssertNoViolationAsync();

        // A video page: the player and its poster come from /media.
        var videos = await page.GotoAsync(app.BaseUrl + "/video");
        AssertPolicy(videos, "'self'");
        var first = VideoLink().Match(await videos!.TextAsync());
        Assert.True(first.Success, "no video on /video");
        AssertPolicy(await page.GotoAsync(app.BaseUrl + first.Groups[1].Value), "'self'");
        await Assertions.Expect(page.Locator("video")).ToHaveCountAsync(1);
        await watched.AssertNoViolationAsync();

        // Search results with the marks around the matches.
        AssertPolicy(await page.GotoAsync(app.BaseUrl + "/arama?q=" + Uri.EscapeDataString("festival")), "'self'");
        await Assertions.Expect(page.Locator("main a", new() { HasText = "Odunpazarı'nda sokak festivali" }).First).ToBeVisibleAsync();
        await watched.AssertNoViolationAsync();
    }

    [Fact]
    public async Task The_newsroom_and_its_article_editor_work_under_the_policy_without_a_violation()
    {
        app.Require();
        var email = await app.UserAsync("yonetici", "Politika Yöneticisi");
        await using var context = await app.Browser!.NewContextAsync(Desktop);
        var watched = await WatchAsync(context);
        var page = watched.Page;

        AssertPolicy(await page.GotoAsync(app.BaseUrl + "/giris"), "'none'");
        await page.GetByLabel("E-posta").FillAsync(email);
        await page.GetByLabel("Parola").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Giriş Yap" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/yonetim$"));
        await watched.AssertNoViolationAsync();

        // The editor: Tiptap with its toolbar, the counters and the search preview, the media picker.
        AssertPolicy(await page.GotoAsync(app.BaseUrl + "/yonetim/haberler/yeni"), "'none'");
        var body = page.Locator(".rte .rte-content");
        await Assertions.Expect(body).ToBeVisibleAsync();
        await page.GetByLabel("Başlık", new() { Exact = true }).FillAsync("Politika altında yazılan haber");
        await Assertions.Expect(page.Locator("[data-seo-title]")).ToHaveTextAsync("Politika altında yazılan haber");
        await Assertions.Expect(page.Locator("#Input_Title + .counter")).ToHaveTextAsync("30 / 200");
        await body.ClickAsync();
        await page.Keyboard.TypeAsync("Giriş paragrafı.");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".rte-toolbar .rte-h2").ClickAsync();
        await page.Keyboard.TypeAsync("Ara başlık");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".rte-toolbar .rte-bold").ClickAsync();
        await page.Keyboard.TypeAsync("Kalın söz");
        await Assertions.Expect(body.Locator("h2")).ToHaveTextAsync("Ara başlık");
        await Assertions.Expect(body.Locator("strong")).ToHaveTextAsync("Kalın söz");
        await Assertions.Expect(page.Locator(".rte-toolbar .rte-bold")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".rte-count")).ToContainTextAsync("kelime");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kütüphaneden seç" }).ClickAsync();
        var picker = page.Locator("dialog.picker");
        await Assertions.Expect(picker).ToBeVisibleAsync();
        var thumb = picker.Locator(".media-grid img").First;
        await Assertions.Expect(thumb).ToBeVisibleAsync();
        Assert.True(await thumb.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }") > 0, "the library's picture loaded");
        await picker.Locator("button.pick").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-image-preview] img")).ToBeVisibleAsync();
        await page.GetByLabel("Kategori", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Gündem" });
        await watched.AssertNoViolationAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Kaydet", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash").First).ToHaveTextAsync("Kaydedildi.");
        var edit = new Uri(page.Url).AbsolutePath;
        Assert.Matches(@"^/yonetim/haberler/\d+$", edit);
        await Assertions.Expect(page.Locator(".rte .rte-content h2")).ToHaveTextAsync("Ara başlık");
        await watched.AssertNoViolationAsync();

        // Every other room of the newsroom, the preview, the versions and the two-step set-up's QR code included.
        foreach (var path in new[]
        {
            edit + "/onizleme", edit + "/surumler", "/yonetim", "/yonetim/haberler", "/yonetim/ajans", "/yonetim/ajans/kurallar",
            "/yonetim/mansetler", "/yonetim/medya", "/yonetim/videolar", "/yonetim/kategoriler", "/yonetim/etiketler",
            "/yonetim/yazarlar", "/yonetim/kullanicilar", "/yonetim/tokenlar", "/yonetim/ayarlar", "/yonetim/denetim",
            "/yonetim/hesap", "/yonetim/hesap/iki-adim",
        })
        {
            AssertPolicy(await page.GotoAsync(app.BaseUrl + path), "'none'");
            await watched.AssertNoViolationAsync();
        }
        await Assertions.Expect(page.Locator(".qr svg")).ToBeVisibleAsync();
    }

    [GeneratedRegex("href=\"(/video/[a-z0-9-]+-[0-9]+)\"")]
    private static partial Regex VideoLink();
}
