using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

/// <summary>Denetim kaydı: who did what, when, from where; newest first, filtered by action and person.</summary>
[Authorize(Policy = Permissions.AuditRead)]
public sealed class AuditModel(MansetDb db) : PageModel
{
    const int Size = 50;
    [BindProperty(SupportsGet = true, Name = "islem")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "kisi")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true, Name = "sayfa")] public int PageNumber { get; set; } = 1;
    public List<AuditEntry> Rows { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];
    public int Pages { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Denetim kaydı";
        Actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Action)) query = query.Where(a => a.Action == Action);
        if (!string.IsNullOrWhiteSpace(Person)) query = query.Where(a => a.UserName.Contains(Person.Trim()) || a.Target.Contains(Person.Trim()));
        var total = await query.CountAsync(ct);
        Pages = Math.Max(1, (total + Size - 1) / Size);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * Size).Take(Size).ToListAsync(ct);
    }
}
