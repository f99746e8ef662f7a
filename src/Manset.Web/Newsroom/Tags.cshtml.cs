using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed record TagRow(int Id, string Name, string Slug, int Articles);

/// <summary>Etiketler: rename (the old address redirects) and merge two tags into one (the merged one's address redirects).</summary>
[Authorize(Policy = Permissions.TaxonomyManage)]
public sealed class TagsModel(MansetDb db, PageCachePurge purge, AuditLog audit) : PageModel
{
    const int Size = 100;
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public List<TagRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Etiketler";
        var query = db.Tags.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query)) { var slug = Slug.From(Query, ""); query = query.Where(t => t.Slug.Contains(slug)); }
        Total = await query.CountAsync(ct);
        Rows = (await query.Select(t => new { t.Id, t.Name, t.Slug, Articles = db.ArticleTags.Count(x => x.TagId == t.Id) })
            .OrderByDescending(t => t.Articles).ThenBy(t => t.Slug).Take(Size).ToListAsync(ct))
            .Select(t => new TagRow(t.Id, t.Name, t.Slug, t.Articles)).ToList();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string name, CancellationToken ct)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return NotFound();
        name = name?.Trim() ?? "";
        var slug = Slug.From(name, "");
        if (name.Length is 0 or > Limits.TagMax || slug.Length == 0) { Message = $"Etiket 1–{Limits.TagMax} karakter olmalı."; return RedirectToPage(); }
        if (slug != tag.Slug && await db.Tags.AnyAsync(t => t.Slug == slug, ct)) { Message = $"'{name}' adlı bir etiket zaten var; birleştirmeyi kullanın."; return RedirectToPage(); }
        var old = tag.Slug;
        tag.Name = name;
        tag.Slug = slug;
        if (old != slug) await RedirectAsync(old, tag.Id, ct);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(tag.Id, $"{old} → {slug}", ct);
        return RedirectToPage();
    }

    /// <summary>Moves every article of one tag onto another and makes the first one's address redirect.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int id, string into, CancellationToken ct)
    {
        var source = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        var target = await db.Tags.FirstOrDefaultAsync(t => t.Slug == Slug.From(into ?? "", ""), ct);
        if (source is null) return NotFound();
        if (target is null || target.Id == source.Id) { Message = "Birleştirilecek etiket bulunamadı."; return RedirectToPage(); }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var links = await db.ArticleTags.Where(x => x.TagId == source.Id).ToListAsync(ct);
        var already = await db.ArticleTags.Where(x => x.TagId == target.Id).Select(x => x.ArticleId).ToListAsync(ct);
        db.ArticleTags.RemoveRange(links);
        db.ArticleTags.AddRange(links.Where(l => !already.Contains(l.ArticleId)).Select(l => new ArticleTag { ArticleId = l.ArticleId, TagId = target.Id, Order = l.Order }));
        await db.TagRedirects.Where(r => r.TagId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TagId, target.Id), ct);
        await RedirectAsync(source.Slug, target.Id, ct);
        db.Tags.Remove(source);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await purge.PurgeAsync(links.Select(l => CacheTags.Article(l.ArticleId)).Append(CacheTags.Tag(target.Id)).Append(CacheTags.Tag(source.Id)).ToList(), ct);
        await audit.RecordAsync(AuditActions.Taxonomy, "etiket", $"{source.Name} → {target.Name} birleştirildi ({links.Count} haber)", ct);
        Message = $"'{source.Name}' etiketi '{target.Name}' ile birleştirildi; eski adres yönlendiriliyor.";
        return RedirectToPage();
    }

    async Task RedirectAsync(string oldSlug, int tagId, CancellationToken ct)
    {
        var existing = await db.TagRedirects.FirstOrDefaultAsync(r => r.OldSlug == oldSlug, ct);
        if (existing is null) db.TagRedirects.Add(new TagRedirect { OldSlug = oldSlug, TagId = tagId });
        else existing.TagId = tagId;
    }

    async Task ChangedAsync(int tagId, string what, CancellationToken ct)
    {
        var articles = await db.ArticleTags.Where(x => x.TagId == tagId).Select(x => x.ArticleId).ToListAsync(ct);
        await purge.PurgeAsync(articles.Select(CacheTags.Article).Append(CacheTags.Tag(tagId)).ToList(), ct);
        await audit.RecordAsync(AuditActions.Taxonomy, "etiket", what, ct);
        Message = "Kaydedildi; eski adres yeni etikete yönlendiriliyor.";
    }
}
