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
        builder.Services.AddOutputCache(o =>
        {
            o.SizeLimit = 256L * 1024 * 1024;
            o.AddPolicy(CachePolicies.Site, p => p
                .Expire(TimeSpan.FromSeconds(settings.DurationSeconds))
                .SetVaryByQuery(PagerView.Parameter)
                // The cache stores compressed pages; AcceptEncoding.Normalise makes this header one of three values.
                .SetVaryByHeader(Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding)
                .Tag(CacheTags.Site)
                .AddPolicy<ReaderStateBypass>());
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
/// A request that carries one reader's own state (the article page after a reaction without JavaScript, <c>?tepki=</c>)
/// is rendered for that reader: never served from the cache, never stored in it.
/// </summary>
sealed class ReaderStateBypass : Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Request.Query.ContainsKey("tepki"))
        {
            context.EnableOutputCaching = false;
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
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
