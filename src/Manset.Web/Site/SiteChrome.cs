using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

/// <summary>
/// Per request: what the layout prints around every public page (menu, band, blocks, footer), loaded once
/// and tagged into the output cache.
/// </summary>
public sealed class SiteChrome(SiteBlocks blocks, CategoryTree tree, IOptions<MansetOptions> options, TimeProvider clock, IHttpContextAccessor http)
{
    SharedBlocks? _blocks;
    CategorySnapshot? _categories;

    public SiteOptions Site => options.Value.Site;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<SharedBlocks> BlocksAsync()
    {
        if (_blocks is not null) return _blocks;
        _blocks = await blocks.GetAsync();
        if (http.HttpContext is { } context)
        {
            CacheTags.Add(context, CacheTags.Site);
            CacheTags.AddArticles(context, _blocks.ArticleIds);
        }
        return _blocks;
    }

    public async Task<CategorySnapshot> CategoriesAsync() => _categories ??= await tree.GetAsync();

    /// <summary>An absolute URL on the configured public address (canonical links, structured data).</summary>
    public string Absolute(string path) => new Uri(Site.BaseUri, path.TrimStart('/')).ToString();
}
