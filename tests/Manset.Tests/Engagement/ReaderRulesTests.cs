using Manset.Data;
using Manset.Web.Engagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Engagement;

/// <summary>
/// The rules behind the beacon and the reaction button, one by one without a server: who is a reader, which posts
/// come from our own pages, the reader cookie, the five reactions and the in-memory view counter.
/// </summary>
public sealed class ReaderRulesTests
{
    const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    static DefaultHttpContext Request(string? userAgent = Browser, string scheme = "https", string host = "manset.example", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (userAgent is not null) context.Request.Headers.UserAgent = userAgent;
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        return context;
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0)", true)]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0)", true)]
    [InlineData("WhatsApp/2.23.20.0", true)]
    [InlineData("python-requests/2.31", true)]
    [InlineData("Wget/1.21", true)]
    [InlineData(Browser, false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1", false)]
    public void Crawlers_previews_and_scripts_are_bots_browsers_are_not(string? userAgent, bool bot) => Assert.Equal(bot, Readers.IsBot(userAgent));

    [Fact]
    public void A_user_agent_longer_than_a_thousand_characters_is_a_bot()
    {
        Assert.False(Readers.IsBot(Browser + new string('x', 1000 - Browser.Length)));
        Assert.True(Readers.IsBot(Browser + new string('x', 1001 - Browser.Length)));
    }

    [Theory]
    [InlineData("Sec-Purpose", "prefetch;prerender")]
    [InlineData("Sec-Purpose", "PREFETCH")]
    [InlineData("Purpose", "prefetch")]
    [InlineData("X-Moz", "prefetch")]
    [InlineData("Sec-Purpose", "prerender")]
    public void Prefetches_and_prerenders_are_not_reader_views(string header, string value) =>
        Assert.False(Readers.IsReaderView(Request(headers: (header, value)).Request));

    [Fact]
    public void A_browser_is_a_reader_unless_signed_in_to_the_newsroom_or_a_bot()
    {
        Assert.True(Readers.IsReaderView(Request().Request));
        Assert.True(Readers.IsReaderView(Request(headers: ("Sec-Purpose", "")).Request));
        Assert.False(Readers.IsReaderView(Request(headers: ("Cookie", ".Manset.Oturum=editor")).Request));
        Assert.True(Readers.IsReaderView(Request(headers: ("Cookie", ".Manset.Okur=x")).Request));
        Assert.False(Readers.IsReaderView(Request(userAgent: "Googlebot/2.1").Request));
    }

    [Theory]
    [InlineData("same-origin", true)]
    [InlineData("same-site", false)]
    [InlineData("cross-site", false)]
    [InlineData("none", false)]
    public void Sec_fetch_site_decides_when_the_browser_sends_it(string site, bool allowed) =>
        // An Origin on this host does not overrule the browser's own word.
        Assert.Equal(allowed, Readers.IsSameOrigin(Request(headers: [("Sec-Fetch-Site", site), ("Origin", "https://manset.example")]).Request));

    [Theory]
    [InlineData("https://manset.example", null, true)]
    [InlineData("HTTPS://MANSET.EXAMPLE", null, true)]
    [InlineData("https://evil.example", null, false)]
    [InlineData("http://manset.example", null, false)]
    [InlineData("https://manset.example:8443", null, false)]
    [InlineData("null", null, false)]
    [InlineData("not a url", null, false)]
    [InlineData(null, "https://manset.example/gundem/haber-1", true)]
    [InlineData(null, "https://evil.example/manset.example", false)]
    [InlineData(null, null, false)]
    [InlineData("https://evil.example", "https://manset.example/gundem/haber-1", false)]
    public void Without_sec_fetch_site_the_origin_or_else_the_referer_must_be_this_host(string? origin, string? referer, bool allowed)
    {
        var headers = new List<(string, string)>();
        if (origin is not null) headers.Add(("Origin", origin));
        if (referer is not null) headers.Add(("Referer", referer));
        Assert.Equal(allowed, Readers.IsSameOrigin(Request(headers: [.. headers]).Request));
    }

    [Fact]
    public void The_reader_cookie_carries_a_22_character_id_signed_by_us()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var protection = new EphemeralDataProtectionProvider();
        var cookies = new ReaderCookie(protection, clock);
        var first = Request();
        Assert.Null(cookies.Read(first));

        var id = cookies.Ensure(first);
        Assert.Equal(22, id.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        var setCookie = first.Response.Headers.SetCookie.ToString();
        Assert.StartsWith(ReaderCookie.Name + "=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Tue, 30 Nov 2027", setCookie, StringComparison.OrdinalIgnoreCase);

        var value = setCookie[(ReaderCookie.Name.Length + 1)..setCookie.IndexOf(';')];
        var again = Request(headers: ("Cookie", $"{ReaderCookie.Name}={value}"));
        Assert.Equal(id, cookies.Read(again));
        Assert.Equal(id, cookies.Ensure(again));
        Assert.Empty(again.Response.Headers.SetCookie.ToString());

        // Another key ring, a tampered value, an id of the wrong length or an oversized cookie: no reader.
        Assert.Null(new ReaderCookie(new EphemeralDataProtectionProvider(), clock).Read(again));
        Assert.Null(cookies.Read(Request(headers: ("Cookie", $"{ReaderCookie.Name}={value}x"))));
        var protector = protection.CreateProtector("Manset.Engagement.Reader.v1");
        Assert.Null(cookies.Read(Request(headers: ("Cookie", $"{ReaderCookie.Name}={protector.Protect(new string('a', 21))}"))));
        Assert.Equal(new string('a', 22), cookies.Read(Request(headers: ("Cookie", $"{ReaderCookie.Name}={protector.Protect(new string('a', 22))}"))));
        Assert.Null(cookies.Read(Request(headers: ("Cookie", $"{ReaderCookie.Name}={new string('A', 401)}"))));
    }

    [Fact]
    public void The_reader_cookie_is_not_secure_on_plain_http()
    {
        var context = Request(scheme: "http");
        new ReaderCookie(new EphemeralDataProtectionProvider(), TimeProvider.System).Ensure(context);
        Assert.DoesNotContain("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_five_reactions_are_found_by_key_and_counted_from_their_own_column()
    {
        Assert.Equal(new[] { "begendim", "sevdim", "begenmedim", "uzgun", "inanilmaz" }, Reactions.All.Select(r => r.Key));
        foreach (var reaction in Reactions.All) Assert.Same(reaction, Reactions.Find(reaction.Key));
        Assert.Null(Reactions.Find("BEGENDIM"));
        Assert.Null(Reactions.Find(null));
        Assert.Null(Reactions.Find(""));

        var stats = new ArticleStats { Like = 1, Love = 2, Dislike = 3, Sad = 4, Wow = 5 };
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, Reactions.All.Select(r => Reactions.Count(stats, r.Key)));
        Assert.Equal(0, Reactions.Count(stats, "bilinmeyen"));
        Assert.Equal(0, Reactions.Count(null, "begendim"));
    }

    [Fact]
    public void The_view_counter_adds_up_drains_once_and_takes_back_what_a_batch_could_not_write()
    {
        var counter = new ViewCounter();
        Assert.Equal(0, counter.Pending);
        Assert.Empty(counter.Drain());
        counter.Add(7);
        counter.Add(7);
        counter.Add(9, 5);
        counter.Add(11, 0);
        Assert.Equal(7, counter.Pending);
        var batch = counter.Drain();
        Assert.Equal(new Dictionary<int, long> { [7] = 2, [9] = 5 }, batch);
        Assert.Equal(0, counter.Pending);
        Assert.Empty(counter.Drain());

        counter.PutBack(7, 2);
        counter.Add(7);
        Assert.Equal(3, counter.Pending);
        Assert.Equal(new Dictionary<int, long> { [7] = 3 }, counter.Drain());
    }

    [Fact]
    public void A_view_falls_into_the_hour_since_1970_it_happened_in()
    {
        Assert.Equal(0, MostRead.HourOf(DateTimeOffset.UnixEpoch));
        Assert.Equal(0, MostRead.HourOf(DateTimeOffset.UnixEpoch.AddSeconds(3599)));
        Assert.Equal(1, MostRead.HourOf(DateTimeOffset.UnixEpoch.AddSeconds(3600)));
        var instant = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(3));
        Assert.Equal((int)(instant.ToUnixTimeSeconds() / 3600), MostRead.HourOf(instant));
        Assert.Equal(MostRead.HourOf(instant.ToUniversalTime()), MostRead.HourOf(instant));
    }
}
