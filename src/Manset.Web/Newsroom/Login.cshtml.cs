using Manset.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Manset.Web.Newsroom;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, AuditLog audit, ILogger<LoginModel> log,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty, Required(ErrorMessage = "E-posta gerekli."), EmailAddress(ErrorMessage = "Geçerli bir e-posta adresi girin."), Display(Name = "E-posta")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Parola gerekli."), DataType(DataType.Password), Display(Name = "Parola")]
    public string Password { get; set; } = "";

    [BindProperty, Display(Name = "Beni hatırla")]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
        ViewData["Title"] = T["Login"].Value;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = T["Login"].Value;
        if (!ModelState.IsValid) return Page();
        var target = Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("//", StringComparison.Ordinal) ? ReturnUrl : "/yonetim";
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                log.LogInformation("Yönetim paneline giriş: {UserId}", user.Id);
                await audit.RecordAsync(AuditActions.Login, user.Email ?? "", "", user.Id, user.DisplayName);
                return LocalRedirect(target);
            }
            if (result.RequiresTwoFactor)
            {
                return RedirectToPage("/Newsroom/LoginTwoFactor", new { ReturnUrl = target, RememberMe });
            }
            if (result.IsLockedOut)
            {
                await audit.RecordAsync(AuditActions.LockedOut, user.Email ?? "", "", user.Id, user.DisplayName);
                ModelState.AddModelError("", "Çok sayıda hatalı deneme nedeniyle hesap bir süreliğine kilitlendi. Lütfen daha sonra yeniden deneyin.");
                return Page();
            }
            await audit.RecordAsync(AuditActions.LoginFailed, user.Email ?? "", "", user.Id, user.DisplayName);
        }
        else
        {
            await audit.RecordAsync(AuditActions.LoginFailed, Email.Trim(), "bilinmeyen e-posta", null, "");
        }
        // The same words whether the e-mail exists or not: nothing to learn from the answer.
        ModelState.AddModelError("", "E-posta ya da parola hatalı.");
        return Page();
    }
}
