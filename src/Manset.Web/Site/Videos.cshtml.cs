using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class VideosModel(MansetDb db, IOptions<MansetOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public List<VideoCard> Videos { get; private set; } = [];
    public PagerView Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Request.PageNumber() is not { } page) return RedirectPermanent(Links.Videos);
        var size = options.Value.Site.PageSize;
        var query = db.Videos.AsNoTracking().Where(v => v.IsPublished);
        var total = await query.CountAsync(ct);
        Pager = new PagerView(Links.Videos, page, PagerView.Count(total, size));
        if (page > Pager.Pages) return NotFound();
        Videos = await query.OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
            .Skip((page - 1) * size).Take(size).Select(VideoCard.Projection).ToListAsync(ct);
        CacheTags.Add(HttpContext, CacheTags.Videos);
        ViewData["Title"] = T["VideosTitle"].Value;
        ViewData["Canonical"] = Pager.Href(page);
        return Page();
    }
}
