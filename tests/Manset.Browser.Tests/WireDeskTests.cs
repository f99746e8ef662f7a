using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>
/// The wire desk in a real browser: the scheduler has pulled the stand-in İHA; an editor sees the new story on the
/// desk, opens it, publishes it in one click, and the story is on the site with its photo served from our own media
/// address (never from the agency's). Saves the desk screenshot.
/// </summary>
public sealed class WireDeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_editor_sees_a_new_agency_story_publishes_it_and_it_is_on_the_site_with_our_photo()
    {
        app.Require();
        var editor = await app.SignInAsync(await app.UserAsync("editor", "Deniz Aydın"));
        await editor.GetByRole(AriaRole.Link, new() { Name = "Ajans", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToContainTextAsync("Ajans masası");

        // The background scheduler pulls İHA at start; the desk shows the story as soon as it is in.
        var story = editor.Locator(".wire-list .wire-title a", new() { HasText = StandInAgency.Title });
        for (var i = 0; i < 60 && await story.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await editor.ReloadAsync();
        }
        await Assertions.Expect(story).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator(".wire-sources .status").First).ToHaveTextAsync("Çalışıyor");
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "wires.png") });
        Assert.DoesNotContain("Tarayici-Ajans-Parola", await editor.ContentAsync(), StringComparison.Ordinal);

        // Full preview with the photo, already in our library.
        await story.ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync(StandInAgency.Title);
        var preview = editor.Locator(".wire-media img").First;
        await Assertions.Expect(preview).ToHaveAttributeAsync("src", new Regex("^/media/"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Yayınla", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash").First).ToContainTextAsync("Haber yayımlandı");

        // On the site.
        await editor.GetByRole(AriaRole.Link, new() { Name = "Sitede gör ↗" }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync(StandInAgency.Title);
        await Assertions.Expect(editor.Locator(".body h2")).ToHaveTextAsync("Gece turizmine katkı");
        var photo = editor.Locator("main figure img").First;
        await Assertions.Expect(photo).ToHaveAttributeAsync("src", new Regex("^/media/"));
        Assert.True(await photo.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }") > 0, "the photo loaded");
        Assert.StartsWith(app.BaseUrl, await photo.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);
        await Assertions.Expect(editor.Locator("main figure figcaption").First).ToContainTextAsync(StandInAgency.Caption);
        await Assertions.Expect(editor.Locator("main")).ToContainTextAsync("İHA");

        // The reader's home page lists it among the latest news.
        var reader = await app.Browser!.NewPageAsync(new BrowserNewPageOptions { Locale = "tr-TR" });
        await reader.GotoAsync(app.BaseUrl + "/");
        await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = StandInAgency.Title }).First).ToBeVisibleAsync();
        await reader.CloseAsync();
        await editor.Context.CloseAsync();
    }
}
