using System.Security.Cryptography;
using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed record UserRow(string Id, string Name, string Email, string Role, bool TwoFactor, DateTimeOffset? LockedUntil, DateTimeOffset Created);

/// <summary>Kullanıcılar: newsroom accounts and roles, locks, password reset links, and mail waiting in the pickup folder.</summary>
[Authorize(Policy = Permissions.UsersManage)]
public sealed class UsersModel(UserManager<User> users, MansetDb db, PasswordLinks links, MailSender mail, AuditLog audit, TimeProvider clock) : PageModel
{
    public List<UserRow> Rows { get; private set; } = [];
    public List<PickedUpMail> Pending { get; private set; } = [];
    public bool Smtp => mail.UsesSmtp;
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Kullanıcılar";
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        Rows = (await db.Users.AsNoTracking().ToListAsync(ct))
            .Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "", u.TwoFactorEnabled,
                u.LockoutEnd > clock.GetUtcNow() ? u.LockoutEnd : null, u.CreatedAt))
            .OrderBy(u => u.Name, Turkish.Comparer).ToList();
        if (!Smtp) Pending = await mail.PickedUpAsync(10, ct);
    }

    /// <summary>A new account: no password is chosen for anyone; the person sets their own through the reset link.</summary>
    public async Task<IActionResult> OnPostCreateAsync(string email, string name, string role, CancellationToken ct)
    {
        if (!Roles.All.Contains(role)) { Message = "Bilinmeyen rol."; return RedirectToPage(); }
        var user = new User { UserName = email?.Trim(), Email = email?.Trim(), EmailConfirmed = true, DisplayName = name?.Trim() ?? "", CreatedAt = clock.GetUtcNow() };
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) + "aA1";
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) { Message = string.Join(" ", created.Errors.Select(e => e.Description)); return RedirectToPage(); }
        await users.AddToRoleAsync(user, role);
        await links.SendResetAsync(user, Request, ct);
        await audit.RecordAsync(AuditActions.UserCreate, user.Email!, Roles.DisplayName(role), ct);
        Message = $"{user.DisplayName} oluşturuldu; parolasını belirlemesi için bağlantı gönderildi{(Smtp ? "" : " (aşağıda, bekleyen e-postalarda)")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || !Roles.All.Contains(role)) return NotFound();
        if (user.Id == users.GetUserId(User) && role != Roles.Yonetici) { Message = "Kendi yönetici rolünüzü kaldıramazsınız."; return RedirectToPage(); }
        var old = await users.GetRolesAsync(user);
        if (old.Count == 1 && old[0] == role)
        {
            // The form sent as it was drawn: nothing changes, and no session ends (a new security stamp would sign
            // the person out everywhere, the one who pressed the button included when it is their own row).
            Message = $"{user.DisplayName} zaten {Roles.DisplayName(role)}.";
            return RedirectToPage();
        }
        await users.RemoveFromRolesAsync(user, old);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.RoleChange, user.Email!, $"{string.Join(",", old)} → {role}", ct);
        Message = $"{user.DisplayName}: rol {Roles.DisplayName(role)} oldu.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLockAsync(string id, bool locked, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.Id == users.GetUserId(User)) { Message = "Kendi hesabınızı kilitleyemezsiniz."; return RedirectToPage(); }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            // Out of every session and every API token at once.
            await users.UpdateSecurityStampAsync(user);
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct);
        }
        else await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.UserLock, user.Email!, locked ? "kilitlendi" : "kilit açıldı", ct);
        Message = $"{user.DisplayName} {(locked ? "kilitlendi; oturumları ve token'ları kapatıldı" : "hesabının kilidi açıldı")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await links.SendResetAsync(user, Request, ct);
        await audit.RecordAsync(AuditActions.PasswordReset, user.Email!, "yönetici bağlantı gönderdi", ct);
        Message = $"{user.DisplayName} için parola sıfırlama bağlantısı gönderildi.";
        return RedirectToPage();
    }
}
