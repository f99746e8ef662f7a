using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class PrivacyModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = T["PrivacyTitle"].Value;
        ViewData["Canonical"] = "/gizlilik";
        ViewData["Description"] = T["PrivacyDescription"].Value;
    }
}
