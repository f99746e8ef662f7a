using Manset.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Newsroom;

public sealed class LogoutModel(SignInManager<User> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/yonetim");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true) await audit.RecordAsync(AuditActions.Logout, User.Identity.Name ?? "");
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
