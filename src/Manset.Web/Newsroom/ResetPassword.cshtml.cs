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
public sealed class ResetPasswordModel(UserManager<User> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "e")]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Yeni parola gerekli."), DataType(DataType.Password), Display(Name = "Yeni parola")]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Parolalar aynı değil."), Display(Name = "Yeni parola (tekrar)")]
    public string Confirm { get; set; } = "";

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet()
    {
        ViewData["Title"] = "Yeni parola";
        return string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) ? RedirectToPage("/Newsroom/ForgotPassword") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Yeni parola";
        if (!ModelState.IsValid) return Page();
        // A link without its address or token (the fields are hidden in the form) is as invalid as an expired one.
        var user = string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) ? null : await users.FindByEmailAsync(Email);
        var result = user is null ? IdentityResult.Failed(new IdentityError { Description = "Bağlantı geçersiz ya da süresi dolmuş." })
            : await users.ResetPasswordAsync(user, Token!, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user!);
        await audit.RecordAsync(AuditActions.PasswordReset, user!.Email ?? "", "parola değiştirildi", user.Id, user.DisplayName);
        Message = "Parolanız değiştirildi; yeni parolanızla giriş yapabilirsiniz.";
        return RedirectToPage("/Newsroom/Login");
    }
}
