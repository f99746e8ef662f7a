using System.Security.Claims;
using Manset.Data;
using Manset.Web.Api;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed record TokenRow(int Id, string Name, string Prefix, string Owner, DateTimeOffset Created, DateTimeOffset? LastUsed, DateTimeOffset? Revoked);

/// <summary>API token'ları: one's own (create, revoke, last used); administrators see and revoke everyone's.</summary>
public sealed class TokensModel(MansetDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    public List<TokenRow> Rows { get; private set; } = [];
    public bool All => Permissions.Has(User, Permissions.UsersManage);
    [TempData] public string? Message { get; set; }
    [TempData] public string? NewToken { get; set; }
    string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "API token'ları";
        var query = db.ApiTokens.AsNoTracking();
        if (!All) query = query.Where(t => t.UserId == Me);
        Rows = await query.OrderByDescending(t => t.Id)
            .Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.User.DisplayName + " <" + t.User.Email + ">", t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string name, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > Limits.NameMax) { Message = "Token'a bir ad verin."; return RedirectToPage(); }
        var (token, hash, display) = ApiTokens.Create();
        db.ApiTokens.Add(new ApiToken { UserId = Me, Name = name, Hash = hash, Prefix = display, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.TokenCreate, name, display, ct);
        NewToken = token;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && (All || t.UserId == Me), ct);
        if (token is null) return NotFound();
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.TokenRevoke, token.Name, token.Prefix, ct);
        Message = $"'{token.Name}' iptal edildi; bu token'la yapılan istekler artık reddedilir.";
        return RedirectToPage();
    }
}
