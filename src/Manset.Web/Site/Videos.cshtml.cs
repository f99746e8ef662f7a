using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

/// <summary><c>/video</c> and <c>/video/kategori/{slug}</c>: the video list, all or one category's.</summary>
[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class VideosModel(MansetDb db, CategoryTree tree, IOptions<MansetOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public List<VideoCard> Videos { get; private set; } = [];
    public PagerView Pager { get; private set; } = null!;
    public CategoryNode? Category { get; private set; }
    public List<CategoryNode> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? category, CancellationToken ct)
    {
        var categories = await tree.GetAsync(ct);
        var path = Links.Videos;
        var query = db.Videos.AsNoTracking().Where(v => v.IsPublished);
        if (category is not null)
        {
            Category = categories.BySlug(category);
            if (Category is null) return NotFound();
            var ids = categories.SelfAndDescendants(Category.Id).ToList();
            query = query.Where(v => v.CategoryId != null && ids.Contains(v.CategoryId.Value));
            path = Links.VideoCategory(Category.Slug);
        }
        if (Request.PageNumber() is not { } page) return RedirectPermanent(path);
        var size = options.Value.Site.PageSize;
        var total = await query.OrderByDescending(v => v.PublishedAt).Take(PagerView.CountLimit(page, size)).CountAsync(ct);
        Pager = new PagerView(path, page, PagerView.Count(total, size));
        if (page > Pager.Pages) return NotFound();
        Videos = await query.OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
            .Skip((page - 1) * size).Take(size).Select(VideoCard.Projection).ToListAsync(ct);
        var withVideos = await db.Videos.AsNoTracking().Where(v => v.IsPublished && v.CategoryId != null)
            .Select(v => v.CategoryId!.Value).Distinct().ToListAsync(ct);
        Categories = withVideos.Select(id => categories[id]).OfType<CategoryNode>()
            .Select(c => categories.RootOf(c.Id) ?? c).DistinctBy(c => c.Id)
            .OrderBy(c => c.SortOrder).ToList();

        CacheTags.Add(HttpContext, CacheTags.Videos);
        ViewData["Title"] = Category is null ? T["VideosTitle"].Value : T["VideosOf", Category.Name].Value;
        ViewData["Canonical"] = Pager.Href(page);
        return Page();
    }
}
