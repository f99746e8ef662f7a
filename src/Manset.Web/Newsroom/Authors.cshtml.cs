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

public sealed record AuthorRow(int Id, string Name, string Slug, string? Title, string? Bio, ImageRef? Photo, string? UserId, int Articles);

/// <summary>Yazarlar: the bylines readers see, with title, bio and photo, and the newsroom user they belong to.</summary>
[Authorize(Policy = Permissions.TaxonomyManage)]
[RequestFormLimits(MultipartBodyLengthLimit = 32L * 1024 * 1024)]
public sealed class AuthorsModel(MansetDb db, ImagePipeline images, PageCachePurge purge, AuditLog audit, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public List<AuthorRow> Rows { get; private set; } = [];
    public List<(string Id, string Name)> Users { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Yazarlar";
        Rows = (await db.Authors.AsNoTracking()
            .Select(a => new AuthorRow(a.Id, a.Name, a.Slug, a.Title, a.Bio,
                a.Photo == null ? null : new ImageRef(a.Photo.StorageKey, a.Photo.Width, a.Photo.Height, a.Photo.Renditions, a.Photo.HasWebp),
                a.UserId, db.ArticleAuthors.Count(x => x.AuthorId == a.Id)))
            .ToListAsync(ct)).OrderBy(a => a.Name, Turkish.Comparer).ToList();
        Users = (await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .Select(u => (u.Id, $"{u.DisplayName} <{u.Email}>")).OrderBy(u => u.Item2, Turkish.Comparer).ToList();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, string name, string? title, string? bio, string? userId, IFormFile? photo, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > Limits.NameMax) { Message = $"Ad 1–{Limits.NameMax} karakter olmalı."; return RedirectToPage(); }
        var author = id is { } existing ? await db.Authors.FirstOrDefaultAsync(a => a.Id == existing, ct) : null;
        if (id is not null && author is null) return NotFound();
        if (author is null)
        {
            var slug = Slug.From(name, "yazar");
            for (var n = 2; await db.Authors.AnyAsync(a => a.Slug == slug, ct); n++) slug = $"{Slug.From(name, "yazar")}-{n}";
            author = db.Authors.Add(new Author { Name = name, Slug = slug }).Entity;
        }
        author.Name = name;
        author.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim()[..Math.Min(title.Trim().Length, Limits.NameMax)];
        author.Bio = string.IsNullOrWhiteSpace(bio) ? null : bio.Trim()[..Math.Min(bio.Trim().Length, 1000)];
        author.UserId = string.IsNullOrEmpty(userId) || !await db.Users.AnyAsync(u => u.Id == userId, ct) ? null : userId;
        if (photo is { Length: > 0 })
        {
            try
            {
                await using var stream = photo.OpenReadStream();
                var (media, found) = await images.StoreAsync(stream, photo.FileName, ct);
                if (!found) db.Media.Add(media);
                author.Photo = media;
            }
            catch (MediaRejectedException e)
            {
                Message = e.Message;
                return RedirectToPage();
            }
            catch (MediaStorageFullException)
            {
                Message = T[MediaStorageFullException.TextKey];
                return RedirectToPage();
            }
        }
        await db.SaveChangesAsync(ct);
        await purge.PurgeAsync([CacheTags.Author(author.Id)], ct);
        await audit.RecordAsync(AuditActions.Taxonomy, "yazar", $"{author.Name} kaydedildi", ct);
        Message = $"{author.Name} kaydedildi.";
        return RedirectToPage();
    }
}
