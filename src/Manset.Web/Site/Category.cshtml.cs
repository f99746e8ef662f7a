using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
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

    public async Task<IActionResult> OnGetAsync(string category, CancellationToken ct)
    {
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
        var (items, total) = await db.Published().Where(a => ids.Contains(a.CategoryId)).PageAsync(page, size, ct);
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
}
