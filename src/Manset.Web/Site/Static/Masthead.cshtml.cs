using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class MastheadModel : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = "Künye";
        ViewData["Canonical"] = "/kunye";
        ViewData["Description"] = "Yayıncı, yayın sorumluları ve iletişim bilgileri.";
    }
}
