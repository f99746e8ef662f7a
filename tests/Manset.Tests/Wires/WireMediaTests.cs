using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// Agency photos and videos downloaded into our library (<see cref="Manset.Web.Wires.WireMediaFetcher"/>): a video
/// becomes one of our videos with its poster, a failed download is tried again twice, refused content at once.
/// </summary>
public class WireMediaTests
{
    /// <summary>The start of an MP4 file: a box of type "ftyp" (what the upload check reads), then filler.</summary>
    static byte[] Mp4() => [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', .. new byte[4000]];

    static Task<WireTestSite> SiteAsync(string mode) =>
        WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), mode, "gundem",
            ("UserCode", "KOD-7781"), ("UserName", "manset_abone"), ("Password", "Gizli-Parola-2026!"), ("CategoryMap:Futbol", "spor")));

    static string SourceLine(string output) => output.Trim().Split('\n').Single(l => l.StartsWith("iha:", StringComparison.Ordinal)).Trim();

    [Fact]
    public async Task An_agency_video_becomes_our_video_with_its_poster_on_the_published_story()
    {
        await using var site = await SiteAsync("publish");
        site.Agency.Bytes("/video/mac.mp4", Mp4(), "video/mp4");
        site.Agency.PhotoNeedingReferer("/video/mac.jpg", TestImages.Jpeg(1280, 720));
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Mac(site.Agency.Url("/video/mac.mp4"), site.Agency.Url("/video/mac.jpg"))));

        var pull = await site.PullAsync();
        Assert.Equal("new=1 updated=0 unchanged=0 failed=0", WireTestSite.Summary(pull.Output));
        Assert.Contains("hatalı, 1 dosya indirildi, 0 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal); // the poster is the video's

        var item = await site.ItemAsync("20261129AW000103");
        var media = Assert.Single(item.Media);
        Assert.Equal((MediaKind.Video, WireMediaState.Stored, 0), (media.Kind, media.State, media.Attempts));
        var video = await site.QueryAsync(d => d.Videos.AsNoTracking().Include(v => v.File).Include(v => v.Category).SingleAsync(v => v.Id == media.VideoId));
        Assert.Equal("Eskişehirspor deplasmandan 3 puanla döndü", video.Title);
        Assert.Equal("eskisehirspor-deplasmandan-3-puanla-dondu", video.Slug);
        Assert.Equal("Eskişehirspor, ligin 13. haftasında deplasmanda rakibini 2-1 yendi.", video.Description);
        Assert.Equal("spor", video.Category!.Slug);
        Assert.Equal(42, video.DurationSeconds);
        Assert.True(video.IsPublished);
        Assert.Equal(item.PublishedAt, video.PublishedAt);
        Assert.Equal(("video/mp4", "mac.mp4", MediaKind.Video), (video.File!.ContentType, video.File.FileName, video.File.Kind));
        Assert.Equal(media.MediaId, video.FileId);
        Assert.NotNull(video.PosterId);
        Assert.Equal(video.PosterId, media.PosterId);
        // Both files asked for with the feed's site as the referer.
        Assert.All(site.Agency.To("/video/mac.mp4").Concat(site.Agency.To("/video/mac.jpg")), r => Assert.Equal(site.Agency.BaseUrl + "/", r.Referer));

        var article = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == item.ArticleId));
        Assert.Equal(video.Id, article.VideoId);
    }

    [Fact]
    public async Task A_video_of_a_story_on_the_desk_stays_unpublished_and_a_missing_poster_does_not_stop_it()
    {
        await using var site = await SiteAsync("draft");
        site.Agency.Bytes("/video/mac.mp4", Mp4(), "video/mp4");
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Mac(site.Agency.Url("/video/mac.mp4"), site.Agency.Url("/video/yok.jpg"))));
        var pull = await site.PullAsync();
        Assert.Contains("hatalı, 1 dosya indirildi, 0 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal);

        var item = await site.ItemAsync("20261129AW000103");
        var media = Assert.Single(item.Media);
        Assert.Equal(WireMediaState.Stored, media.State);
        Assert.Null(media.PosterId);
        var video = await site.QueryAsync(d => d.Videos.AsNoTracking().SingleAsync(v => v.Id == media.VideoId));
        Assert.False(video.IsPublished);
        Assert.Null(video.PosterId);
        Assert.Equal((WireItemState.New, (int?)null), (item.State, item.ArticleId));

        // An editor publishes the story from the desk: the video goes on it and is published with it.
        using var editor = await site.App.NewsroomClientAsync("editor");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await editor.PostFormAsync($"/yonetim/ajans/{item.Id}", new() { ["islem"] = "yayinla" })).StatusCode);
        item = await site.ItemAsync("20261129AW000103");
        var article = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == item.ArticleId));
        Assert.Equal((ArticleStatus.Published, (int?)video.Id), (article.Status, article.VideoId));
        Assert.True((await site.QueryAsync(d => d.Videos.AsNoTracking().SingleAsync(v => v.Id == video.Id))).IsPublished);
    }

    [Fact]
    public async Task A_failed_download_is_tried_on_the_next_two_pulls_and_refused_content_is_given_up_at_once()
    {
        await using var site = await SiteAsync("draft");
        // The tram photo is missing on the agency's server; the match "video" is a web page.
        site.Agency.Text("/video/mac.mp4", "<html><body>Oturum süresi doldu</body></html>", 200, "text/html");
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay(site.Agency.Url("/foto/tramvay.jpg?imza=Gizli-Parola-2026!")),
            Feeds.Mac(site.Agency.Url("/video/mac.mp4"))));

        var pull = await site.PullAsync();
        Assert.Contains("hatalı, 0 dosya indirildi, 2 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal);
        var photo = Assert.Single((await site.ItemAsync("20261129AW000101")).Media);
        Assert.Equal((WireMediaState.Pending, 1), (photo.State, photo.Attempts));
        Assert.StartsWith("İndirilemedi: HTTP 404", photo.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Gizli-Parola", photo.Error, StringComparison.Ordinal);
        var video = Assert.Single((await site.ItemAsync("20261129AW000103")).Media);
        Assert.Equal((WireMediaState.Failed, 1), (video.State, video.Attempts));
        Assert.Contains("video değil", video.Error, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueryAsync(d => d.Videos.CountAsync()));

        pull = await site.PullAsync();
        Assert.Contains("hatalı, 0 dosya indirildi, 1 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal);
        photo = Assert.Single((await site.ItemAsync("20261129AW000101")).Media);
        Assert.Equal((WireMediaState.Pending, 2), (photo.State, photo.Attempts));
        await site.PullAsync();
        photo = Assert.Single((await site.ItemAsync("20261129AW000101")).Media);
        Assert.Equal((WireMediaState.Failed, 3), (photo.State, photo.Attempts));
        Assert.Equal(3, site.Agency.To("/foto/tramvay.jpg").Count());
        Assert.Single(site.Agency.To("/video/mac.mp4"));

        // Given up: the next pull asks for neither again, and the stories themselves are intact.
        pull = await site.PullAsync();
        Assert.Contains("hatalı, 0 dosya indirildi, 0 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal);
        Assert.Equal(3, site.Agency.To("/foto/tramvay.jpg").Count());
        Assert.Equal(WireItemState.New, (await site.ItemAsync("20261129AW000101")).State);
    }

    [Fact]
    public async Task The_first_photo_in_the_agency_s_order_goes_on_the_article()
    {
        await using var site = await SiteAsync("publish");
        site.Agency.PhotoNeedingReferer("/foto/deprem.jpg", TestImages.Jpeg(1400, 900));
        site.Agency.PhotoNeedingReferer("/foto/tramvay.jpg", TestImages.Jpeg(1600, 1000));
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay(site.Agency.Url("/foto/tramvay.jpg")), Feeds.Deprem(site.Agency.Url("/foto/deprem.jpg"), size: "91422")));
        var pull = await site.PullAsync();
        Assert.Contains("hatalı, 2 dosya indirildi, 0 dosya indirilemedi", SourceLine(pull.Output), StringComparison.Ordinal);
        foreach (var (code, caption) in new[] { ("20261129AW000101", "Tramvay hattında çalışma yapan ekipler (İHA)"), ("20261129AW000102", "Depremin ardından sokağa çıkan vatandaşlar (İHA)") })
        {
            var item = await site.ItemAsync(code);
            var photo = Assert.Single(item.Media);
            var article = await site.QueryAsync(d => d.Articles.AsNoTracking().SingleAsync(a => a.Id == item.ArticleId));
            Assert.Equal(photo.MediaId, article.ImageId);
            Assert.Equal(caption, article.ImageCaption);
            var stored = await site.QueryAsync(d => d.Media.AsNoTracking().SingleAsync(m => m.Id == photo.MediaId));
            Assert.Equal((caption, caption, "İHA"), (stored.Caption, stored.Alt, stored.Credit));
        }
    }
}
