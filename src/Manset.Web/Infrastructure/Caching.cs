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
                .Tag(CacheTags.Site));
        });
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css", "application/javascript", "application/json", "application/problem+json", "image/svg+xml", "application/xml"];
        });
        return builder;
    }
}
