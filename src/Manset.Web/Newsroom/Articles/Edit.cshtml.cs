using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom.Articles;

/// <summary>What the article form posts. Times are Istanbul wall-clock times (datetime-local).</summary>
public sealed class EditInput
{
    [Display(Name = "Başlık")] public string Title { get; set; } = "";
    [Display(Name = "Spot")] public string? Spot { get; set; }
    [Display(Name = "Haber metni")] public string? Body { get; set; }
    [Display(Name = "Kategori")] public string Category { get; set; } = "";
    [Display(Name = "Etiketler")] public string? Tags { get; set; }
    [Display(Name = "Yazarlar")] public List<string> Authors { get; set; } = [];
    [Display(Name = "Kaynak")] public string? Source { get; set; }
    [Display(Name = "Ana görsel")] public int? ImageId { get; set; }
    [Display(Name = "Görsel açıklaması")] public string? ImageCaption { get; set; }
    [Display(Name = "Görsel kaynağı")] public string? ImageCredit { get; set; }
    [Display(Name = "Odak noktası (yatay %)"), Range(0, 100)] public int FocusX { get; set; } = 50;
    [Display(Name = "Odak noktası (dikey %)"), Range(0, 100)] public int FocusY { get; set; } = 50;
    [Display(Name = "Görsel yükle")] public IFormFile? Upload { get; set; }
    [Display(Name = "Video")] public int? VideoId { get; set; }
    [Display(Name = "Son dakika")] public bool Breaking { get; set; }
    [Display(Name = "Son dakika bitişi")] public DateTime? BreakingUntil { get; set; }
    [Display(Name = "Manşet yeri")] public string Slot { get; set; } = "none";
    [Display(Name = "Sıra"), Range(0, 50)] public int SlotOrder { get; set; }
    [Display(Name = "Yayın zamanı")] public DateTime? PublishAt { get; set; }
    [Display(Name = "Yayından kalkış zamanı")] public DateTime? UnpublishAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A save that was refused because someone else saved first: their text beside yours.</summary>
public sealed record StaleView(int CurrentVersion, string SavedBy, DateTimeOffset SavedAt, IReadOnlyList<DiffRow> Title, IReadOnlyList<DiffRow> Spot, IReadOnlyList<DiffRow> Body);

/// <summary>
/// The article editor (new and existing): fields, rich text, image upload or pick, video, breaking, lead slot,
/// schedule and unpublish times, the buttons the user's role allows, autosave of drafts, the soft edit lock,
/// and a refused stale save that keeps the writer's text and shows the difference.
/// </summary>
[Authorize(Policy = Permissions.ArticlesWrite)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
[RequestSizeLimit(64L * 1024 * 1024)]
public sealed class EditModel(MansetDb db, ArticleService articles, ImagePipeline images, CategoryTree tree, EditPresence presence, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty] public EditInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;
    public string? PublicUrl { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? CreatedById { get; private set; }
    public ImageRef? Image { get; private set; }
    public CategorySnapshot Categories { get; private set; } = null!;
    public List<(string Slug, string Name)> AllAuthors { get; private set; } = [];
    public List<(int Id, string Title)> Videos { get; private set; } = [];
    public List<string> KnownTags { get; private set; } = [];
    public IReadOnlyList<Editing> Others { get; private set; } = [];
    public StaleView? Stale { get; private set; }
    [TempData] public string? Message { get; set; }

    public bool CanPublish => Permissions.Has(User, Permissions.ArticlesPublish);
    /// <summary>A muhabir may change only their own drafts; published stories belong to the editors.</summary>
    public bool CanEdit => CanPublish || (Status is ArticleStatus.Draft or ArticleStatus.Review && (Id is null || CreatedById == UserId));
    string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Authors).ThenInclude(x => x.Author)
                .Include(a => a.Category).Include(a => a.Image).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == existing, ct);
            if (article is null) return NotFound();
            Fill(article);
            Input = new EditInput
            {
                Title = article.Title,
                Spot = article.Spot,
                Body = article.Body,
                Category = article.Category.Slug,
                Tags = string.Join(", ", article.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name)),
                Authors = article.Authors.OrderBy(x => x.Order).Select(x => x.Author.Slug).ToList(),
                Source = article.Source,
                ImageId = article.ImageId,
                ImageCaption = article.ImageCaption,
                ImageCredit = article.ImageCredit,
                FocusX = article.Image?.FocusX ?? 50,
                FocusY = article.Image?.FocusY ?? 50,
                VideoId = article.VideoId,
                Breaking = article.IsBreaking,
                BreakingUntil = Local(article.BreakingUntil),
                Slot = Words.Slot(article.Slot),
                SlotOrder = article.SlotOrder,
                PublishAt = Local(article.PublishedAt),
                UnpublishAt = Local(article.UnpublishAt),
                Version = article.Version,
            };
            if (UserId is { } me) Others = presence.Touch(existing, me, User.Identity?.Name ?? "");
        }
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>The buttons: kaydet, incelemeye, yayinla, zamanla, kaldir, sil.</summary>
    public async Task<IActionResult> OnPostAsync(int? id, string islem, CancellationToken ct)
    {
        var actor = Actor.From(User);
        if (id is { } existing)
        {
            var current = await db.Articles.AsNoTracking().Where(a => a.Id == existing).Select(a => new { a.Status, a.CreatedById }).FirstOrDefaultAsync(ct);
            if (current is null) return NotFound();
            Status = current.Status;
            CreatedById = current.CreatedById;
            Id = existing;
        }
        if (islem is "kaldir" or "sil")
        {
            if (Id is null) return RedirectToPage("/Newsroom/Articles/Index");
            var removed = await articles.DeleteAsync(Id.Value, actor, ct);
            if (removed is SaveOutcome.Forbidden forbidden) return await RefuseAsync(forbidden.Reason, ct);
            Message = removed is SaveOutcome.Deleted { Kept: true } ? "Haber yayından kaldırıldı." : "Taslak silindi.";
            return removed is SaveOutcome.Deleted { Kept: true } ? RedirectToPage(new { id = Id }) : RedirectToPage("/Newsroom/Articles/Index");
        }

        var status = islem switch
        {
            "yayinla" => "published",
            "zamanla" => "scheduled",
            "incelemeye" => "review",
            _ => Id is null ? "draft" : null,
        };
        if (islem == "zamanla" && Input.PublishAt is null) ModelState.AddModelError("Input.PublishAt", "Zamanlamak için bir yayın zamanı seçin.");
        if (!ModelState.IsValid) return await InvalidAsync(ct);

        if (Input.Upload is { Length: > 0 } upload)
        {
            try
            {
                await using var stream = upload.OpenReadStream();
                var (media, found) = await images.StoreAsync(stream, upload.FileName, ct);
                if (!found)
                {
                    media.UploadedById = actor.UserId;
                    media.Caption = Input.ImageCaption;
                    media.Credit = Input.ImageCredit;
                    db.Media.Add(media);
                    await db.SaveChangesAsync(ct);
                }
                Input.ImageId = media.Id;
            }
            catch (MediaRejectedException e)
            {
                ModelState.AddModelError("Input.Upload", e.Message);
                return await InvalidAsync(ct);
            }
            catch (MediaStorageFullException)
            {
                // The article is not saved either: the editor's text stays in the form, to save once there is room.
                ModelState.AddModelError("Input.Upload", T[MediaStorageFullException.TextKey]);
                return await InvalidAsync(ct);
            }
        }

        var input = ToArticleInput(status, islem == "yayinla");
        var outcome = Id is null
            ? await articles.CreateAsync(input, actor, ct)
            : await articles.UpdateAsync(Id.Value, input, Input.Version, actor, ct);
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                await SaveFocusAsync(saved.Article.ImageId, ct);
                Message = saved.Article.Status switch
                {
                    ArticleStatus.Published when islem == "yayinla" => "Haber yayımlandı.",
                    ArticleStatus.Scheduled => $"Haber {Turkish.DateLine(saved.Article.PublishedAt!.Value)} için zamanlandı.",
                    ArticleStatus.Review when islem == "incelemeye" => "Haber incelemeye gönderildi; bir editör yayımlayacak.",
                    _ => "Kaydedildi.",
                };
                return RedirectToPage(new { id = saved.Article.Id });
            case SaveOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    foreach (var message in messages) ModelState.AddModelError(FieldName(field), message);
                return await InvalidAsync(ct);
            case SaveOutcome.Forbidden forbidden:
                return await RefuseAsync(forbidden.Reason, ct);
            case SaveOutcome.Stale:
                Stale = await StaleAsync(Id!.Value, ct);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await RedisplayAsync(ct);
            default:
                return NotFound();
        }
    }

    /// <summary>Autosave of drafts: the form, posted by the page every half minute when it changed. Answers JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int? id, CancellationToken ct)
    {
        var actor = Actor.From(User) with { Name = (User.Identity?.Name ?? "") + " (otomatik kayıt)" };
        if (id is { } existing)
        {
            var status = await db.Articles.AsNoTracking().Where(a => a.Id == existing).Select(a => (ArticleStatus?)a.Status).FirstOrDefaultAsync(ct);
            if (status is null) return NotFound();
            // Published stories are never changed behind the editor's back.
            if (status is not (ArticleStatus.Draft or ArticleStatus.Review)) return new JsonResult(new { skipped = true });
        }
        if (string.IsNullOrWhiteSpace(Input.Title)) return new JsonResult(new { skipped = true });
        var input = ToArticleInput(id is null ? "draft" : null, publishNow: false) with { Slot = null, SlotOrder = null };
        var outcome = id is null ? await articles.CreateAsync(input, actor, ct) : await articles.UpdateAsync(id.Value, input, Input.Version, actor, ct);
        return outcome switch
        {
            SaveOutcome.Saved saved => new JsonResult(new
            {
                id = saved.Article.Id,
                version = saved.Article.Version,
                savedAt = Turkish.ToIstanbul(saved.Article.ModifiedAt).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            }),
            SaveOutcome.Stale stale => new JsonResult(new { stale = true, version = stale.CurrentVersion }) { StatusCode = 409 },
            SaveOutcome.Invalid invalid => new JsonResult(new { errors = invalid.Errors }) { StatusCode = 400 },
            SaveOutcome.Forbidden => new JsonResult(new { skipped = true }) { StatusCode = 403 },
            _ => NotFound(),
        };
    }

    ArticleInput ToArticleInput(string? status, bool publishNow)
    {
        var tags = (Input.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var slot = CanPublish ? Input.Slot : null;
        return new ArticleInput
        {
            Title = Input.Title,
            Spot = Input.Spot ?? "",
            Body = Input.Body ?? "",
            Category = Input.Category,
            Tags = tags,
            Source = Input.Source ?? "",
            Authors = Input.Authors.Count > 0 ? Input.Authors : null,
            Image = new ImageInput { Id = Input.ImageId ?? 0, Caption = Input.ImageCaption, Credit = Input.ImageCredit },
            VideoId = Input.VideoId ?? 0,
            Breaking = CanPublish ? Input.Breaking : null,
            BreakingUntil = CanPublish ? Utc(Input.BreakingUntil) : null,
            Slot = slot,
            SlotOrder = slot is null ? null : Input.SlotOrder,
            Status = status,
            // "Yayınla" with an empty time means now; a time in the past is the time it first went out.
            PublishedAt = Utc(Input.PublishAt) is { } at && (!publishNow || at <= clock.GetUtcNow()) ? at : null,
            UnpublishAt = Utc(Input.UnpublishAt),
            ClearUnpublishAt = Input.UnpublishAt is null,
        };
    }

    async Task SaveFocusAsync(int? imageId, CancellationToken ct)
    {
        if (imageId is not { } mediaId) return;
        await db.Media.Where(m => m.Id == mediaId && (m.FocusX != Input.FocusX || m.FocusY != Input.FocusY))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FocusX, Input.FocusX).SetProperty(m => m.FocusY, Input.FocusY), ct);
    }

    async Task<IActionResult> RefuseAsync(string reason, CancellationToken ct)
    {
        ModelState.AddModelError("", reason);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return await RedisplayAsync(ct);
    }

    /// <summary>Bad input: 400, the form back with every field as the writer left it and each problem named.</summary>
    Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return RedisplayAsync(ct);
    }

    async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, ct);
            if (article is not null) Fill(article);
        }
        if (Input.ImageId is { } imageId) Image = ImageRef.From(await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == imageId, ct));
        await LoadListsAsync(ct);
        return Page();
    }

    async Task<StaleView> StaleAsync(int id, CancellationToken ct)
    {
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.Spot, a.Body, a.Version }).FirstAsync(ct);
        var revision = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
            .Select(r => new { r.SavedByName, r.SavedAt }).FirstOrDefaultAsync(ct);
        // The writer's version is kept in the form; the next save goes on top of the current one.
        Input.Version = current.Version;
        ModelState.Remove("Input.Version"); // else the form would print the posted, stale version again
        return new StaleView(current.Version, revision?.SavedByName ?? "", revision?.SavedAt ?? clock.GetUtcNow(),
            TextDiff.SideBySide(current.Title, Input.Title),
            TextDiff.SideBySide(current.Spot, Input.Spot ?? ""),
            TextDiff.SideBySide(TextDiff.HtmlToLines(current.Body), TextDiff.HtmlToLines(Input.Body ?? "")));
    }

    void Fill(Article article)
    {
        Id = article.Id;
        Status = article.Status;
        CreatedById = article.CreatedById;
        PublishedAt = article.PublishedAt;
        if (article.Status == ArticleStatus.Published) PublicUrl = Links.Article(article.Category.Slug, article.Slug, article.Id);
        Image = ImageRef.From(article.Image);
        ViewData["Title"] = article.Title;
    }

    async Task LoadListsAsync(CancellationToken ct)
    {
        ViewData["Title"] ??= "Yeni haber";
        Categories = await tree.GetAsync(ct);
        AllAuthors = (await db.Authors.AsNoTracking().Select(a => new { a.Slug, a.Name }).ToListAsync(ct))
            .OrderBy(a => a.Name, Turkish.Comparer).Select(a => (a.Slug, a.Name)).ToList();
        Videos = (await db.Videos.AsNoTracking().OrderByDescending(v => v.PublishedAt).Take(100).Select(v => new { v.Id, v.Title }).ToListAsync(ct))
            .Select(v => (v.Id, v.Title)).ToList();
        KnownTags = await db.Tags.AsNoTracking().OrderBy(t => t.Slug).Take(2000).Select(t => t.Name).ToListAsync(ct);
        if (Image is null && Input.ImageId is { } imageId) Image = ImageRef.From(await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == imageId, ct));
    }

    static string FieldName(string apiField) => apiField switch
    {
        "title" => "Input.Title",
        "spot" => "Input.Spot",
        "body" => "Input.Body",
        "category" => "Input.Category",
        "tags" => "Input.Tags",
        "source" => "Input.Source",
        "image" => "Input.ImageId",
        "videoId" => "Input.VideoId",
        "slot" or "slotOrder" => "Input.Slot",
        "publishedAt" => "Input.PublishAt",
        "unpublishAt" => "Input.UnpublishAt",
        "authors" => "Input.Authors",
        _ => "",
    };

    /// <summary>Istanbul wall-clock time (a datetime-local field) to an instant.</summary>
    static DateTimeOffset? Utc(DateTime? local) =>
        local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), Turkish.TimeZone.GetUtcOffset(l)).ToUniversalTime() : null;

    static DateTime? Local(DateTimeOffset? instant) => instant is { } i ? Turkish.ToIstanbul(i).DateTime : null;
}
