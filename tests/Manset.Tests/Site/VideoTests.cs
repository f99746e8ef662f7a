using System.Net;
using System.Text.Json;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Site;

/// <summary>Video pages: the player with poster and captions, embeds that load on click, categories, VideoObject.</summary>
public abstract class VideoTests(AppFixture fixture)
{
    [Fact]
    public async Task A_video_page_has_the_player_captions_and_VideoObject()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var list = await TestApp.ParseAsync(await reader.GetAsync("/video"));
        // The demo's own videos (another test of this class adds an embedded one, which has no player of ours).
        AngleSharp.Html.Dom.IHtmlDocument? doc = null;
        foreach (var url in list.QuerySelectorAll(".video-card a").Select(a => a.GetAttribute("href")!).Distinct())
        {
            doc = await TestApp.ParseAsync(await reader.GetAsync(url));
            if (doc.QuerySelector("video") is not null) break;
        }

        var video = doc!.QuerySelector("video")!;
        Assert.NotNull(video.GetAttribute("poster"));
        var track = video.QuerySelector("track[kind=captions]")!;
        Assert.Equal("tr", track.GetAttribute("srclang"));
        var captions = await reader.GetAsync(track.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, captions.StatusCode);
        Assert.Equal("text/vtt", captions.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("WEBVTT", await captions.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ld = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("VideoObject", ld.GetProperty("@type").GetString());
        Assert.Equal(doc.QuerySelector("h1")!.TextContent, ld.GetProperty("name").GetString());
        Assert.StartsWith("PT", ld.GetProperty("duration").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://manset.test/media/", ld.GetProperty("contentUrl").GetString(), StringComparison.Ordinal);
        Assert.True(ld.GetProperty("thumbnailUrl").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(ld.GetProperty("uploadDate").GetString()));
    }

    [Fact]
    public async Task Videos_are_listed_by_category()
    {
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var all = await TestApp.ParseAsync(await reader.GetAsync("/video"));
        var chips = all.QuerySelectorAll(".video-categories a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Spor", "/video/kategori/spor"), chips);
        var spor = await TestApp.ParseAsync(await reader.GetAsync("/video/kategori/spor"));
        Assert.Equal("Spor Videoları", spor.QuerySelector("h1")!.TextContent);
        Assert.Single(spor.QuerySelectorAll(".video-card"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/video/kategori/boyle-kategori-yok")).StatusCode);
    }

    [Fact]
    public async Task Embedded_videos_load_the_provider_only_on_click()
    {
        var app = await fixture.AppAsync();
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            var video = new Video
            {
                Title = "Ajans görüntüleri",
                Slug = "ajans-goruntuleri",
                EmbedUrl = "https://www.youtube.com/embed/abcDEF12345",
                IsPublished = true,
                PublishedAt = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Videos.Add(video);
            await db.SaveChangesAsync();
            id = video.Id;
        }
        var doc = await TestApp.ParseAsync(await app.Reader().GetAsync($"/video/ajans-goruntuleri-{id}"));
        Assert.Null(doc.QuerySelector("iframe"));
        var facade = doc.QuerySelector("a.embed-facade")!;
        Assert.Equal("https://www.youtube.com/watch?v=abcDEF12345", facade.GetAttribute("href"));
        Assert.Equal("https://www.youtube-nocookie.com/embed/abcDEF12345", facade.GetAttribute("data-embed"));
    }
}

public sealed class VideoTestsOnSqlite(SqliteDemoApp app) : VideoTests(app), IClassFixture<SqliteDemoApp>;
public sealed class VideoTestsOnPostgres(PostgresDemoApp app) : VideoTests(app), IClassFixture<PostgresDemoApp>;
