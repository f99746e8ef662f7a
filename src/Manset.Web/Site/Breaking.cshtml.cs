using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

/// <summary>/son-dakika: every breaking story, newest first, live ones marked.</summary>
[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class BreakingModel(MansetDb db, IOptions<MansetOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public ListPage List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Request.PageNumber() is not { } page) return RedirectPermanent(Links.Breaking);
        var size = options.Value.Site.PageSize;
        var (items, total) = await db.Published().Where(a => a.IsBreaking).PageAsync(page, size, ct);
        var pager = new PagerView(Links.Breaking, page, PagerView.Count(total, size));
        if (page > pager.Pages) return NotFound();
        List = new ListPage(Turkish.Upper(T["Breaking"]), T["BreakingIntro"].Value, items, pager);
        CacheTags.Add(HttpContext, CacheTags.Site);
        CacheTags.AddArticles(HttpContext, items.Select(a => a.Id));
        ViewData["Title"] = T["BreakingTitle"].Value;
        ViewData["Canonical"] = pager.Href(page);
        return Page();
    }
}
