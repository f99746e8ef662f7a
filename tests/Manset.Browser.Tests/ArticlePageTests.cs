using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>What a reader sees in a real browser.</summary>
public sealed class ArticlePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_reader_sees_the_article_as_a_Turkish_news_page()
    {
        app.Require();
        var url = await app.PublishAsync(new
        {
            title = "Putin Kuzey Kore'de: Kararlı desteği için Kim'e teşekkür etti",
            spot = "Rusya Devlet Başkanı, Pyongyang'da resmi törenle karşılandı.",
            body = "<p>Ziyaret iki gün sürecek.</p><h2>İkili görüşme</h2><p>Liderler baş başa görüştü.</p><h2>Anlaşmalar</h2><p>Dört belge imzalandı.</p>",
            category = "dunya",
            tags = new[] { "Rusya", "Kuzey Kore" },
            source = "İHA",
            publishedAt = "2024-06-19T11:29:00+03:00",
            breaking = false,
            status = "published",
        });
        var page = await app.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "tr-TR", ReducedMotion = ReducedMotion.Reduce });
        var response = await page.GotoAsync(app.BaseUrl + url);
        Assert.Equal(200, response!.Status);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Putin Kuzey Kore'de: Kararlı desteği için Kim'e teşekkür etti");
        await Assertions.Expect(page.Locator(".dateline time")).ToHaveTextAsync("19 Haziran 2024 Çarşamba - 11:29");
        await Assertions.Expect(page.Locator(".breadcrumb")).ToContainTextAsync("Haber");
        await Assertions.Expect(page.Locator(".breadcrumb")).ToContainTextAsync("Dünya");
        await Assertions.Expect(page.Locator(".band-label")).ToHaveTextAsync("SON DAKİKA");
        await Assertions.Expect(page.Locator(".source")).ToHaveTextAsync("Kaynak: İHA");
        await Assertions.Expect(page.Locator(".body h2")).ToHaveTextAsync(["İkili görüşme", "Anlaşmalar"]);
        await Assertions.Expect(page.Locator(".reactions button")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("a[href='/giris']").First).ToHaveTextAsync("Giriş Yap");

        // The reader sees a styled page: the stylesheet arrived and the band label is red.
        var bandColour = await page.Locator(".band-label a").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(181, 18, 27)", bandColour);
        // The source credit is printed after the body, below it on screen.
        var bodyBox = await page.Locator(".body").BoundingBoxAsync();
        var sourceBox = await page.Locator(".source").BoundingBoxAsync();
        Assert.True(sourceBox!.Y > bodyBox!.Y + bodyBox.Height - 1, "source credit below the body");
        // The headline is the largest text on the page.
        var h1Size = await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(h1Size.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 26);

        // Keyboard: Tab reaches "İçeriğe geç" first and it jumps to the content.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("İçeriğe geç");

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "article.png"), FullPage = false });
    }

    [Fact]
    public async Task The_mansset_slider_works_with_the_keyboard()
    {
        app.Require();
        var page = await app.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });
        await page.GotoAsync(app.BaseUrl + "/");
        var slides = page.Locator(".manset .slide");
        Assert.True(await slides.CountAsync() >= 3);
        await Assertions.Expect(page.Locator(".manset .dots a").First).ToHaveAttributeAsync("aria-current", "true");
        await page.Locator(".manset .slides").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator(".manset .dots a").Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await page.Locator(".manset .dots a").Nth(2).ClickAsync();
        await Assertions.Expect(page.Locator(".manset .dots a").Nth(2)).ToHaveAttributeAsync("aria-current", "true");
        var track = await page.Locator(".manset .slides").BoundingBoxAsync();
        await Assertions.Expect(page.Locator(".manset .slides")).ToHaveJSPropertyAsync("scrollLeft", (int)Math.Round(track!.Width * 2));
    }

    [Fact]
    public async Task Without_javascript_the_slider_is_a_list_of_links()
    {
        app.Require();
        var context = await app.Browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await Assertions.Expect(page.Locator(".manset .arrows")).ToHaveCountAsync(0);
        var second = page.Locator(".manset .dots a").Nth(1);
        await second.ClickAsync();
        Assert.EndsWith("#manset-2", page.Url, StringComparison.Ordinal);
        var href = await page.Locator("#manset-2 a").GetAttributeAsync("href");
        var response = await page.GotoAsync(app.BaseUrl + href);
        Assert.Equal(200, response!.Status);
        await context.DisposeAsync();
    }
}
