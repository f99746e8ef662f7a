using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class AuthorPageModel(MansetDb db, IOptions<MansetOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public Author Author { get; private set; } = null!;
    public ListPage List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var (slug, ct) = (this.Text("slug"), HttpContext.RequestAborted);
        var author = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (author is null) return NotFound();
        if (Request.PageNumber() is not { } page) return RedirectPermanent(Links.Author(author.Slug));
        var size = options.Value.Site.PageSize;
        var (items, total) = await db.Published().Where(a => a.Authors.Any(x => x.AuthorId == author.Id)).PageAsync(page, size, ct);
        var pager = new PagerView(Links.Author(author.Slug), page, PagerView.Count(total, size));
        if (page > pager.Pages) return NotFound();
        Author = author;
        List = new ListPage(author.Name, author.Title, items, pager);

        CacheTags.Add(HttpContext, CacheTags.Author(author.Id));
        CacheTags.AddArticles(HttpContext, items.Select(a => a.Id));
        ViewData["Title"] = page > 1 ? T["PageOf", T["NewsOf", author.Name], page].Value : T["NewsOf", author.Name].Value;
        ViewData["Description"] = author.Bio ?? T["AuthorDescription", author.Name].Value;
        ViewData["Canonical"] = pager.Href(page);
        return Page();
    }
}
