using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;

namespace Manset.Web.Syndication;

/// <summary>
/// RSS feeds, sitemaps (index, monthly article sitemaps, categories, tags, videos, Google News) and robots.txt.
/// Every answer is output-cached and tagged like the pages it mirrors, so the purges of Publishing/ reach it.
/// </summary>
public static class SyndicationExtensions
{
    /// <summary>Output-cache policy of feeds and sitemaps: like public pages, but varied by <c>?tam=</c> (full-text feeds).</summary>
    public const string CachePolicy = "syndication";

    public static WebApplicationBuilder AddSyndication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection($"{MansetOptions.Section}:OutputCache").Get<OutputCacheSettings>() ?? new();
        builder.Services.AddOutputCache(o => o.AddPolicy(CachePolicy, p => p
            .Expire(TimeSpan.FromSeconds(settings.DurationSeconds))
            .SetVaryByQuery(Feeds.FullTextParameter)
            .SetVaryByHeader(Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding)
            .Tag(CacheTags.Site)));
        // Feeds and sitemaps compress well (the cache keeps the compressed copies, AcceptEncoding.Normalise).
        builder.Services.Configure<ResponseCompressionOptions>(o =>
            o.MimeTypes = o.MimeTypes.Concat([Feeds.ContentType, "text/plain"]).Distinct(StringComparer.Ordinal).ToArray());
        return builder;
    }

    public static WebApplication MapSyndication(this WebApplication app)
    {
        app.MapGet("/rss", Feeds.SiteAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/rss/yazar/{slug}", Feeds.AuthorAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/rss/etiket/{slug}", Feeds.TagAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/rss/{category}", Feeds.CategoryAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();

        app.MapGet("/sitemap.xml", Sitemaps.IndexAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/sitemap-articles-{month}.xml", Sitemaps.ArticlesAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/sitemap-categories.xml", Sitemaps.CategoriesAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/sitemap-tags.xml", Sitemaps.TagsAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/sitemap-videos.xml", Sitemaps.VideosAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/sitemap-news.xml", Sitemaps.NewsAsync).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        app.MapGet("/robots.txt", Sitemaps.Robots).CacheOutput(CachePolicy).AddEndpointFilter<SharedCacheHeaders>().ExcludeFromDescription();
        return app;
    }
}
