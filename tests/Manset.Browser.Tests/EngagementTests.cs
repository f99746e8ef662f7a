using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>Reactions with and without JavaScript, and the live SON DAKİKA band, in Debian's Chromium.</summary>
public sealed class EngagementTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static readonly BrowserNewContextOptions Desktop = new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "tr-TR",
        ReducedMotion = ReducedMotion.Reduce,
    };

    async Task<string> ArticleAsync(string title) => await app.PublishAsync(new
    {
        title,
        spot = "Tepkiler için bir haber.",
        body = "<p>Haber metni.</p>",
        category = "gundem",
        status = "published",
    });

    static ILocator Button(IPage page, string reaction) => page.Locator($".reactions button[value={reaction}]");

    static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        // The reader cookie comes with the view beacon; wait for it as a reader's browser would have.
        var beacon = page.WaitForResponseAsync(r => r.Url.Contains("/okunma", StringComparison.Ordinal));
        await page.GotoAsync(url);
        await beacon;
        return page;
    }

    [Fact]
    public async Task Readers_react_move_and_take_back_with_and_without_javascript()
    {
        app.Require();
        var url = app.BaseUrl + await ArticleAsync("Tepki verilen haber: Porsuk kıyısında yeni park açıldı");

        await using var first = await app.Browser!.NewContextAsync(Desktop);
        var a = await OpenAsync(first, url);
        await Button(a, "begendim").ClickAsync();
        await Assertions.Expect(Button(a, "begendim").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(a, "begendim")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(a.Locator(".reactions .note")).ToHaveTextAsync("Tepkiniz kaydedildi.");

        await a.ReloadAsync();
        await Assertions.Expect(Button(a, "begendim").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(a, "begendim")).ToHaveAttributeAsync("aria-pressed", "true");

        await using var second = await app.Browser!.NewContextAsync(Desktop);
        var b = await OpenAsync(second, url);
        await Button(b, "sevdim").ClickAsync();
        await Assertions.Expect(Button(b, "sevdim").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(b, "begendim").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(b, "begendim")).ToHaveAttributeAsync("aria-pressed", "false");

        await Button(a, "uzgun").ClickAsync();
        await Assertions.Expect(Button(a, "begendim").Locator(".count")).ToHaveTextAsync("0");
        await Assertions.Expect(Button(a, "uzgun").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(a, "uzgun")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(Button(a, "begendim")).ToHaveAttributeAsync("aria-pressed", "false");

        // A reader without JavaScript: the form posts, the server redirects back with the new counts.
        await using var plain = await app.Browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "tr-TR" });
        var c = await OpenAsync(plain, url);
        await Button(c, "begendim").ClickAsync();
        Assert.Contains("?tepki=begendim", c.Url, StringComparison.Ordinal);
        await Assertions.Expect(Button(c, "begendim").Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(Button(c, "begendim")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(c.Locator(".reactions .note")).ToHaveTextAsync("Tepkiniz kaydedildi.");

        // Clicking the same reaction again takes it back.
        await Task.Delay(1200);
        await Button(c, "begendim").ClickAsync();
        Assert.Contains("?tepki=geri", c.Url, StringComparison.Ordinal);
        await Assertions.Expect(Button(c, "begendim").Locator(".count")).ToHaveTextAsync("0");
        await Assertions.Expect(Button(c, "begendim")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(c.Locator(".reactions .note")).ToHaveTextAsync("Tepkiniz geri alındı.");

        // And with JavaScript.
        await Task.Delay(1200);
        await Button(a, "uzgun").ClickAsync();
        await Assertions.Expect(Button(a, "uzgun").Locator(".count")).ToHaveTextAsync("0");
        await Assertions.Expect(Button(a, "uzgun")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(a.Locator(".reactions .note")).ToHaveTextAsync("Tepkiniz geri alındı.");
    }

    [Fact]
    public async Task Breaking_news_appears_on_an_open_home_page_within_two_seconds()
    {
        app.Require();
        await using var context = await app.Browser!.NewContextAsync(Desktop);
        var page = await context.NewPageAsync();
        var connected = page.WaitForResponseAsync(r => r.Url.EndsWith("/son-dakika/akis", StringComparison.Ordinal));
        await page.GotoAsync(app.BaseUrl + "/");
        await connected;
        const string headline = "Son dakika: Sazova'da doğal gaz kaçağı, çevredeki binalar boşaltıldı";
        await Assertions.Expect(page.Locator(".band li a", new() { HasText = headline })).ToHaveCountAsync(0);

        await app.PublishAsync(new { title = headline, category = "yerel", status = "published", breaking = true, body = "<p>Ekipler bölgede.</p>" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assertions.Expect(page.Locator(".band li a", new() { HasText = headline })).ToBeVisibleAsync(new() { Timeout = 2000 });
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
        Assert.Equal(app.BaseUrl + "/", page.Url);
        await Assertions.Expect(page.Locator(".band")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("live"));
    }
}
