using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Manset.Web.Newsroom;

/// <summary>Şifremi unuttum: a reset link by e-mail (or into the pickup folder an administrator can read).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Login)]
public sealed class ForgotPasswordModel(UserManager<User> users, PasswordLinks links, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "E-posta gerekli."), EmailAddress(ErrorMessage = "Geçerli bir e-posta adresi girin."), Display(Name = "E-posta")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() => ViewData["Title"] = "Şifremi unuttum";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Şifremi unuttum";
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null)
        {
            await links.SendResetAsync(user, Request, ct);
            await audit.RecordAsync(AuditActions.PasswordReset, user.Email ?? "", "bağlantı istendi", user.Id, user.DisplayName, ct);
        }
        // Same answer for known and unknown addresses.
        Sent = true;
        return Page();
    }
}

/// <summary>Makes and sends password reset links (forgot-password page and administrators).</summary>
public sealed class PasswordLinks(UserManager<User> users, MailSender mail, IOptions<MansetOptions> options)
{
    public async Task<string> SendResetAsync(User user, HttpRequest request, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var link = $"{baseUrl}/giris/sifre-sifirla?e={Uri.EscapeDataString(user.Email!)}&t={Uri.EscapeDataString(token)}";
        var site = options.Value.Site.Name;
        await mail.SendAsync(user.Email!, $"{site}: parola sıfırlama",
            $"Merhaba {user.DisplayName},\n\n{site} yönetim paneli parolanızı sıfırlamak için aşağıdaki bağlantıyı iki saat içinde açın:\n\n{link}\n\n" +
            "Bu isteği siz yapmadıysanız bu e-postayı dikkate almayın; parolanız değişmez.\n", ct);
        return link;
    }
}
