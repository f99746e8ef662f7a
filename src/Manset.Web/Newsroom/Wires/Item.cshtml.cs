using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Manset.Web.Wires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom.Wires;

public sealed record WireMediaView(WireMedia Media, ImageRef? Image);

/// <summary>
/// One agency story in full (text, photos from our library, the agency's data), the same event from other agencies,
/// and the editor's actions: open as a draft, publish, and, when the agency changed a story an editor had edited,
/// the comparison with a choice of text.
/// </summary>
public sealed class ItemModel(MansetDb db, WireArticles wireArticles, CategoryTree tree, AuditLog audit) : PageModel
{
    public WireItem Item { get; private set; } = null!;
    public List<WireMediaView> MediaViews { get; private set; } = [];
    public List<WireItem> Similar { get; private set; } = [];
    public CategorySnapshot Categories { get; private set; } = null!;
    public Article? Article { get; private set; }
    public DiffView? Comparison { get; private set; }
    [TempData] public string? Message { get; set; }
    [BindProperty(Name = "kategori")] public string? ChosenCategory { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>taslak: open as a draft; yayinla: publish; ajans: take the agency's new text; koru: keep ours.</summary>
    public async Task<IActionResult> OnPostAsync(long id, string islem, CancellationToken ct)
    {
        var item = await db.WireItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        var actor = Actor.From(User);
        if (ChosenCategory is { Length: > 0 } chosen && (await tree.GetAsync(ct)).BySlug(chosen) is not null) item.Category = chosen;

        switch (islem)
        {
            case "taslak" or "yayinla" when item.ArticleId is not null:
                Message = "Bu ajans haberinden daha önce bir haber oluşturulmuş.";
                return Redirect($"/yonetim/haberler/{item.ArticleId}");
            case "taslak":
                if (!actor.Can(Permissions.ArticlesWrite)) return Forbid();
                var draft = await wireArticles.CreateAsync(item, publish: false, actor, ct);
                if (draft is not SaveOutcome.Saved saved) return await RefusedAsync(id, draft, ct);
                await db.SaveChangesAsync(ct);
                Message = $"{item.Credit} haberi taslak olarak açıldı; düzenleyip yayımlayabilirsiniz.";
                return Redirect($"/yonetim/haberler/{saved.Article.Id}");
            case "yayinla":
                if (!actor.Can(Permissions.ArticlesPublish)) return Forbid();
                var published = await wireArticles.CreateAsync(item, publish: true, actor, ct);
                if (published is not SaveOutcome.Saved) return await RefusedAsync(id, published, ct);
                await db.SaveChangesAsync(ct);
                Message = "Haber yayımlandı.";
                return RedirectToPage(new { id });
            case "ajans":
                if (!actor.Can(Permissions.ArticlesWrite)) return Forbid();
                var taken = await wireArticles.TakeAgencyTextAsync(item, actor, ct);
                if (taken is not SaveOutcome.Saved) return await RefusedAsync(id, taken, ct);
                await db.SaveChangesAsync(ct);
                Message = "Ajansın yeni metni habere uygulandı (önceki metin sürümlerde duruyor).";
                return RedirectToPage(new { id });
            case "koru":
                if (!actor.Can(Permissions.ArticlesWrite)) return Forbid();
                item.AgencyUpdated = false;
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(AuditActions.Wires, $"{item.Source} {item.AgencyId}", "ajans güncellemesi yok sayıldı", ct);
                Message = "Sizin metniniz korundu.";
                return RedirectToPage(new { id });
            default:
                return BadRequest();
        }
    }

    async Task<IActionResult> RefusedAsync(long id, SaveOutcome outcome, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var reason = outcome switch
        {
            SaveOutcome.Invalid invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
            SaveOutcome.Forbidden forbidden => forbidden.Reason,
            SaveOutcome.Stale => "Haber bu arada değişti; yeniden deneyin.",
            _ => "Haber bulunamadı.",
        };
        ModelState.AddModelError("", reason);
        Response.StatusCode = outcome is SaveOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var item = await db.WireItems.AsNoTracking().Include(i => i.Media).ThenInclude(m => m.Media).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return false;
        Item = item;
        ViewData["Title"] = item.Title;
        Categories = await tree.GetAsync(ct);
        ChosenCategory ??= item.Category;
        MediaViews = item.Media.OrderBy(m => m.Order).Select(m => new WireMediaView(m, m.Kind == MediaKind.Image ? ImageRef.From(m.Media) : null)).ToList();
        var group = item.GroupId ?? item.Id;
        Similar = await db.WireItems.AsNoTracking().Where(i => (i.GroupId ?? i.Id) == group && i.Id != item.Id).OrderByDescending(i => i.ReceivedAt).ToListAsync(ct);
        if (item.ArticleId is { } articleId)
        {
            Article = await db.Articles.AsNoTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == articleId, ct);
            if (Article is not null && item.AgencyUpdated)
            {
                Comparison = new DiffView("Sitedeki metin", $"{item.Credit}'nın yeni metni",
                [
                    ("Başlık", TextDiff.SideBySide(Article.Title, AgencyText.Cut(item.Title, Limits.TitleMax))),
                    ("Spot", TextDiff.SideBySide(Article.Spot, AgencyText.Cut(item.Spot, Limits.SpotMax))),
                    ("Haber metni", TextDiff.SideBySide(TextDiff.HtmlToLines(Article.Body), TextDiff.HtmlToLines(item.Body))),
                ]);
            }
        }
        return true;
    }
}
