using Manset.Data;
using Manset.Web.Engagement;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Manset.Web.Site;

public sealed record Byline(string Name, string Slug, string? Title);
public sealed record TagLink(int Id, string Name, string Slug);
public sealed record VideoView(int Id, string Title, string Slug, string? EmbedUrl, string? FileKey, string? FileType, ImageRef? Poster, int DurationSeconds, string? CaptionsKey)
{
    public string Url => Links.Video(Slug, Id);

    /// <summary>"1:34"; empty when unknown.</summary>
    public string Duration => DurationSeconds <= 0 ? "" : $"{DurationSeconds / 60}:{DurationSeconds % 60:00}";
}

/// <summary>An article as its page prints it.</summary>
public sealed record ArticleView(
    int Id, string Title, string Slug, string Spot, string Body, int CategoryId, string CategorySlug, string? Source,
    ArticleStatus Status, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt, DateTimeOffset ModifiedAt,
    ImageRef? Image, string? ImageCaption, string? ImageCredit, VideoView? Video, ArticleStats? Stats)
{
    public List<Byline> Authors { get; init; } = [];
    public List<TagLink> Tags { get; init; } = [];
    public string Url => Links.Article(CategorySlug, Slug, Id);
}

public static class ArticleViews
{
    /// <summary>An article with everything its page prints, in one round trip per collection, whatever its status.</summary>
    public static Task<ArticleView?> LoadAsync(MansetDb db, int id, CancellationToken ct) => Compiled.For(db)(db, id, ct);

    /// <summary>
    /// The query, compiled once per model (EF.CompileAsyncQuery: no expression hashing or cache lookup per call). EF
    /// supports this shape compiled: a projection with two collections, split into three commands.
    /// </summary>
    static readonly PerModel<Func<MansetDb, int, CancellationToken, Task<ArticleView?>>> Compiled = new(() => EF.CompileAsyncQuery(
        (MansetDb db, int id, CancellationToken ct) => db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleView(
                a.Id, a.Title, a.Slug, a.Spot, a.Body, a.CategoryId, a.Category.Slug, a.Source, a.Status,
                a.PublishedAt ?? a.CreatedAt, a.EditedAt, a.ModifiedAt,
                a.Image == null ? null : new ImageRef(a.Image.StorageKey, a.Image.Width, a.Image.Height, a.Image.Renditions, a.Image.HasWebp),
                a.ImageCaption, a.ImageCredit,
                a.Video == null ? null : new VideoView(a.Video.Id, a.Video.Title, a.Video.Slug, a.Video.EmbedUrl,
                    a.Video.File == null ? null : a.Video.File.StorageKey,
                    a.Video.File == null ? null : a.Video.File.ContentType,
                    a.Video.Poster == null ? null : new ImageRef(a.Video.Poster.StorageKey, a.Video.Poster.Width, a.Video.Poster.Height, a.Video.Poster.Renditions, a.Video.Poster.HasWebp),
                    a.Video.DurationSeconds,
                    a.Video.Captions == null ? null : a.Video.Captions.StorageKey),
                a.Stats)
            {
                Authors = a.Authors.OrderBy(x => x.Order).Select(x => new Byline(x.Author.Name, x.Author.Slug, x.Author.Title)).ToList(),
                Tags = a.Tags.OrderBy(t => t.Order).Select(t => new TagLink(t.TagId, t.Tag.Name, t.Tag.Slug)).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefault()));
}

/// <summary>
/// What an article page is rendered from, kept in memory for a short while (<see cref="OutputCacheSettings.DataSeconds"/>)
/// and dropped by every purge, so that a page the output cache does not hold (a first visit, another page number,
/// the output cache switched off) is rendered without a database round trip. Bounded: a crawler walking a million
/// articles keeps at most <see cref="Capacity"/> of them here.
/// </summary>
public sealed class ArticlePageData(SiteBlocks blocks, Microsoft.Extensions.Options.IOptions<MansetOptions> options) : IDisposable
{
    public const int Capacity = 500;
    public sealed record Entry(ArticleView? Article, List<ArticleCard> Related)
    {
        /// <summary>The page's JSON-LD, made by the first render that needs it (it depends only on what is cached here and the site's name).</summary>
        public string? StructuredData { get; set; }
    }

    readonly Microsoft.Extensions.Caching.Memory.MemoryCache _cache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = Capacity, TrackStatistics = true });
    readonly Doorkeeper _doorkeeper = new(1 << 14);

    /// <summary>The article's page data; <c>Kept</c> when it came from memory (the article is being read right now).</summary>
    public async Task<(Entry Entry, bool Kept)> GetAsync(int id, Func<Task<Entry>> load)
    {
        var seconds = options.Value.OutputCache.DataSeconds;
        if (seconds == 0) return (await load(), false);
        if (_cache.TryGetValue(id, out Entry? entry)) return (entry!, true);
        var changes = blocks.Changes; // taken before loading: a publish during the load drops what we read
        entry = await load();
        // Past half full, an article is kept on its second render: a crawl of the archive does not churn the memory.
        if (_cache.GetCurrentStatistics()?.CurrentEstimatedSize > Capacity / 2 && !_doorkeeper.Admit(id)) return (entry, false);
        _cache.Set(id, entry, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds),
            ExpirationTokens = { changes },
        });
        return (entry, false);
    }

    public void Dispose() => _cache.Dispose();
}

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class ArticleModel(MansetDb db, CategoryTree tree, SiteChrome chrome, ReaderCookie readers, ReactionService reactions, ArticlePageData pages,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public IReadOnlyList<CategoryNode> Path { get; private set; } = [];
    public List<ArticleCard> Related { get; private set; } = [];
    public string StructuredData { get; private set; } = "";
    /// <summary>The reader's own reaction, known only on the uncached copy shown after a reaction (<c>?tepki=</c>).</summary>
    public string? Mine { get; private set; }
    /// <summary>What happened to the reader's reaction, on that same copy.</summary>
    public string? Notice { get; private set; }
    /// <summary>Rendered again since its page data was read (other encodings, output cache off): worth keeping its story.</summary>
    public bool Hot { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (category, slug, id, ct) = (this.Text("category"), this.Text("slug"), this.Number("id"), HttpContext.RequestAborted);
        async Task<ArticlePageData.Entry> LoadAsync()
        {
            var loaded = await ArticleViews.LoadAsync(db, id, ct);
            return new ArticlePageData.Entry(loaded, loaded?.Status == ArticleStatus.Published ? await RelatedAsync(loaded, ct) : []);
        }
        // One reader's own copy after a reaction shows the counts as they are now, not as kept in memory.
        var (data, kept) = Request.Query.ContainsKey("tepki") ? (await LoadAsync(), false) : await pages.GetAsync(id, LoadAsync);
        Hot = kept;
        var article = data.Article;

        if (article is null) return NotFound();
        if (article.Status == ArticleStatus.Unpublished) return StatusCode(StatusCodes.Status410Gone);
        if (article.Status != ArticleStatus.Published) return NotFound();
        if (article.CategorySlug != category || article.Slug != slug) return RedirectPermanent(article.Url);

        Article = article;
        var categories = await tree.GetAsync(ct);
        Path = categories.Path(article.CategoryId);
        Related = data.Related;
        await chrome.BlocksAsync();
        StructuredData = data.StructuredData ??= Site.StructuredData.ForArticle(article, Path, chrome);

        CacheTags.AddArticles(HttpContext, Related.Select(r => r.Id).Append(article.Id));
        if (Request.Query["tepki"].ToString() is { Length: > 0 } outcome)
        {
            // Not cached (SitePagePolicy): this copy is for the reader who just reacted without JavaScript.
            if (readers.Read(HttpContext) is { } reader) Mine = await reactions.MineAsync(article.Id, reader, ct);
            Notice = outcome switch
            {
                "geri" => T["ReactionRemoved"].Value,
                "cerez" => T["ReactionNeedsCookie"].Value,
                "sinir" => T["ReactionTooOften"].Value,
                "gecersiz" => T["ReactionInvalid"].Value,
                _ => Reactions.Find(outcome) is not null ? T["ReactionSaved"].Value : null,
            };
            ViewData["NoIndex"] = true;
        }
        else
        {
            ViewData["ArticleId"] = article.Id;
        }
        ViewData["Title"] = article.Title;
        ViewData["Description"] = article.Spot.Length > 0 ? article.Spot : article.Title;
        ViewData["Canonical"] = article.Url;
        return Page();
    }

    const int RelatedCandidatesPerTag = 200;

    /// <summary>Candidates whose status and publication time are read, the best by tags shared and id.</summary>
    const int RelatedShortlist = 40;

    /// <summary>Stories sharing the most tags, newest first; the category's latest when tags give too few.</summary>
    async Task<List<ArticleCard>> RelatedAsync(ArticleView article, CancellationToken ct)
    {
        var tagIds = article.Tags.Select(t => t.Id).ToList();
        var related = new List<ArticleCard>();
        if (tagIds.Count > 0)
        {
            // Candidates: the latest stories of each of the article's tags (a bounded read of the (TagId, ArticleId)
            // index each, however many thousands a tag like a city's carries), counted by tags shared. Only a
            // shortlist of them, the most tags shared and the newest ids first (ids grow with time, as the candidates'
            // window already assumes), is looked up in Articles (published? when?) and ranked by tags shared, then
            // publication time: an article row fills a page of its own, and looking up all 800 candidates read 800
            // pages per render (4-8 ms with 200,000 articles, against about 0.5 ms for the shortlist; bench/scale.sh row d).
            var candidates = tagIds.Select(tagId => db.ArticleTags.AsNoTracking()
                    .Where(t => t.TagId == tagId && t.ArticleId != article.Id)
                    .OrderByDescending(t => t.ArticleId).Take(RelatedCandidatesPerTag).Select(t => t.ArticleId))
                .Aggregate(Queryable.Concat);
            var ranked = await candidates.GroupBy(id => id).Select(g => new { Id = g.Key, Shared = g.Count() })
                .OrderByDescending(x => x.Shared).ThenByDescending(x => x.Id).Take(RelatedShortlist)
                .Join(db.Published(), g => g.Id, a => a.Id, (g, a) => new { g.Id, g.Shared, a.PublishedAt })
                .OrderByDescending(x => x.Shared).ThenByDescending(x => x.PublishedAt)
                .Take(4).Select(x => x.Id).ToListAsync(ct);
            var cards = await db.Published().Where(a => ranked.Contains(a.Id)).Select(ArticleCard.Projection).ToListAsync(ct);
            related.AddRange(ranked.Select(id => cards.Find(c => c.Id == id)).OfType<ArticleCard>());
        }
        if (related.Count < 4)
        {
            var seen = related.Select(r => r.Id).Append(article.Id).ToList();
            related.AddRange(await db.Published().Where(a => a.CategoryId == article.CategoryId && !seen.Contains(a.Id))
                .OrderByDescending(a => a.PublishedAt).Take(4 - related.Count).Select(ArticleCard.Projection).ToListAsync(ct));
        }
        return related;
    }
}
