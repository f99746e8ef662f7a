using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class VideoPageModel(MansetDb db, SiteChrome chrome) : PageModel
{
    public VideoView Video { get; private set; } = null!;
    public string Description { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public string? CategoryName { get; private set; }
    public string? CategorySlug { get; private set; }
    public List<VideoCard> More { get; private set; } = [];
    public string StructuredData { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var (slug, id, ct) = (this.Text("slug"), this.Number("id"), HttpContext.RequestAborted);
        var video = await db.Videos.AsNoTracking().Where(v => v.Id == id && v.IsPublished)
            .Select(v => new
            {
                View = new VideoView(v.Id, v.Title, v.Slug, v.EmbedUrl,
                    v.File == null ? null : v.File.StorageKey, v.File == null ? null : v.File.ContentType,
                    v.Poster == null ? null : new ImageRef(v.Poster.StorageKey, v.Poster.Width, v.Poster.Height, v.Poster.Renditions, v.Poster.HasWebp),
                    v.DurationSeconds,
                    v.Captions == null ? null : v.Captions.StorageKey),
                v.Description,
                v.PublishedAt,
                CategoryName = v.Category == null ? null : v.Category.Name,
                CategorySlug = v.Category == null ? null : v.Category.Slug,
            })
            .FirstOrDefaultAsync(ct);
        if (video is null) return NotFound();
        if (video.View.Slug != slug) return RedirectPermanent(Links.Video(video.View.Slug, id));
        Video = video.View;
        Description = video.Description;
        PublishedAt = video.PublishedAt;
        CategoryName = video.CategoryName;
        CategorySlug = video.CategorySlug;
        More = await db.Videos.AsNoTracking().Where(v => v.IsPublished && v.Id != id)
            .OrderByDescending(v => v.PublishedAt).Take(6).Select(VideoCard.Projection).ToListAsync(ct);

        await chrome.BlocksAsync();
        StructuredData = Site.StructuredData.ForVideo(Video, Description, PublishedAt, chrome);
        CacheTags.Add(HttpContext, CacheTags.Video(id));
        CacheTags.Add(HttpContext, CacheTags.Videos);
        ViewData["Title"] = Video.Title;
        ViewData["Description"] = Description;
        ViewData["Canonical"] = Links.Video(Video.Slug, id);
        return Page();
    }
}
