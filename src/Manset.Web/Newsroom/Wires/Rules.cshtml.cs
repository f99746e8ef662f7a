using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Manset.Web.Wires;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Newsroom.Wires;

/// <summary>
/// The desk's rules: which agency stories go straight to the site (by agency, category and city) and which wait
/// on the desk. Regional papers publish their own provinces at once and hold the rest.
/// </summary>
[Authorize(Policy = Permissions.WiresManage)]
public sealed class RulesModel(MansetDb db, CategoryTree tree, IOptions<MansetOptions> options, AuditLog audit) : PageModel
{
    public List<WireRule> Rules { get; private set; } = [];
    public CategorySnapshot Categories { get; private set; } = null!;
    public IReadOnlyList<WireSourceOptions> Sources => options.Value.Wires.Sources;
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Ajans yayın kuralları";
        Rules = await db.WireRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        Categories = await tree.GetAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(string? source, string? category, string? city, string action, int order, CancellationToken ct)
    {
        source = string.IsNullOrEmpty(source) ? null : source;
        category = string.IsNullOrEmpty(category) ? null : category;
        city = string.IsNullOrWhiteSpace(city) ? null : AgencyText.Cut(AgencyText.Clean(city), 80);
        if (source is not null && Sources.All(s => s.Name != source)) ModelState.AddModelError("source", "Bilinmeyen kaynak.");
        if (category is not null && (await tree.GetAsync(ct)).BySlug(category) is null) ModelState.AddModelError("category", "Bilinmeyen kategori.");
        if (action is not ("yayinla" or "taslak")) ModelState.AddModelError("action", "Kural 'yayınla' ya da 'masada tut' olmalı.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(ct);
            return Page();
        }
        var rule = new WireRule { Source = source, Category = category, City = city, Publish = action == "yayinla", Order = Math.Clamp(order, 0, 999) };
        db.WireRules.Add(rule);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Wires, "kural", Describe(rule), ct);
        Message = "Kural eklendi; bundan sonra gelen haberlere uygulanır.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var rule = await db.WireRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return NotFound();
        db.WireRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Wires, "kural silindi", Describe(rule), ct);
        Message = "Kural silindi.";
        return RedirectToPage();
    }

    public static string Describe(WireRule rule) =>
        $"{rule.Source ?? "tüm ajanslar"} · {rule.Category ?? "tüm kategoriler"} · {rule.City ?? "tüm şehirler"} → {(rule.Publish ? "yayınla" : "masada tut")}";
}
