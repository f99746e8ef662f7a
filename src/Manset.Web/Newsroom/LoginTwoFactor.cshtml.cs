using Manset.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Manset.Web.Newsroom;

/// <summary>The second step of the login: the six-digit code from the authenticator app.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginTwoFactorModel(SignInManager<User> signIn, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Kod gerekli."), Display(Name = "Doğrulama kodu")]
    public string Code { get; set; } = "";

    [BindProperty, Display(Name = "Bu cihazda bir daha sorma")]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>No first step to finish (it expired after five minutes, or never happened): the page says so.</summary>
    public bool Expired { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "İki adımlı doğrulama";
        // Said here rather than by a silent bounce to /giris: the person learns why the code is not asked for, and the
        // answer is the same page whatever the query says (a scanner following the bounce met a fresh antiforgery
        // token each time and read the differences as a boolean-based injection in RememberMe).
        Expired = await signIn.GetTwoFactorAuthenticationUserAsync() is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "İki adımlı doğrulama";
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Newsroom/Login");
        if (!ModelState.IsValid) return Page();
        var code = new string(Code.Where(char.IsDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberDevice);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.Login, user.Email ?? "", "iki adımlı", user.Id, user.DisplayName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("//", StringComparison.Ordinal) ? ReturnUrl : "/yonetim");
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.LockedOut, user.Email ?? "", "iki adımlı", user.Id, user.DisplayName);
            ModelState.AddModelError("", "Çok sayıda hatalı deneme nedeniyle hesap bir süreliğine kilitlendi.");
            return Page();
        }
        await audit.RecordAsync(AuditActions.LoginFailed, user.Email ?? "", "yanlış doğrulama kodu", user.Id, user.DisplayName);
        ModelState.AddModelError(nameof(Code), "Kod geçersiz ya da süresi dolmuş.");
        return Page();
    }
}
