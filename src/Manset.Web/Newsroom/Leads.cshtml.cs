using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed record LeadRow(int Id, string Title, string CategoryName, DateTimeOffset? PublishedAt);

/// <summary>
/// Manşetler: the order of the manşet slider and the sürmanşet row. Drag and drop with JavaScript; without it, the
/// up/down/remove buttons and the add form. Every change evicts the home page at once.
/// </summary>
[Authorize(Policy = Permissions.LeadsManage)]
public sealed class LeadsModel(MansetDb db, PageCachePurge purge, AuditLog audit) : PageModel
{
    public List<LeadRow> Manset { get; private set; } = [];
    public List<LeadRow> Surmanset { get; private set; } = [];
    public List<LeadRow> Candidates { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Manşetler";
        Manset = await RowsAsync(LeadSlot.Manset, ct);
        Surmanset = await RowsAsync(LeadSlot.Surmanset, ct);
        var used = Manset.Concat(Surmanset).Select(r => r.Id).ToList();
        Candidates = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && !used.Contains(a.Id))
            .OrderByDescending(a => a.PublishedAt).Take(40)
            .Select(a => new LeadRow(a.Id, a.Title, a.Category.Name, a.PublishedAt)).ToListAsync(ct);
    }

    /// <summary>Saves both rows at once: the ids in their new order (the drag-and-drop form posts this).</summary>
    public async Task<IActionResult> OnPostOrderAsync(List<int> manset, List<int> surmanset, CancellationToken ct)
    {
        await ApplyAsync(manset, surmanset, ct);
        return RedirectToPage();
    }

    /// <summary>One step without JavaScript: up, down, remove, or add to a row.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, string row, string step, CancellationToken ct)
    {
        var manset = (await RowsAsync(LeadSlot.Manset, ct)).Select(r => r.Id).ToList();
        var surmanset = (await RowsAsync(LeadSlot.Surmanset, ct)).Select(r => r.Id).ToList();
        manset.Remove(id);
        surmanset.Remove(id);
        var target = row == "surmanset" ? surmanset : manset;
        var before = (row == "surmanset" ? await RowsAsync(LeadSlot.Surmanset, ct) : await RowsAsync(LeadSlot.Manset, ct)).FindIndex(r => r.Id == id);
        switch (step)
        {
            case "yukari": target.Insert(Math.Max(0, before - 1), id); break;
            case "asagi": target.Insert(Math.Min(target.Count, before + 1), id); break;
            case "ekle": target.Add(id); break;
        }
        await ApplyAsync(manset, surmanset, ct);
        return RedirectToPage();
    }

    async Task ApplyAsync(List<int> manset, List<int> surmanset, CancellationToken ct)
    {
        manset = manset.Distinct().Take(10).ToList();
        surmanset = surmanset.Distinct().Where(id => !manset.Contains(id)).Take(8).ToList();
        var chosen = manset.Concat(surmanset).ToList();
        var published = await db.Articles.Where(a => chosen.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Articles.Where(a => a.Slot != LeadSlot.None && !published.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Slot, LeadSlot.None).SetProperty(a => a.SlotOrder, 0), ct);
        foreach (var (list, slot) in new[] { (manset, LeadSlot.Manset), (surmanset, LeadSlot.Surmanset) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var id = list[i];
                if (!published.Contains(id)) continue;
                var order = i + 1;
                await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Slot, slot).SetProperty(a => a.SlotOrder, order), ct);
            }
        }
        await transaction.CommitAsync(ct);
        await purge.PurgeAsync([CacheTags.Home], ct);
        await audit.RecordAsync(AuditActions.Leads, "manşet", $"manşet: {string.Join(",", manset)}; sürmanşet: {string.Join(",", surmanset)}", ct);
        Message = "Manşet düzeni kaydedildi; ana sayfa güncellendi.";
    }

    Task<List<LeadRow>> RowsAsync(LeadSlot slot, CancellationToken ct) =>
        db.Articles.AsNoTracking().Where(a => a.Slot == slot && a.Status == ArticleStatus.Published)
            .OrderBy(a => a.SlotOrder).ThenByDescending(a => a.PublishedAt)
            .Select(a => new LeadRow(a.Id, a.Title, a.Category.Name, a.PublishedAt)).ToListAsync(ct);
}
