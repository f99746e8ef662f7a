using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class TagPageModel(MansetDb db, IOptions<MansetOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public ListPage List { get; private set; } = null!;

    const int LargeTag = 2000;

    public async Task<IActionResult> OnGetAsync()
    {
        var (slug, ct) = (this.Text("slug"), HttpContext.RequestAborted);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tag is null)
        {
            var folded = Slug.From(slug, "");
            if (folded != slug && await db.Tags.AnyAsync(t => t.Slug == folded, ct)) return RedirectPermanent(Links.Tag(folded));
            // A renamed or merged tag's old address.
            var moved = await db.TagRedirects.AsNoTracking().Where(r => r.OldSlug == folded).Select(r => r.Tag.Slug).FirstOrDefaultAsync(ct);
            return moved is null ? NotFound() : RedirectPermanent(Links.Tag(moved));
        }
        if (Request.PageNumber() is not { } page) return RedirectPermanent(Links.Tag(tag.Slug));
        var size = options.Value.Site.PageSize;
        // A tag on a few stories: read them through the tag's index; a tag on thousands (a city): walk the newest
        // published stories until a page of them is found, as the category pages do.
        var stories = db.ArticleTags.Where(t => t.TagId == tag.Id).Select(t => t.ArticleId);
        var tagged = await stories.OrderBy(id => id).Take(LargeTag).CountAsync(ct) < LargeTag
            ? db.Published().Where(a => stories.Contains(a.Id))
            : db.Published().Where(a => a.Tags.Any(t => t.TagId == tag.Id));
        var (items, total) = await tagged.PageAsync(page, size, ct);
        var pager = new PagerView(Links.Tag(tag.Slug), page, PagerView.Count(total, size));
        if (page > pager.Pages) return NotFound();
        List = new ListPage(tag.Name, T["TagIntro", tag.Name].Value, items, pager);

        CacheTags.Add(HttpContext, CacheTags.Tag(tag.Id));
        CacheTags.AddArticles(HttpContext, items.Select(a => a.Id));
        ViewData["Title"] = page > 1 ? T["PageOf", T["NewsOf", tag.Name], page].Value : T["NewsOf", tag.Name].Value;
        ViewData["Description"] = T["TagDescription", tag.Name].Value;
        ViewData["Canonical"] = pager.Href(page);
        return Page();
    }
}
