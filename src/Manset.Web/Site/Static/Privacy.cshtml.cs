using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class PrivacyModel : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = "Gizlilik ve Kişisel Verilerin Korunması";
        ViewData["Canonical"] = "/gizlilik";
        ViewData["Description"] = "6698 sayılı KVKK kapsamında aydınlatma metni ve çerez politikası.";
    }
}
