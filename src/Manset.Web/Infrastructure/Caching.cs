using Manset.Web.Site;

namespace Manset.Web.Infrastructure;

public static class CachePolicies
{
    /// <summary>Public pages: shared by every reader, varied only by the page number, evicted by tag on publish.</summary>
    public const string Site = "site";
}

public static class CachingExtensions
{
    public static WebApplicationBuilder AddMansetCaching(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection($"{MansetOptions.Section}:OutputCache").Get<OutputCacheSettings>() ?? new();
        builder.Services.AddMemoryCache();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.TagHelpers.CacheTagHelperOptions>(o => o.SizeLimit = settings.FragmentMegabytes * 1024L * 1024L);
        builder.Services.AddSingleton<SharedCacheHeaders>();
        builder.AddRenderGate();
        builder.Services.AddOutputCache(o =>
        {
            o.MaximumBodySize = settings.MaxResponseKilobytes * 1024L;
            o.AddPolicy(CachePolicies.Site, new SitePagePolicy(TimeSpan.FromSeconds(settings.DurationSeconds)));
        });
        builder.Services.AddResponseCompression(o =>
        {
            // Safe over HTTPS: pages that carry secrets (newsroom forms) are never compressed (AcceptEncoding.Normalise).
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "application/javascript", "application/json", "application/problem+json", "image/svg+xml", "application/xml"];
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }
}

/// <summary>
/// The output-cache policy of public pages (<see cref="CachePolicies.Site"/>): ASP.NET Core's default rules (GET and
/// HEAD only; never a request with credentials, an <c>Authorization</c> header or a user already signed in when an error
/// page is re-executed; never a response that sets a cookie or is not 200), kept <c>DurationSeconds</c>, varied only by
/// the page number and the Accept-Encoding (<see cref="AcceptEncoding.Normalise"/> makes it one of three values),
/// tagged <see cref="CacheTags.Site"/>. A request that carries one reader's own state (the article page after a
/// reaction without JavaScript, <c>?tepki=</c>) is rendered for that reader: never served from the cache, never stored.
/// Written out as one instance rather than built with <c>OutputCachePolicyBuilder</c>, whose default policy asks
/// <c>HttpContext.User</c> (an anonymous principal, five objects, made for every page served from the cache, which
/// runs before authentication: Pipeline.cs) and whose policies added by type are made per request in a DI scope.
/// </summary>
public sealed class SitePagePolicy(TimeSpan duration) : Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy
{
    static readonly Microsoft.Extensions.Primitives.StringValues QueryKeys = PagerView.Parameter;
    static readonly Microsoft.Extensions.Primitives.StringValues HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;

    public ValueTask CacheRequestAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var ownCopy = request.QueryString.HasValue && request.Query.ContainsKey("tepki");
        var shared = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(request.Headers.Authorization)
            && context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.Authentication.IHttpAuthenticationFeature>()?.User?.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = !ownCopy;
        context.AllowCacheLookup = shared && !ownCopy;
        context.AllowCacheStorage = shared && !ownCopy;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        context.CacheVaryByRules.HeaderNames = HeaderNames;
        context.Tags.Add(CacheTags.Site);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (!Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(response.Headers.SetCookie) || response.StatusCode != StatusCodes.Status200OK)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Reduces a request's Accept-Encoding to "br", "gzip" or nothing, the choice the compression middleware would make,
/// so that the output cache keeps at most three copies of a page, each compressed once, whatever browsers send.
/// Pages that carry secrets (newsroom forms, login) are not compressed at all: no BREACH.
/// </summary>
public static class AcceptEncoding
{
    static readonly string[] Secret = ["/yonetim", "/giris", "/cikis"];

    public static Task Normalise(HttpContext context, Func<Task> next)
    {
        var headers = context.Request.Headers;
        var path = context.Request.Path;
        string? chosen = null;
        if (!Secret.Any(s => path.StartsWithSegments(s, StringComparison.OrdinalIgnoreCase))) chosen = Choose(headers.AcceptEncoding.ToString());
        if (chosen is null) headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding);
        else headers.AcceptEncoding = chosen;
        return next();
    }

    /// <summary>Highest q-value among br and gzip wins, br on a tie; "*" means br; q=0 refuses.</summary>
    public static string? Choose(string header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        double br = -1, gzip = -1;
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var semi = part.IndexOf(';', StringComparison.Ordinal);
            var name = (semi < 0 ? part : part[..semi]).Trim();
            var q = 1.0;
            if (semi >= 0)
            {
                var parameter = part[(semi + 1)..].Trim();
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    !double.TryParse(parameter[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out q)) q = 0;
            }
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase)) br = q;
            else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase)) gzip = q;
            else if (name == "*")
            {
                if (br < 0) br = q;
                if (gzip < 0) gzip = q;
            }
        }
        if (br <= 0 && gzip <= 0) return null;
        return br >= gzip ? "br" : "gzip";
    }
}

/// <summary>
/// The headers a stored page carries, for browsers, proxies and CDNs: <c>Cache-Control</c> with
/// <c>stale-while-revalidate</c> and <c>stale-if-error</c>; a weak <c>ETag</c> naming this rendering and
/// <c>Last-Modified</c> (the output cache answers <c>If-None-Match</c>/<c>If-Modified-Since</c> with 304); the page's
/// tags as <c>Surrogate-Key</c> (Fastly) and <c>Cache-Tag</c> (Cloudflare) so a CDN can be purged by tag. With a CDN
/// purge URL configured, <c>Surrogate-Control</c>/<c>CDN-Cache-Control</c> let the CDN keep pages as long as we do.
/// Set after the handler ran (its tags are known) and before the page is written, so that the output cache stores
/// them with the page and every copy served from it carries the same values.
/// </summary>
public sealed class SharedCacheHeaders(Microsoft.Extensions.Options.IOptions<MansetOptions> options, TimeProvider clock)
    : Microsoft.AspNetCore.Mvc.Filters.IPageFilter, IEndpointFilter
{
    public void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        if (context.Exception is null && context.Result is null or Microsoft.AspNetCore.Mvc.RazorPages.PageResult) Apply(context.HttpContext);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: not (null or StatusCodes.Status200OK) }) Apply(context.HttpContext);
        return result;
    }

    /// <summary>For endpoints that write their body themselves (feeds, sitemaps): call before the first byte.</summary>
    public static void ApplyTo(HttpContext http) => http.RequestServices.GetRequiredService<SharedCacheHeaders>().Apply(http);

    /// <summary>Only on responses the output cache is going to store (public, shared by every reader).</summary>
    void Apply(HttpContext http)
    {
        var feature = http.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>();
        if (feature is null || !feature.Context.EnableOutputCaching || !feature.Context.AllowCacheStorage || http.Response.HasStarted) return;
        var settings = options.Value;
        var cache = settings.OutputCache;
        var headers = http.Response.Headers;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        headers.CacheControl = string.Create(inv,
            $"public, max-age={cache.BrowserSeconds}, s-maxage={cache.ProxySeconds}, stale-while-revalidate={cache.StaleWhileRevalidateSeconds}, stale-if-error={cache.StaleIfErrorSeconds}");
        if (!string.IsNullOrWhiteSpace(settings.Cdn.PurgeUrl))
        {
            var cdn = string.Create(inv, $"max-age={cache.DurationSeconds}, stale-while-revalidate={cache.StaleWhileRevalidateSeconds}, stale-if-error={cache.StaleIfErrorSeconds}");
            headers["Surrogate-Control"] = cdn;
            headers["CDN-Cache-Control"] = cdn;
        }
        headers.ETag = "W/\"" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) + "\"";
        headers.LastModified = clock.GetUtcNow().ToString("R", inv);
        var tags = feature.Context.Tags;
        if (tags.Count > 0)
        {
            headers["Surrogate-Key"] = string.Join(' ', tags);
            headers["Cache-Tag"] = string.Join(',', tags);
        }
    }
}
