using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom.MediaLibrary;

/// <summary>
/// Medya kütüphanesi: upload images and videos, search, reuse. Images are checked by content, limited in size and
/// pixels, re-encoded without metadata, stored once, and served as renditions; videos are checked by signature.
/// </summary>
[Authorize(Policy = Permissions.MediaUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = 2L * 1024 * 1024 * 1024)]
[RequestSizeLimit(2L * 1024 * 1024 * 1024)]
public sealed class IndexModel(MansetDb db, ImagePipeline images, FileUploads files, AuditLog audit, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    const int Size = 36;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "tur")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "sayfa")] public int PageNumber { get; set; } = 1;

    [BindProperty, Display(Name = "Dosya")] public IFormFile? Upload { get; set; }
    [BindProperty, Display(Name = "Açıklama"), StringLength(Limits.CaptionMax)] public string? Caption { get; set; }
    [BindProperty, Display(Name = "Kaynak"), StringLength(Limits.CreditMax)] public string? Credit { get; set; }

    public List<Manset.Data.Media> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; }
    [TempData] public string? Message { get; set; }
    public bool CanManage => Permissions.Has(User, Permissions.MediaManage);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Bir dosya seçin.");
        }
        else if (ModelState.IsValid)
        {
            try
            {
                await using var stream = Upload.OpenReadStream();
                var isVideo = Upload.ContentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
                    || Upload.FileName.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || Upload.FileName.EndsWith(".webm", StringComparison.OrdinalIgnoreCase);
                Manset.Data.Media media;
                var existing = false;
                if (isVideo) media = await files.StoreVideoAsync(stream, Upload.FileName, ct);
                else (media, existing) = await images.StoreAsync(stream, Upload.FileName, ct);
                if (!existing)
                {
                    media.Caption = Caption;
                    media.Credit = Credit;
                    media.Alt = Caption;
                    media.UploadedById = Actor.From(User).UserId;
                    db.Media.Add(media);
                    await db.SaveChangesAsync(ct);
                    await audit.RecordAsync(AuditActions.Media, $"#{media.Id} {media.FileName}", "yüklendi", ct);
                }
                Message = existing ? $"Bu görsel kütüphanede zaten var (#{media.Id}); yeniden yüklenmedi." : $"Yüklendi (#{media.Id}).";
                return RedirectToPage();
            }
            catch (MediaRejectedException e)
            {
                ModelState.AddModelError(nameof(Upload), e.Message);
            }
            catch (Exception e) when (StorageFull.Is(e))
            {
                ModelState.AddModelError(nameof(Upload), T[MediaStorageFullException.TextKey]);
                Response.StatusCode = StatusCodes.Status507InsufficientStorage;
                await LoadAsync(ct);
                return Page();
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, string? caption, string? credit, string? alt, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        static string? Clip(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length > max ? text.Trim()[..max] : text.Trim();
        var changed = await db.Media.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Caption, Clip(caption, Limits.CaptionMax))
            .SetProperty(m => m.Credit, Clip(credit, Limits.CreditMax))
            .SetProperty(m => m.Alt, Clip(alt, Limits.CaptionMax)), ct);
        Message = changed == 1 ? $"#{id} güncellendi." : "Medya bulunamadı.";
        return RedirectToPage(new { q = Query, tur = Kind, sayfa = PageNumber });
    }

    async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Medya kütüphanesi";
        var query = db.Media.AsNoTracking().Where(m => m.Kind != MediaKind.Captions);
        if (Kind == "resim") query = query.Where(m => m.Kind == MediaKind.Image);
        else if (Kind == "video") query = query.Where(m => m.Kind == MediaKind.Video);
        if (!string.IsNullOrWhiteSpace(Query) && Query.Length <= 100) query = MediaSearch.Apply(db, query, Query.Trim());
        Total = await query.CountAsync(ct);
        Pages = Math.Max(1, (Total + Size - 1) / Size);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await query.OrderByDescending(m => m.Id).Skip((PageNumber - 1) * Size).Take(Size).ToListAsync(ct);
    }
}
