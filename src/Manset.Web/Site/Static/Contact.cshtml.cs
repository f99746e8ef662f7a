using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Site.Static;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class ContactModel : PageModel
{
    public void OnGet()
    {
        ViewData["Title"] = "İletişim";
        ViewData["Canonical"] = "/iletisim";
        ViewData["Description"] = "Haber ihbarı, düzeltme talebi ve reklam için bize ulaşın.";
    }
}
