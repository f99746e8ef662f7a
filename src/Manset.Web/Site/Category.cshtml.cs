using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class CategoryModel(MansetDb db, CategoryTree tree, IOptions<MansetOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public CategoryNode Category { get; private set; } = null!;
    public IReadOnlyList<CategoryNode> Path { get; private set; } = [];
    public IReadOnlyList<CategoryNode> Children { get; private set; } = [];
    public List<ArticleCard> Articles { get; private set; } = [];
    public PagerView Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var (category, ct) = (this.Text("category"), HttpContext.RequestAborted);
        var categories = await tree.GetAsync(ct);
        var node = categories.BySlug(category);
        if (node is null)
        {
            // "/Dünya" or "/DUNYA" → "/dunya"
            var canonical = categories.BySlug(Slug.From(category, ""));
            return canonical is null ? NotFound() : RedirectPermanent(Links.Category(canonical.Slug) + Request.QueryString);
        }
        if (Request.PageNumber() is not { } page) return RedirectPermanent(Links.Category(node.Slug));

        Category = node;
        Path = categories.Path(node.Id);
        Children = categories.Children(node.Id);
        var ids = categories.SelfAndDescendants(node.Id).ToList();
        var size = options.Value.Site.PageSize;
        var (items, total) = await ListAsync(db, ids, page, size, ct);
        Pager = new PagerView(Links.Category(node.Slug), page, PagerView.Count(total, size));
        if (page > Pager.Pages) return NotFound();
        Articles = items;

        CacheTags.Add(HttpContext, CacheTags.Category(node.Id));
        CacheTags.AddArticles(HttpContext, items.Select(a => a.Id));
        ViewData["Title"] = page > 1 ? T["PageOf", T["NewsOf", node.Name], page].Value : T["NewsOf", node.Name].Value;
        ViewData["Description"] = T["CategoryDescription", node.Name].Value;
        ViewData["Canonical"] = Pager.Href(page);
        return Page();
    }

    /// <summary>
    /// One page of the category's published articles (itself and everything under it), newest first, with the total for
    /// the pager (as far as it needs): what <see cref="SiteQueries.PageAsync"/> does, in the same two commands, with both queries compiled.
    /// </summary>
    static async Task<(List<ArticleCard> Items, int Total)> ListAsync(MansetDb db, List<int> ids, int page, int size, CancellationToken ct)
    {
        var total = await CountQuery.For(db)(db, ids, PagerView.CountLimit(page, size), ct);
        var items = new List<ArticleCard>(Math.Min(size, 100));
        await foreach (var card in PageQuery.For(db)(db, ids, (page - 1) * size, size).WithCancellation(ct)) items.Add(card);
        return (items, total);
    }

    static readonly PerModel<Func<MansetDb, List<int>, int, CancellationToken, Task<int>>> CountQuery = new(() => EF.CompileAsyncQuery(
        (MansetDb db, List<int> ids, int limit, CancellationToken ct) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && ids.Contains(a.CategoryId)).OrderByDescending(a => a.PublishedAt).Take(limit).Count()));

    static readonly PerModel<Func<MansetDb, List<int>, int, int, IAsyncEnumerable<ArticleCard>>> PageQuery = new(() => EF.CompileAsyncQuery(
        (MansetDb db, List<int> ids, int skip, int take) => db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && ids.Contains(a.CategoryId))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take)
            .Select(ArticleCard.Projection)));
}
