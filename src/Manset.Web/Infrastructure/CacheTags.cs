using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Names for output-cache tags. A public page tags itself with every article, category, tag and author
/// it shows; a write evicts exactly those tags (Publishing/PageCachePurge).
/// </summary>
public static class CacheTags
{
    /// <summary>Every public page: the shared chrome (menu, SON DAKİKA band) is on all of them.</summary>
    public const string Site = "site";
    public const string Home = "home";
    public const string Videos = "videos";
    /// <summary>Pages that print the ÇOK OKUNANLAR block (recomputed at most once a minute).</summary>
    public const string MostRead = "mostread";

    public static string Article(int id) => "a:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Category(int id) => "c:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Tag(int id) => "t:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Author(int id) => "au:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Video(int id) => "v:" + id.ToString(CultureInfo.InvariantCulture);
    /// <summary>The reaction counts of one article (evicted by every reaction).</summary>
    public static string ReactionCounts(int id) => "r:" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds tags to the response being cached, if it is being cached.</summary>
    public static void Add(HttpContext context, string tag) =>
        context.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(tag);

    public static void AddArticles(HttpContext context, IEnumerable<int> articleIds)
    {
        var tags = context.Features.Get<IOutputCacheFeature>()?.Context.Tags;
        if (tags is null) return;
        foreach (var id in articleIds) tags.Add(Article(id));
    }
}
