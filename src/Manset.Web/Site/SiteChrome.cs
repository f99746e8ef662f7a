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

    /// <summary>The blocks' generation (<see cref="SiteBlocks.Generation"/>) when this page read them; valid after <see cref="BlocksAsync"/>.</summary>
    public long Generation { get; private set; }

    /// <summary>
    /// HTML fragments (menu, band, footer, sidebar, an article's story) are kept in memory between renders, unless
    /// <see cref="OutputCacheSettings.DataSeconds"/> is 0 (every render from the database, for diagnosis and benchmarks).
    /// </summary>
    public bool Fragments => options.Value.OutputCache.DataSeconds > 0;

    /// <summary>How long a fragment built from the blocks is kept at most (they are rebuilt as often).</summary>
    public static readonly TimeSpan FragmentLife = TimeSpan.FromSeconds(30);

    public async Task<SharedBlocks> BlocksAsync()
    {
        if (_blocks is not null) return _blocks;
        // Read before the blocks: fragments rendered from blocks older than this number never get a newer key.
        Generation = blocks.Generation;
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
    public string Absolute(string path) => Join(Site, path);

    /// <summary>
    /// Our own paths (ASCII slugs, numbers, a query) are joined to the base as text; anything else (escapes, dot
    /// segments, other characters) goes through <see cref="Uri"/> as before. Sitemaps call this for every address.
    /// </summary>
    public static string Join(SiteOptions site, string path)
    {
        var relative = path.TrimStart('/');
        return Plain(relative) ? string.Concat(site.BaseText, relative) : new Uri(site.BaseUri, relative).ToString();
    }

    static readonly System.Buffers.SearchValues<char> PlainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./?=&");

    static bool Plain(string relative) =>
        !relative.AsSpan().ContainsAnyExcept(PlainChars) && !relative.Contains("..", StringComparison.Ordinal) && !relative.Contains("/.", StringComparison.Ordinal) && !relative.StartsWith('.');
}
