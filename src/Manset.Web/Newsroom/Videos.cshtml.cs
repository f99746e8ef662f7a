using System.ComponentModel.DataAnnotations;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

public sealed class VideoInput
{
    [Display(Name = "Başlık"), Required(ErrorMessage = "Başlık gerekli."), StringLength(Limits.TitleMax)] public string Title { get; set; } = "";
    [Display(Name = "Açıklama"), StringLength(2000)] public string? Description { get; set; }
    [Display(Name = "Kategori")] public string? Category { get; set; }
    [Display(Name = "Video dosyası (MP4, WebM)")] public IFormFile? File { get; set; }
    [Display(Name = "ya da gömme adresi (YouTube, Vimeo, Dailymotion)"), StringLength(500)] public string? EmbedUrl { get; set; }
    [Display(Name = "Kapak görseli")] public IFormFile? Poster { get; set; }
    [Display(Name = "Altyazı (WebVTT)")] public IFormFile? Captions { get; set; }
    [Display(Name = "Süre (saniye)"), Range(0, 86400)] public int DurationSeconds { get; set; }
    [Display(Name = "Yayında")] public bool IsPublished { get; set; } = true;
}

/// <summary>Videolar: the video pages' records, with an uploaded file or a provider's embed, poster and captions.</summary>
[Authorize(Policy = Permissions.MediaManage)]
[RequestFormLimits(MultipartBodyLengthLimit = 2L * 1024 * 1024 * 1024)]
[RequestSizeLimit(2L * 1024 * 1024 * 1024)]
public sealed class VideosModel(MansetDb db, ImagePipeline images, FileUploads files, CategoryTree tree, PageCachePurge purge, AuditLog audit, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty] public VideoInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public List<(int Id, string Title, string Slug, bool Published, DateTimeOffset At)> List { get; private set; } = [];
    public CategorySnapshot Categories { get; private set; } = null!;
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? duzenle, CancellationToken ct)
    {
        if (duzenle is { } id)
        {
            var video = await db.Videos.AsNoTracking().Include(v => v.Category).FirstOrDefaultAsync(v => v.Id == id, ct);
            if (video is null) return NotFound();
            Id = id;
            Input = new VideoInput
            {
                Title = video.Title,
                Description = video.Description,
                Category = video.Category?.Slug,
                EmbedUrl = video.EmbedUrl,
                DurationSeconds = video.DurationSeconds,
                IsPublished = video.IsPublished,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? duzenle, CancellationToken ct)
    {
        Id = duzenle;
        var categories = await tree.GetAsync(ct);
        Video? video = null;
        if (duzenle is { } id)
        {
            video = await db.Videos.FirstOrDefaultAsync(v => v.Id == id, ct);
            if (video is null) return NotFound();
        }
        var embed = string.IsNullOrWhiteSpace(Input.EmbedUrl) ? null : Input.EmbedUrl.Trim();
        if (embed is not null && !(Uri.TryCreate(embed, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && Embeds.VideoHosts.Contains(uri.Host)))
            ModelState.AddModelError("Input.EmbedUrl", "Gömme adresi YouTube, Vimeo ya da Dailymotion'ın https ile başlayan oynatıcı adresi olmalı.");
        if (video is null && Input.File is not { Length: > 0 } && embed is null)
            ModelState.AddModelError("Input.File", "Bir video dosyası yükleyin ya da gömme adresi yazın.");
        CategoryNode? category = null;
        if (!string.IsNullOrEmpty(Input.Category) && (category = categories.BySlug(Input.Category)) is null)
            ModelState.AddModelError("Input.Category", "Bilinmeyen kategori.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow();
        video ??= db.Videos.Add(new Video { Title = Input.Title, Slug = "", PublishedAt = now, CreatedAt = now }).Entity;
        try
        {
            if (Input.File is { Length: > 0 } file)
            {
                await using var stream = file.OpenReadStream();
                video.File = await files.StoreVideoAsync(stream, file.FileName, ct);
                video.EmbedUrl = null;
            }
            if (Input.Poster is { Length: > 0 } poster)
            {
                await using var stream = poster.OpenReadStream();
                var (media, existing) = await images.StoreAsync(stream, poster.FileName, ct);
                if (!existing) db.Media.Add(media);
                video.Poster = media;
            }
            if (Input.Captions is { Length: > 0 } captions)
            {
                await using var stream = captions.OpenReadStream();
                video.Captions = await files.StoreCaptionsAsync(stream, captions.FileName, ct);
            }
        }
        catch (MediaRejectedException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        catch (MediaStorageFullException)
        {
            ModelState.AddModelError("", T[MediaStorageFullException.TextKey]);
            Response.StatusCode = StatusCodes.Status507InsufficientStorage;
            await LoadAsync(ct);
            return Page();
        }
        if (embed is not null) video.EmbedUrl = embed;
        video.Title = Input.Title.Trim();
        video.Slug = Slug.From(video.Title, "video");
        video.Description = Input.Description?.Trim() ?? "";
        video.CategoryId = category?.Id;
        video.DurationSeconds = Input.DurationSeconds;
        if (Input.IsPublished && !video.IsPublished) video.PublishedAt = now;
        video.IsPublished = Input.IsPublished;
        await db.SaveChangesAsync(ct);
        await purge.PurgeAsync([CacheTags.Videos, CacheTags.Video(video.Id), CacheTags.Site], ct);
        await audit.RecordAsync(AuditActions.Media, $"video #{video.Id} {video.Title}", duzenle is null ? "oluşturuldu" : "güncellendi", ct);
        Message = "Video kaydedildi.";
        return RedirectToPage(new { duzenle = video.Id });
    }

    async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Videolar";
        Categories = await tree.GetAsync(ct);
        List = (await db.Videos.AsNoTracking().OrderByDescending(v => v.PublishedAt).Take(200)
            .Select(v => new { v.Id, v.Title, v.Slug, v.IsPublished, v.PublishedAt }).ToListAsync(ct))
            .Select(v => (v.Id, v.Title, v.Slug, v.IsPublished, v.PublishedAt)).ToList();
    }
}
