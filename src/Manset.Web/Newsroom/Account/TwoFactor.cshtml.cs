using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Manset.Web.Newsroom.Account;

/// <summary>Two-step verification with an authenticator app: QR code, key, confirmation code; turning it off.</summary>
public sealed class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, IUserStore<User> store, AuditLog audit, IOptions<MansetOptions> options) : PageModel
{
    public User Me { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Required { get; private set; }

    [BindProperty, Display(Name = "Uygulamadaki kod")]
    public string? Code { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(bool zorunlu = false)
    {
        if (!await LoadAsync()) return Challenge();
        Required = zorunlu;
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Kod doğrulanamadı. Uygulamadaki güncel kodu girin.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(Me, true);
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync(AuditActions.TwoFactor, Me.Email ?? "", "açıldı");
        Message = "İki adımlı doğrulama açıldı. Bundan sonra girişte uygulamadaki kod da sorulacak.";
        return RedirectToPage("/Newsroom/Account/Index");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (!await LoadAsync()) return Challenge();
        await users.SetTwoFactorEnabledAsync(Me, false);
        await users.ResetAuthenticatorKeyAsync(Me);
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync(AuditActions.TwoFactor, Me.Email ?? "", "kapatıldı");
        Message = "İki adımlı doğrulama kapatıldı.";
        return RedirectToPage("/Newsroom/Account/Index");
    }

    async Task<bool> LoadAsync()
    {
        ViewData["Title"] = "İki adımlı doğrulama";
        var me = await users.GetUserAsync(User);
        if (me is null) return false;
        Me = me;
        if (!me.TwoFactorEnabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(me);
            if (string.IsNullOrEmpty(key))
            {
                // The first look at this page makes the key its QR code shows. Not through ResetAuthenticatorKeyAsync,
                // which also renews the security stamp: a look (or a crawler's) would end every session of the person,
                // this one included, at the next check. A key not yet confirmed guards nothing; turning verification
                // on (or off) renews the stamp and keeps this session.
                key = users.GenerateNewAuthenticatorKey();
                await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(me, key, HttpContext.RequestAborted);
                var saved = await users.UpdateAsync(me);
                // Fails only when another tab saved this person at the same moment; a reload shows the key.
                if (!saved.Succeeded) throw new InvalidOperationException(string.Join(" ", saved.Errors.Select(e => e.Code)));
            }
            Key = key!;
            QrSvg = Authenticator.QrSvg(Authenticator.Uri(options.Value.Site.Name, me.Email!, Key));
        }
        return true;
    }
}
