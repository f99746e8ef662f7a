using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom.Articles;

/// <summary>Sürümler: every save of an article (who, when), any two side by side, and one-click return to a version.</summary>
public sealed class RevisionsModel(MansetDb db, ArticleService articles, CategoryTree tree, AuditLog audit) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public int CurrentVersion { get; private set; }
    public List<ArticleRevision> Revisions { get; private set; } = [];
    public ArticleRevision? Left { get; private set; }
    public ArticleRevision? Right { get; private set; }
    public DiffView? Diff { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int? a, int? b, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // Default: the newest save against the one before it.
        Right = Revisions.FirstOrDefault(r => r.Id == b) ?? Revisions.FirstOrDefault();
        Left = Revisions.FirstOrDefault(r => r.Id == a) ?? Revisions.SkipWhile(r => r.Id != Right?.Id).Skip(1).FirstOrDefault();
        if (Left is not null && Right is not null)
        {
            var categories = await tree.GetAsync(ct);
            Diff = new DiffView($"Sürüm {Left.Version} · {Left.SavedByName}", $"Sürüm {Right.Version} · {Right.SavedByName}",
            [
                ("Başlık", TextDiff.SideBySide(Left.Title, Right.Title)),
                ("Spot", TextDiff.SideBySide(Left.Spot, Right.Spot)),
                ("Haber metni", TextDiff.SideBySide(TextDiff.HtmlToLines(Left.Body), TextDiff.HtmlToLines(Right.Body))),
                ("Etiketler", TextDiff.SideBySide(Left.Tags, Right.Tags)),
                ("Kategori ve kaynak", TextDiff.SideBySide($"{categories[Left.CategoryId]?.Name}\n{Left.Source}", $"{categories[Right.CategoryId]?.Name}\n{Right.Source}")),
            ]);
        }
        return Page();
    }

    /// <summary>Bu sürüme dön: the version's text becomes a new save on top of the current one (nothing is erased).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int id, int revision, CancellationToken ct)
    {
        var rev = await db.ArticleRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revision && r.ArticleId == id, ct);
        if (rev is null) return NotFound();
        var categories = await tree.GetAsync(ct);
        var outcome = await articles.UpdateAsync(id, new ArticleInput
        {
            Title = rev.Title,
            Spot = rev.Spot,
            Body = rev.Body,
            Category = categories[rev.CategoryId]?.Slug,
            Tags = rev.Tags.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
            Source = rev.Source ?? "",
        }, expectedVersion: null, Actor.From(User), ct);
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                await audit.RecordAsync(AuditActions.Restore, $"#{id} {rev.Title}", $"sürüm {rev.Version} → sürüm {saved.Article.Version}", ct);
                Message = $"Sürüm {rev.Version} geri yüklendi (yeni sürüm {saved.Article.Version}).";
                return RedirectToPage(new { id });
            case SaveOutcome.Forbidden forbidden:
                Message = forbidden.Reason;
                return RedirectToPage(new { id });
            case SaveOutcome.Invalid invalid:
                Message = "Geri yüklenemedi: " + string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
                return RedirectToPage(new { id });
            default:
                return NotFound();
        }
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.Version }).FirstOrDefaultAsync(ct);
        if (article is null) return false;
        Id = id;
        Title = article.Title;
        CurrentVersion = article.Version;
        Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).ToListAsync(ct);
        ViewData["Title"] = "Sürümler: " + Title;
        return true;
    }
}
