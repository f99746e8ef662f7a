using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Newsroom.Account;

/// <summary>Hesabım: change the password, see two-step verification and API tokens.</summary>
public sealed class IndexModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit) : PageModel
{
    public User Me { get; private set; } = null!;
    public IList<string> MyRoles { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Şu anki parola gerekli."), DataType(DataType.Password), Display(Name = "Şu anki parola")]
    public string Current { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Yeni parola gerekli."), DataType(DataType.Password), Display(Name = "Yeni parola")]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Parolalar aynı değil."), Display(Name = "Yeni parola (tekrar)")]
    public string Confirm { get; set; } = "";

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(Me, Current, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return Page();
        }
        // The new security stamp signs out the other sessions; this one stays signed in.
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync(AuditActions.PasswordChange, Me.Email ?? "");
        Message = "Parolanız değiştirildi. Diğer cihazlardaki oturumlar birkaç dakika içinde kapanacak.";
        return RedirectToPage();
    }

    async Task<bool> LoadAsync()
    {
        ViewData["Title"] = "Hesabım";
        var me = await users.GetUserAsync(User);
        if (me is null) return false;
        Me = me;
        MyRoles = await users.GetRolesAsync(me);
        return true;
    }
}
