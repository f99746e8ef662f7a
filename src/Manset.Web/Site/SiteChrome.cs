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

    /// <summary>The paper's name: the site setting when the newsroom set one, else configuration. Valid after <see cref="BlocksAsync"/>.</summary>
    public string Name { get; private set; } = options.Value.Site.Name;

    /// <summary>The publisher (masthead, structured data), the same way.</summary>
    public string Publisher { get; private set; } = options.Value.Site.Publisher;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<SharedBlocks> BlocksAsync()
    {
        if (_blocks is not null) return _blocks;
        _blocks = await blocks.GetAsync();
        if (_blocks.Setting(SettingKeys.SiteName) is { Length: > 0 } name) Name = name;
        if (_blocks.Setting(SettingKeys.Publisher) is { Length: > 0 } publisher) Publisher = publisher;
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
