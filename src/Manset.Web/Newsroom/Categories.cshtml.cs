using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

/// <summary>
/// Kategoriler: the tree and its order (drag and drop, or up/down without JavaScript), names, menu visibility and
/// parents. A slug never changes once made: it is in every article's address.
/// </summary>
[Authorize(Policy = Permissions.CategoriesManage)]
public sealed class CategoriesModel(MansetDb db, CategoryTree tree, PageCachePurge purge, AuditLog audit, TimeProvider clock) : PageModel
{
    public CategorySnapshot Tree { get; private set; } = null!;
    public Dictionary<int, int> ArticleCounts { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    [BindProperty, Display(Name = "Ad"), Required(ErrorMessage = "Ad gerekli."), StringLength(Limits.CategoryNameMax)] public string Name { get; set; } = "";
    [BindProperty, Display(Name = "Kısa ad (adreste)"), StringLength(Limits.SlugMax)] public string? NewSlug { get; set; }
    [BindProperty, Display(Name = "Üst kategori")] public string? Parent { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var snapshot = await tree.GetAsync(ct);
        var slug = string.IsNullOrWhiteSpace(NewSlug) ? Slug.From(Name, "") : NewSlug.Trim();
        if (!Slug.IsValid(slug)) ModelState.AddModelError(nameof(NewSlug), "Kısa ad yalnızca küçük harf (a-z), rakam ve tire içerebilir.");
        else if (Links.Reserved.Contains(slug)) ModelState.AddModelError(nameof(NewSlug), $"'{slug}' adresi sitenin kendi sayfalarından birine ait.");
        else if (snapshot.BySlug(slug) is not null) ModelState.AddModelError(nameof(NewSlug), $"'{slug}' kısa adlı bir kategori zaten var.");
        CategoryNode? parent = null;
        if (!string.IsNullOrEmpty(Parent) && (parent = snapshot.BySlug(Parent)) is null) ModelState.AddModelError(nameof(Parent), "Üst kategori bulunamadı.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var siblings = parent is null ? snapshot.Roots : snapshot.Children(parent.Id);
        db.Categories.Add(new Category { Name = Name.Trim(), Slug = slug, ParentId = parent?.Id, SortOrder = siblings.Count == 0 ? 0 : siblings.Max(s => s.SortOrder) + 1, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await ChangedAsync($"{Name} oluşturuldu", ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, string name, string? description, bool inMenu, string? parent, CancellationToken ct)
    {
        var snapshot = await tree.GetAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return NotFound();
        int? parentId = null;
        if (!string.IsNullOrEmpty(parent))
        {
            var node = snapshot.BySlug(parent);
            // A category cannot go under itself or one of its own children.
            if (node is null || snapshot.SelfAndDescendants(id).Contains(node.Id))
            {
                Message = "Bu üst kategori seçilemez.";
                return RedirectToPage();
            }
            parentId = node.Id;
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Limits.CategoryNameMax)
        {
            Message = $"Ad 1–{Limits.CategoryNameMax} karakter olmalı.";
            return RedirectToPage();
        }
        category.Name = name.Trim();
        category.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        category.InMenu = inMenu;
        category.ParentId = parentId;
        await db.SaveChangesAsync(ct);
        await ChangedAsync($"{category.Name} güncellendi", ct);
        return RedirectToPage();
    }

    /// <summary>The new order of one parent's children, as ids (drag and drop), or one step up/down.</summary>
    public async Task<IActionResult> OnPostOrderAsync(List<int> order, int? move, string? step, CancellationToken ct)
    {
        var snapshot = await tree.GetAsync(ct);
        if (move is { } id && snapshot[id] is { } node)
        {
            var siblings = (node.ParentId is { } p ? snapshot.Children(p) : snapshot.Roots).Select(c => c.Id).ToList();
            var index = siblings.IndexOf(id);
            var target = step == "yukari" ? index - 1 : index + 1;
            if (target >= 0 && target < siblings.Count) (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
            order = siblings;
        }
        for (var i = 0; i < order.Count; i++)
        {
            var categoryId = order[i];
            var sort = i;
            await db.Categories.Where(c => c.Id == categoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SortOrder, sort), ct);
        }
        await ChangedAsync("sıra değişti", ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return NotFound();
        if (await db.Categories.AnyAsync(c => c.ParentId == id, ct) || await db.Articles.AnyAsync(a => a.CategoryId == id, ct))
        {
            Message = $"{category.Name} silinemez: altında kategori ya da haber var.";
            return RedirectToPage();
        }
        db.Categories.Remove(category);
        await db.SaveChangesAsync(ct);
        await ChangedAsync($"{category.Name} silindi", ct);
        return RedirectToPage();
    }

    async Task ChangedAsync(string what, CancellationToken ct)
    {
        tree.Invalidate();
        await purge.PurgeAsync([CacheTags.Site], ct);
        await audit.RecordAsync(AuditActions.Taxonomy, "kategori", what, ct);
        Message = "Kaydedildi: " + what + ".";
    }

    async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Kategoriler";
        Tree = await tree.GetAsync(ct);
        ArticleCounts = await db.Articles.GroupBy(a => a.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
