using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class MastheadModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = T["Masthead"].Value;
        ViewData["Canonical"] = "/kunye";
        ViewData["Description"] = T["MastheadDescription"].Value;
    }
}
