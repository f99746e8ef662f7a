using System.Text.RegularExpressions;
using Manset.Web.Media;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

/// <summary>
/// The headers every response carries: a Content-Security-Policy without inline script or style (every script and
/// style is a file under wwwroot, so no nonce is needed and a page in the output cache is the same for every reader),
/// nosniff, a referrer policy, a permissions policy, and framing refused outside the site (the newsroom, the login
/// and the API: not even by the site). Written when the response starts, so they are on pages served from the output
/// cache, on media files and on error pages alike, always as this configuration says (not as a cached copy was told).
/// </summary>
public sealed partial class SecurityHeaders
{
    /// <summary>Paths that no page may frame, not even one of ours: the newsroom, its door, the API.</summary>
    static readonly string[] Private = ["/yonetim", "/giris", "/cikis", "/api", "/openapi"];

    /// <summary>Powerful features no page of the site uses; embedded players keep their own (autoplay, fullscreen).</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public SecurityHeaders(IOptions<MansetOptions> options)
    {
        PublicPolicy = Policy(options.Value.Security, "'self'");
        PrivatePolicy = Policy(options.Value.Security, "'none'");
    }

    /// <summary>The policy of public pages (framed only by the site itself).</summary>
    public string PublicPolicy { get; }

    /// <summary>The policy of the newsroom, the login and the API (never framed).</summary>
    public string PrivatePolicy { get; }

    /// <summary>
    /// The Content-Security-Policy. Scripts and styles only from the site's files; images and media from the site
    /// (<c>/media/</c> serves every store, S3 included) plus <see cref="SecurityOptions.ImageSources"/>; frames only from
    /// the embed providers article bodies may hold (<see cref="Embeds.Frames"/>); no plugins, no foreign base or form
    /// targets.
    /// </summary>
    public static string Policy(SecurityOptions security, string frameAncestors) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src " + string.Join(' ', security.ImageSources.Select(s => s.Trim()).Where(s => s.Length > 0).Prepend("'self'").Distinct(StringComparer.OrdinalIgnoreCase)),
        "frame-src " + string.Join(' ', FrameSources()),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors " + frameAncestors);

    /// <summary>
    /// Each embed provider as a CSP source: its https origin and the folder of its path prefix ("/embed/" stays,
    /// "/maps/embed" gives "/maps/", "/player" gives "/"), since a source's path without a final slash matches only
    /// that exact path.
    /// </summary>
    public static IEnumerable<string> FrameSources() =>
        Embeds.Frames.Select(f => "https://" + f.Host + f.PathPrefix[..(f.PathPrefix.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal);

    static bool IsPrivate(PathString path) =>
        Private.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Registers the headers for the start of the response; the path decides before any re-execution changes it.</summary>
    public Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var state = IsPrivate(context.Request.Path) ? (context.Response, PrivatePolicy, "DENY") : (context.Response, PublicPolicy, "SAMEORIGIN");
        context.Response.OnStarting(static state =>
        {
            var (response, policy, framing) = ((HttpResponse, string, string))state;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XFrameOptions = framing;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Nothing says what the site runs on (Kestrel's own Server header is off: Site/SiteExtensions.cs).
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, state);
        return next();
    }

    /// <summary>A CSP host source (<c>https://img.example.com</c>, <c>https://*.example.net:8443/path/</c>) or the <c>https:</c> scheme.</summary>
    [GeneratedRegex(@"^(https:|https://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?)$", RegexOptions.CultureInvariant)]
    internal static partial Regex ImageSource();
}

/// <summary>Checks <c>Manset:Security:ImageSources</c> at start: each an https host source, nothing that widens the policy in other ways.</summary>
public sealed class SecurityOptionsCheck : IValidateOptions<MansetOptions>
{
    public ValidateOptionsResult Validate(string? name, MansetOptions options)
    {
        var bad = options.Security.ImageSources.Where(s => !SecurityHeaders.ImageSource().IsMatch(s.Trim())).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Manset:Security:ImageSources yalnızca https adresleri içerebilir (ör. https://img.ornek.com.tr ya da https://*.ornek.net); geçersiz: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
    }
}

public static class SecurityExtensions
{
    /// <summary>
    /// Security headers (CSP and the rest), HSTS, and the cookie policy: the floor under every cookie the site writes.
    /// Each is HttpOnly (no script reads one: the newsroom's antiforgery token is in a meta tag) and at least
    /// SameSite=Lax; Secure when the request is HTTPS (behind a proxy that ends TLS: with forwarded headers on,
    /// docs/operations.md), and always when the site's address (<c>Manset:Site:BaseUrl</c>) is https, whatever the
    /// proxy forwards. The cookies also say so themselves where they are made (Newsroom/, Engagement/ReaderCookie.cs).
    /// </summary>
    public static WebApplicationBuilder AddMansetSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<MansetOptions>, SecurityOptionsCheck>();
        builder.Services.AddSingleton<SecurityHeaders>();
        // A year, this host only: subdomains (an old http-only archive, a mail host) are the paper's own business.
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        builder.Services.AddOptions<CookiePolicyOptions>().Configure<IOptions<MansetOptions>>((o, manset) =>
        {
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.Secure = manset.Value.Site.BaseUri.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    /// <summary>The headers, registered for the start of every response (first in the pipeline, so none escapes).</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use(headers.ApplyAsync);
        return app;
    }
}
