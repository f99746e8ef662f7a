using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// The Content-Security-Policy and the other security headers on every kind of page, rendered and from the output
/// cache; HSTS only over HTTPS; error pages that tell nothing about the machinery; pages that need no inline script.
/// </summary>
public sealed partial class SecurityHeaderTests
{
    const string FrameSources =
        "https://www.youtube.com/embed/ https://youtube.com/embed/ https://www.youtube-nocookie.com/embed/ https://player.vimeo.com/video/ " +
        "https://www.dailymotion.com/embed/ https://geo.dailymotion.com/ https://www.google.com/maps/";

    /// <summary>The whole policy of public pages with the default configuration, as docs/security.md prints it.</summary>
    const string PublicPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src " + FrameSources +
        "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    const string PrivatePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src " + FrameSources +
        "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values)
        : response.Content.Headers.TryGetValues(name, out var content) ? Assert.Single(content)
        : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header");

    static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);

    /// <summary>The headers every response carries; <paramref name="framedBySite"/> false for the newsroom, its door and the API.</summary>
    static void AssertHeaders(HttpResponseMessage response, bool framedBySite)
    {
        var url = response.RequestMessage?.RequestUri?.PathAndQuery;
        var policy = Single(response, "Content-Security-Policy");
        Assert.Equal(framedBySite ? PublicPolicy : PrivatePolicy, policy);
        var directives = Directives(policy);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", policy, StringComparison.Ordinal);
        Assert.Equal(framedBySite ? "'self'" : "'none'", directives["frame-ancestors"]);
        Assert.Equal(framedBySite ? "SAMEORIGIN" : "DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=(), payment=(), usb=()", Single(response, "Permissions-Policy"));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy"));
        foreach (var name in new[] { "Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-SourceFiles" })
            Assert.False(response.Headers.Contains(name), $"{url} tells its {name}");
        // Plain HTTP to a test host: no HSTS (HttpsTests below has it over HTTPS).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{url} sends HSTS over plain HTTP");
    }

    /// <summary>Nothing in the page that a policy without 'unsafe-inline' would block.</summary>
    static void AssertNoInlineCode(IHtmlDocument doc, string url)
    {
        foreach (var script in doc.Scripts)
            Assert.True(script.HasAttribute("src") || script.Type == "application/ld+json", $"{url}: inline script {script.OuterHtml[..Math.Min(120, script.OuterHtml.Length)]}");
        Assert.Empty(doc.QuerySelectorAll("style"));
        foreach (var element in doc.All)
        {
            Assert.False(element.HasAttribute("style"), $"{url}: style attribute on {element.LocalName}");
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var attribute in new[] { "href", "src", "action", "formaction" })
                Assert.False((element.GetAttribute(attribute) ?? "").TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"{url}: javascript: URL");
        }
    }

    [Fact]
    public async Task Public_pages_carry_the_policy_when_rendered_and_when_served_from_the_output_cache()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Güvenlik");
        var article = await Json.ArticleAsync(api, new
        {
            title = "Başlık güvenliği haberi",
            spot = "Gömülü videolu bir haber.",
            body = "<p>Metin.</p><iframe src=\"https://www.youtube.com/embed/abc123\" width=\"560\" height=\"315\"></iframe>",
            category,
            status = "published",
        });
        var url = (string)article["url"]!;

        foreach (var path in new[] { "/", url, "/" + category })
        {
            var fresh = await app.Reader().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.False(fresh.Headers.Age.HasValue, $"{path}: the first request is rendered");
            AssertHeaders(fresh, framedBySite: true);
            AssertNoInlineCode(await TestApp.ParseAsync(fresh), path);

            var cached = await app.Reader().GetAsync(path);
            Assert.True(cached.Headers.Age.HasValue, $"{path}: the second request comes from the output cache");
            AssertHeaders(cached, framedBySite: true);
            // A 304 from the cache, too.
            var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(cached.Headers.ETag!);
            var notModified = await app.Reader().SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            AssertHeaders(notModified, framedBySite: true);
        }

        // The embedded video the article keeps is one the policy lets the browser frame.
        var page = await TestApp.ParseAsync(await app.Reader().GetAsync(url));
        var frame = page.QuerySelector(".body iframe")!.GetAttribute("src")!;
        Assert.Contains(FrameSources.Split(' '), source => frame.StartsWith(source, StringComparison.Ordinal));

        // Search is rendered for every request; its page, a 404 and a media file carry the headers too.
        var search = await app.Reader().GetAsync("/arama?q=" + Uri.EscapeDataString("güvenliği"));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var results = await TestApp.ParseAsync(search);
        Assert.Contains(results.QuerySelectorAll("a"), a => a.GetAttribute("href") == url);
        AssertHeaders(search, framedBySite: true);
        AssertNoInlineCode(results, "/arama");
        AssertHeaders(await app.Reader().GetAsync("/arama?q=" + Uri.EscapeDataString("güvenliği")), framedBySite: true);
        var missing = await app.Reader().GetAsync("/yok-boyle-bir-sayfa");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertHeaders(missing, framedBySite: true);
        AssertHeaders(await app.Reader().GetAsync("/css/site.css"), framedBySite: true);
    }

    [Fact]
    public async Task The_newsroom_and_its_login_are_never_framed_and_need_no_inline_code()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        foreach (var _ in new[] { 1, 2 })
        {
            var login = await app.Reader().GetAsync("/giris");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            AssertHeaders(login, framedBySite: false);
            AssertNoInlineCode(await TestApp.ParseAsync(login), "/giris");
        }

        using var editor = await app.NewsroomClientAsync("editor");
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var id = (int)(await Json.ArticleAsync(api, new { title = "Yönetimde açılan haber", category, status = "draft", body = "<p>Taslak.</p>" }))["id"]!;
        foreach (var path in new[] { "/yonetim", "/yonetim", "/yonetim/haberler", "/yonetim/haberler/yeni", $"/yonetim/haberler/{id}", $"/yonetim/haberler/{id}/onizleme", "/yonetim/hesap/iki-adim" })
        {
            var response = await editor.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Age.HasValue, $"{path} is never served from the cache");
            AssertHeaders(response, framedBySite: false);
            AssertNoInlineCode(await TestApp.ParseAsync(response), path);
        }

        // The API and its errors, the same.
        AssertHeaders(await api.GetAsync("/api/v1/categories"), framedBySite: false);
        AssertHeaders(await app.Reader().GetAsync("/api/v1/categories"), framedBySite: false);
    }

    [Fact]
    public async Task Hsts_only_over_https_also_behind_a_proxy_that_says_so()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s => s["ForwardedHeaders_Enabled"] = "true");

        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://manset.test/"), AllowAutoRedirect = false });
        var secure = await https.GetAsync("/");
        Assert.Equal("max-age=31536000", Single(secure, "Strict-Transport-Security"));
        Assert.NotNull(Single(secure, "Content-Security-Policy"));
        // Cached pages are answered for the scheme they were asked with.
        Assert.Equal("max-age=31536000", Single(await https.GetAsync("/"), "Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Single(await https.GetAsync("/giris"), "Strict-Transport-Security"));

        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://manset.test/"), AllowAutoRedirect = false });
        Assert.False((await plain.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await plain.GetAsync("/giris")).Headers.Contains("Strict-Transport-Security"));

        // nginx ended TLS and says so: X-Forwarded-Proto is honoured when forwarded headers are on (docs/operations.md).
        var forwarded = new HttpRequestMessage(HttpMethod.Get, "/giris");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal("max-age=31536000", Single(await plain.SendAsync(forwarded), "Strict-Transport-Security"));

        // Never for localhost, where a developer's browser would remember it for every local project.
        using var local = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        Assert.False((await local.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Throws from inside the pipeline (after the site's own endpoints), as a bug in a page would.</summary>
    sealed class Failing : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context =>
            {
                if (context.Request.Path.Value!.EndsWith("/patlat", StringComparison.Ordinal))
                    throw new InvalidOperationException("Gizli ayrıntı: bağlantı dizesi Host=db;Password=sir");
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        };
    }

    [Fact]
    public async Task Errors_show_no_stack_trace_exception_or_version()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, services: s => s.AddSingleton<IStartupFilter, Failing>());

        var page = await app.Reader().GetAsync("/bir/sey/patlat");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("Bir sorun oluştu", (await TestApp.ParseAsync(page)).QuerySelector("h1")!.TextContent);
        AssertHeaders(page, framedBySite: true);

        var problem = await app.Reader().GetAsync("/api/v1/patlat");
        Assert.Equal(HttpStatusCode.InternalServerError, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        var json = await problem.Content.ReadAsStringAsync();
        var body = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal(["detail", "status", "title", "traceId", "type"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Sunucu hatası", (string?)body["title"]);
        AssertHeaders(problem, framedBySite: false);

        foreach (var text in new[] { html, json })
        {
            foreach (var secret in new[] { "InvalidOperationException", "Gizli ayrıntı", "Password", "   at ", "Microsoft.", "Manset.", ".cs:line", "ASP.NET", "Kestrel", "10.0." })
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotMatch(StackFrame(), text);
        }
    }

    [GeneratedRegex(@"\bat [A-Z][A-Za-z0-9_.`<>]+\(")]
    private static partial Regex StackFrame();

    [Fact]
    public async Task Extra_image_sources_come_from_configuration_and_are_checked_at_start()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, configure: s =>
        {
            s["Manset:Security:ImageSources:0"] = "https://img.example.com.tr";
            s["Manset:Security:ImageSources:1"] = "https://*.cdn.example.net";
        });
        var policy = Directives(Single(await app.Reader().GetAsync("/"), "Content-Security-Policy"));
        Assert.Equal("'self' https://img.example.com.tr https://*.cdn.example.net", policy["img-src"]);
        Assert.Equal("'self'", policy["script-src"]);

        var check = new SecurityOptionsCheck();
        Assert.True(check.Validate(null, new MansetOptions { Security = { ImageSources = ["https://img.example.com.tr", "https:", "https://a.example:8443/resim/"] } }).Succeeded);
        foreach (var bad in new[] { "'unsafe-inline'", "*", "http://img.example.com", "https://a.example; script-src *", "data:", "https://a.example 'unsafe-eval'" })
        {
            var result = check.Validate(null, new MansetOptions { Security = { ImageSources = [bad] } });
            Assert.True(result.Failed, bad);
            Assert.Contains("Manset:Security:ImageSources", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frame_sources_are_the_embeds_the_site_keeps()
    {
        Assert.Equal(FrameSources, string.Join(' ', SecurityHeaders.FrameSources()));
        var sanitizer = new BodySanitizer();
        foreach (var src in new[] { "https://www.youtube.com/embed/abc", "https://player.vimeo.com/video/1", "https://www.google.com/maps/embed?pb=x", "https://geo.dailymotion.com/player.html?video=x" })
        {
            Assert.Contains($"src=\"{src.Replace("&", "&amp;", StringComparison.Ordinal)}\"", sanitizer.Sanitize($"<iframe src=\"{src}\"></iframe>"), StringComparison.Ordinal);
            Assert.Contains(FrameSources.Split(' '), source => src.StartsWith(source, StringComparison.Ordinal));
        }
        Assert.Equal("", sanitizer.Sanitize("<iframe src=\"https://www.google.com/search?q=x\"></iframe>"));
        // Every video player the newsroom accepts is framed by the policy (the reader's click loads its private form).
        foreach (var host in Embeds.VideoHosts)
            Assert.Contains(FrameSources.Split(' '), source => Embeds.Private($"https://{host}/embed/video/x1").StartsWith(source, StringComparison.Ordinal)
                || Embeds.Private($"https://{host}/video/1").StartsWith(source, StringComparison.Ordinal));
    }

    /// <summary>The views themselves: no inline script, handler, style or javascript: URL, so the policy needs no nonce.</summary>
    [Fact]
    public void Views_have_no_inline_script_style_or_handlers()
    {
        var views = Directory.EnumerateFiles(Path.Combine(Repository.Root(), "src", "Manset.Web"), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(views.Count > 40, "the views were found");
        foreach (var view in views)
        {
            var text = File.ReadAllText(view);
            var name = Path.GetRelativePath(Repository.Root(), view);
            foreach (Match script in ScriptTag().Matches(text))
                Assert.True(script.Value.Contains(" src=", StringComparison.Ordinal) || script.Value.Contains("application/ld+json", StringComparison.Ordinal), $"{name}: {script.Value}");
            Assert.DoesNotMatch(StyleTag(), text);
            Assert.DoesNotMatch(StyleAttribute(), text);
            Assert.DoesNotMatch(Handler(), text);
            Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<style\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleTag();

    [GeneratedRegex(@"<[a-z][^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Handler();
}
