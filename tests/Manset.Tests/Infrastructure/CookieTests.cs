using System.Net;
using Manset.Tests.Newsroom;
using Manset.Tests.Support;
using Microsoft.Net.Http.Headers;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// Every cookie the site sets, through the flows that set them (the view beacon, the login, two-step verification with
/// "remember this device", a newsroom message carried to the next page): HttpOnly, an explicit SameSite, and Secure
/// exactly when the reader's connection is HTTPS (directly, through a proxy that says so, or always when the site's
/// address is https).
/// </summary>
public sealed class CookieTests
{
    public enum Connection { Http, Https, ProxyEndsTls, HttpsSiteAddress }

    /// <summary>Each cookie the site writes and the SameSite it must carry.</summary>
    static readonly Dictionary<string, SameSiteMode> Expected = new(StringComparer.Ordinal)
    {
        [".Manset.Okur"] = SameSiteMode.Strict,
        [".Manset.Form"] = SameSiteMode.Strict,
        [".Manset.Oturum"] = SameSiteMode.Lax,
        [".Manset.Not"] = SameSiteMode.Lax,
        [".Manset.IkiAdim"] = SameSiteMode.Strict,
        [".Manset.Cihaz"] = SameSiteMode.Strict,
        // Identity clears its cookie of sign-ins through other providers while signing in (none are configured).
        [".Manset.Harici"] = SameSiteMode.Lax,
    };

    /// <summary>
    /// A browser's cookie jar that keeps Secure cookies also over a plain-HTTP test connection (the browser's side of a
    /// proxy is HTTPS), records every Set-Cookie, and plays the proxy's X-Forwarded-* headers when asked.
    /// </summary>
    sealed class Jar(Connection connection, List<(string Path, SetCookieHeaderValue Cookie)> seen) : DelegatingHandler
    {
        readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (connection == Connection.ProxyEndsTls)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
                request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            }
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    var cookie = SetCookieHeaderValue.Parse(value);
                    lock (seen) seen.Add((request.RequestUri!.AbsolutePath, cookie));
                    if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow) _cookies.Remove(cookie.Name.ToString());
                    else _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                }
            }
            return response;
        }
    }

    [Theory]
    [InlineData(Connection.Http)]
    [InlineData(Connection.Https)]
    [InlineData(Connection.ProxyEndsTls)]
    [InlineData(Connection.HttpsSiteAddress)]
    public async Task Every_cookie_is_HttpOnly_SameSite_and_Secure_on_https(Connection connection)
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s =>
        {
            s["ForwardedHeaders_Enabled"] = connection == Connection.ProxyEndsTls ? "true" : "false";
            if (connection == Connection.HttpsSiteAddress) s["Manset:Site:BaseUrl"] = "https://manset.test";
        });
        var address = new Uri(connection == Connection.Https ? "https://manset.test/" : "http://manset.test/");
        var secure = connection != Connection.Http;
        var seen = new List<(string Path, SetCookieHeaderValue Cookie)>();
        HttpClient Browser() => app.CreateDefaultClient(address, new Jar(connection, seen));

        // A reader: the view beacon gives the reader cookie.
        using (var reader = Browser())
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/okunma")).StatusCode);

        // An editor signs in (antiforgery and session cookies) and turns on two-step verification; the page after the
        // post shows its message from TempData.
        var email = $"cerez-{Guid.NewGuid():N}@manset.test";
        const string password = "Test-Parola-2026!";
        Assert.Equal(0, (await app.RunAsync("admin", "create", "--email", email, "--password", password, "--role", "editor")).Code);
        string key;
        using (var first = new NewsroomClient(Browser(), email, password))
        {
            var login = await first.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var setup = await TestApp.ParseAsync(await first.GetAsync("/yonetim/hesap/iki-adim"));
            key = setup.QuerySelector("code.key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
            var enabled = await first.PostFormAsync("/yonetim/hesap/iki-adim?handler=Enable", new() { ["Code"] = Totp.Code(key) }, "/yonetim/hesap/iki-adim");
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
            Assert.Contains(seen, s => s.Path == "/yonetim/hesap/iki-adim" && s.Cookie.Name == ".Manset.Not" && s.Cookie.Value.Length > 0);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(enabled.Headers.Location!.OriginalString)).StatusCode);
        }

        // Signing in again: the cookie between password and code, then "remember this device".
        using (var second = new NewsroomClient(Browser(), email, password))
        {
            var step = await second.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = password });
            Assert.StartsWith("/giris/iki-adim", step.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var code = await second.PostFormAsync("/giris/iki-adim", new() { ["Code"] = Totp.Code(key), ["RememberDevice"] = "true" }, "/giris/iki-adim");
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/yonetim")).StatusCode);
        }

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), seen.Select(s => s.Cookie.Name.ToString()).Distinct().Order(StringComparer.Ordinal));
        foreach (var (path, cookie) in seen)
        {
            var name = cookie.Name.ToString();
            Assert.True(cookie.HttpOnly, $"{name} (from {path}) is not HttpOnly");
            Assert.Equal(Expected[name], cookie.SameSite);
            Assert.True(cookie.Secure == secure, $"{name} (from {path}) Secure={cookie.Secure} over {connection}");
            Assert.Equal("/", cookie.Path.ToString());
        }
    }
}
