using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class ContactModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = T["Contact"].Value;
        ViewData["Canonical"] = "/iletisim";
        ViewData["Description"] = T["ContactDescription"].Value;
    }
}
