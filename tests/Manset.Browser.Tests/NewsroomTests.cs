using System.Text.RegularExpressions;
using Manset.Web.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace Manset.Browser.Tests;

/// <summary>
/// The newsroom in a real browser: a muhabir writes a story with a photo in the rich-text editor and submits it;
/// an editor edits and publishes it; a reader finds it on the home page. Saves the dashboard and editor screenshots.
/// </summary>
public sealed partial class NewsroomTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    Task<string> UserAsync(string role, string name) => app.UserAsync(role, name);

    Task<IPage> SignInAsync(string email, int width = 1280, int height = 900) => app.SignInAsync(email, width, height);

    static string PhotoFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"meydan-{Guid.NewGuid():N}.jpg");
        using var bitmap = new SKBitmap(1600, 1000);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1600, 1000),
                [new SKColor(0x2b, 0x5d, 0x8f), new SKColor(0xf2, 0xb1, 0x3c)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 1600, 1000, paint);
            using var sun = new SKPaint { Color = new SKColor(0xff, 0xf4, 0xd6) };
            canvas.DrawCircle(1200, 300, 140, sun);
        }
        using var image = SKImage.FromBitmap(bitmap);
        File.WriteAllBytes(path, image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray());
        return path;
    }

    [Fact]
    public async Task A_muhabir_writes_with_a_photo_an_editor_publishes_and_a_reader_sees_it_on_the_home_page()
    {
        app.Require();
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var muhabirEmail = await UserAsync("muhabir", "Zeynep Kaya");
        var editorEmail = await UserAsync("editor", "Murat Demir");

        // The muhabir, in the field.
        var muhabir = await SignInAsync(muhabirEmail);
        await muhabir.GetByRole(AriaRole.Link, new() { Name = "Yeni haber" }).First.ClickAsync();
        await Assertions.Expect(muhabir.Locator(".rte .rte-content")).ToBeVisibleAsync(); // the rich-text editor loaded
        await Assertions.Expect(muhabir.GetByRole(AriaRole.Button, new() { Name = "Yayınla" })).ToHaveCountAsync(0);

        await muhabir.GetByLabel("Başlık", new() { Exact = true }).FillAsync("Kent meydanında bahar şenliği başladı");
        await muhabir.GetByLabel("Spot", new() { Exact = true }).FillAsync("Üç gün sürecek şenliğin ilk gününde meydan doldu.");
        var body = muhabir.Locator(".rte .rte-content");
        await body.ClickAsync();
        await muhabir.Keyboard.TypeAsync("Şenlik sabah saatlerinde bando gösterisiyle açıldı.");
        await muhabir.Keyboard.PressAsync("Enter");
        await muhabir.Locator(".rte-toolbar .rte-h2").ClickAsync();
        await muhabir.Keyboard.TypeAsync("Program");
        await muhabir.Keyboard.PressAsync("Enter");
        await muhabir.Keyboard.TypeAsync("Akşam konserleri saat 20.00'de başlayacak.");
        await muhabir.GetByLabel("Kategori", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Gündem" });
        await muhabir.GetByLabel("Görsel yükle").SetInputFilesAsync(PhotoFile());
        await muhabir.GetByLabel("Görsel açıklaması").FillAsync("Şenliğin ilk gününden bir kare");
        await muhabir.GetByLabel("Görsel kaynağı").FillAsync("Manşet Haber");
        await muhabir.GetByRole(AriaRole.Button, new() { Name = "İncelemeye gönder" }).ClickAsync();
        await Assertions.Expect(muhabir.Locator(".flash").First).ToContainTextAsync("incelemeye gönderildi");
        await Assertions.Expect(muhabir.Locator(".image-preview img")).ToBeVisibleAsync();
        var editUrl = new Uri(muhabir.Url).AbsolutePath;
        Assert.Matches(@"^/yonetim/haberler/\d+$", editUrl);

        // The editor, at the desk.
        var editor = await SignInAsync(editorEmail);
        var waiting = editor.Locator(".desk-box", new() { Has = editor.GetByRole(AriaRole.Heading, new() { Name = "İncelemede" }) });
        await Assertions.Expect(waiting).ToContainTextAsync("Kent meydanında bahar şenliği başladı");
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard.png") });
        await waiting.GetByRole(AriaRole.Link, new() { Name = "Kent meydanında bahar şenliği başladı" }).ClickAsync();
        await Assertions.Expect(editor).ToHaveURLAsync(new Regex(Regex.Escape(editUrl) + "$"));
        await Assertions.Expect(editor.Locator(".rte .rte-content h2")).ToHaveTextAsync("Program");
        await editor.GetByLabel("Başlık", new() { Exact = true }).FillAsync("Kent meydanında bahar şenliği coşkuyla başladı");
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "editor.png") });
        await editor.GetByRole(AriaRole.Button, new() { Name = "Yayınla", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash").First).ToContainTextAsync("Haber yayımlandı");

        // A reader, on the home page.
        var reader = await app.Browser!.NewPageAsync(new BrowserNewPageOptions { Locale = "tr-TR", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await reader.GotoAsync(app.BaseUrl + "/");
        var link = reader.GetByRole(AriaRole.Link, new() { Name = "Kent meydanında bahar şenliği coşkuyla başladı" }).First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Kent meydanında bahar şenliği coşkuyla başladı");
        await Assertions.Expect(reader.Locator(".body h2")).ToHaveTextAsync("Program");
        var photo = reader.Locator("main figure img").First;
        await Assertions.Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }") > 0, "the photo loaded");
        await Assertions.Expect(reader.Locator("main figure figcaption").First).ToContainTextAsync("Şenliğin ilk gününden bir kare");
        await reader.Context.CloseAsync();
        await muhabir.Context.CloseAsync();
        await editor.Context.CloseAsync();
    }

    [Fact]
    public async Task The_newsroom_works_on_a_phone()
    {
        app.Require();
        var page = await SignInAsync(await UserAsync("muhabir", "Telefon Muhabiri"), 390, 844);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Masa");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the dashboard scrolls sideways on a phone");
        await page.GotoAsync(app.BaseUrl + "/yonetim/haberler/yeni");
        overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the editor scrolls sideways on a phone");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "İncelemeye gönder" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
