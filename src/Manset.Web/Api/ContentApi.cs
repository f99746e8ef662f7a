using System.Text.Json;
using System.Text.Json.Serialization;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Manset.Web.Api;

/// <summary>Content API v1 (contract.md): categories, articles, revisions, media. Bearer tokens, one permission per endpoint.</summary>
public static class ContentApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    const int JsonLimit = 2 * 1024 * 1024;

    public static WebApplicationBuilder AddContentApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // A media upload on a full disk says so and what to do (StorageFullProblem below); other 5xx say nothing more.
            if (c.ProblemDetails is { Status: 507, Title: { } own } && own != "Insufficient Storage") return;
            c.ProblemDetails.Title = c.ProblemDetails.Status switch
            {
                400 when c.ProblemDetails.Title is null or "Bad Request" or "One or more validation errors occurred." => "İstek geçersiz",
                401 => "Kimlik doğrulaması gerekli",
                403 => "Bu işlem için yetkiniz yok",
                404 => "Bulunamadı",
                405 => "Bu yöntem desteklenmiyor",
                409 when c.ProblemDetails.Title is null or "Conflict" => "Çakışma",
                412 when c.ProblemDetails.Title is null or "Precondition Failed" => "Haber bu arada değiştirildi",
                413 => "İstek çok büyük",
                415 when c.ProblemDetails.Title is null or "Unsupported Media Type" => "Desteklenmeyen içerik türü",
                429 => "Çok fazla istek",
                >= 500 => "Sunucu hatası",
                _ => c.ProblemDetails.Title,
            };
            if (c.ProblemDetails.Status >= 500) c.ProblemDetails.Detail = "Beklenmeyen bir hata oluştu; kaydedildi.";
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Manşet içerik API'si";
                document.Info.Version = "v1";
                document.Info.Description = "Haber, kategori ve medya yönetimi. Her istek 'Authorization: Bearer TOKEN' başlığı ister (token create komutu).";
                document.Components ??= new();
                document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "API token (mst_…)",
                };
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapContentApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokens.Scheme })
            .RequireRateLimiting(RateLimits.Api)
            .WithTags("İçerik")
            .DisableAntiforgery();

        api.MapGet("/categories", ListCategories).RequireAuthorization(Permissions.NewsroomAccess)
            .WithSummary("Kategoriler, ağaç sırasıyla");
        api.MapPost("/categories", CreateCategory).RequireAuthorization(Permissions.CategoriesManage)
            .Accepts<CategoryInput>("application/json").WithRequestSizeLimit(JsonLimit)
            .Produces<CategoryDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Kategori oluşturur");

        api.MapGet("/articles", ListArticles).RequireAuthorization(Permissions.NewsroomAccess)
            .Produces<ArticleList>().ProducesValidationProblem()
            .WithSummary("Haberler, en yenisi önce; status, category, source, q, page, pageSize ile süzülür")
            .WithDescription("status=published ile birlikte q, yayımlanmış haberlerde Türkçe tam metin arama yapar (büyük-küçük harf, ekler ve Türkçe karakterler fark etmez) ve sonuçları en uygun olandan sıralar; diğer durumlarda q başlık ve spotta geçen metni arar.");
        api.MapPost("/articles", CreateArticle).RequireAuthorization(Permissions.ArticlesWrite)
            .Accepts<ArticleInput>("application/json").WithRequestSizeLimit(JsonLimit)
            .Produces<ArticleDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Haber oluşturur (muhabir yalnızca taslak)");
        api.MapGet("/articles/{id:int}", GetArticle).RequireAuthorization(Permissions.NewsroomAccess)
            .Produces<ArticleDto>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bir haber, ETag ile");
        api.MapPut("/articles/{id:int}", UpdateArticle).RequireAuthorization(Permissions.ArticlesWrite)
            .Accepts<ArticleInput>("application/json").WithRequestSizeLimit(JsonLimit)
            .Produces<ArticleDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Haberi günceller; gönderilmeyen alanlar olduğu gibi kalır; If-Match eskiyse 412");
        api.MapDelete("/articles/{id:int}", DeleteArticle).RequireAuthorization(Permissions.ArticlesWrite)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Yayındaki haberi yayından kaldırır, hiç yayımlanmamış taslağı siler");
        api.MapGet("/articles/{id:int}/revisions", ListRevisions).RequireAuthorization(Permissions.NewsroomAccess)
            .Produces<List<RevisionDto>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Haberin kayıtlı sürümleri, en yenisi önce");

        api.MapPost("/media", UploadMedia).RequireAuthorization(Permissions.MediaUpload)
            .Accepts<IFormFile>("multipart/form-data")
            .WithRequestSizeLimit(app.Configuration.GetValue($"{MansetOptions.Section}:Media:MaxUploadMegabytes", 20) * 1024L * 1024L + 64 * 1024)
            .Produces<MediaDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Görsel yükler ('file' alanı); JPEG kopyaları 320–1920 piksel genişlikte üretilir");
        return app;
    }

    static RouteHandlerBuilder WithRequestSizeLimit(this RouteHandlerBuilder builder, long bytes) =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));

    static async Task<Ok<List<CategoryDto>>> ListCategories(CategoryTree tree, CancellationToken ct)
    {
        var categories = await tree.GetAsync(ct);
        var list = new List<CategoryDto>();
        void Walk(IEnumerable<CategoryNode> nodes, string? parent)
        {
            foreach (var n in nodes)
            {
                list.Add(new CategoryDto(n.Id, n.Slug, n.Name, parent, n.SortOrder));
                Walk(categories.Children(n.Id), n.Slug);
            }
        }
        Walk(categories.Roots, null);
        return TypedResults.Ok(list);
    }

    static async Task<IResult> CreateCategory(HttpRequest request, MansetDb db, CategoryTree tree, PageCachePurge purge, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CategoryInput>(request, Json);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        var name = input!.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = ["Kategori adı gerekli."];
        else if (name.Length > Limits.CategoryNameMax) errors["name"] = [$"Kategori adı en çok {Limits.CategoryNameMax} karakter olabilir."];
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(name, "") : input.Slug.Trim();
        if (name.Length > 0 && !Slug.IsValid(slug)) errors["slug"] = ["Kısa ad yalnızca küçük harf (a-z), rakam ve tire içerebilir."];
        else if (Links.Reserved.Contains(slug)) errors["slug"] = [$"'{slug}' adresi sitenin kendi sayfalarından birine ait; başka bir kısa ad seçin."];
        var categories = await tree.GetAsync(ct);
        CategoryNode? parent = null;
        if (!string.IsNullOrWhiteSpace(input.ParentSlug) && (parent = categories.BySlug(input.ParentSlug.Trim())) is null)
            errors["parentSlug"] = [$"Üst kategori bulunamadı: '{input.ParentSlug}'."];
        if (errors.Count > 0) return JsonBody.Invalid(errors);
        if (categories.BySlug(slug) is not null || await db.Categories.AnyAsync(c => c.Slug == slug, ct))
            return TypedResults.Problem(title: "Bu kategori zaten var", detail: $"'{slug}' kısa adlı bir kategori zaten var.", statusCode: StatusCodes.Status409Conflict);

        var siblings = parent is null ? categories.Roots : categories.Children(parent.Id);
        var category = new Category
        {
            Name = name,
            Slug = slug,
            ParentId = parent?.Id,
            SortOrder = input.SortOrder ?? (siblings.Count == 0 ? 0 : siblings.Max(s => s.SortOrder) + 1),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(title: "Bu kategori zaten var", detail: $"'{slug}' kısa adlı bir kategori zaten var.", statusCode: StatusCodes.Status409Conflict);
        }
        tree.Invalidate();
        await purge.PurgeAsync([CacheTags.Site], ct);
        return TypedResults.Created(Links.Category(slug), new CategoryDto(category.Id, slug, name, parent?.Slug, category.SortOrder));
    }

    static async Task<IResult> ListArticles(MansetDb db, CategoryTree tree, Search.ISearchIndex search, string? status, string? category, string? source, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Articles.AsQueryable();
        List<int>? categoryIds = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Words.ParseStatus(status) is { } s) query = query.Where(a => a.Status == s);
            else errors["status"] = ["Durum 'draft', 'review', 'scheduled', 'published' ya da 'unpublished' olmalı."];
        }
        if (!string.IsNullOrEmpty(category))
        {
            var categories = await tree.GetAsync(ct);
            if (categories.BySlug(category) is { } node)
            {
                var ids = categoryIds = categories.SelfAndDescendants(node.Id).ToList();
                query = query.Where(a => ids.Contains(a.CategoryId));
            }
            else errors["category"] = [$"Bilinmeyen kategori: '{category}'."];
        }
        if (!string.IsNullOrEmpty(source))
        {
            var normalised = ArticleService.NormaliseSource(source);
            query = query.Where(a => a.Source == normalised);
        }
        var number = page ?? 1;
        var size = pageSize ?? 20;
        if (number < 1) errors["page"] = ["Sayfa 1 ya da daha büyük olmalı."];
        if (size is < 1 or > 100) errors["pageSize"] = ["Sayfa boyutu 1 ile 100 arasında olmalı."];
        var searching = !string.IsNullOrWhiteSpace(q);
        if (searching && q!.Length > 200) errors["q"] = ["Arama en çok 200 karakter olabilir."];
        if (errors.Count > 0) return JsonBody.Invalid(errors);

        // Published articles are searched in the index, with Turkish analysis, best match first; any other list
        // (drafts, a source) filters headline and spot, newest first.
        if (searching && Words.ParseStatus(status ?? "") == ArticleStatus.Published && string.IsNullOrEmpty(source))
        {
            var found = await search.SearchAsync(new Search.SearchQuery(q!.Trim(), categoryIds, null, null, number, size), ct);
            var hits = await ApiMapping.LoadAsync(db, db.Articles.Where(a => found.Ids.Contains(a.Id)), ct);
            var ranked = found.Ids.Select(id => hits.Find(i => i.Id == id)).OfType<ArticleDto>().ToList();
            return TypedResults.Ok(new ArticleList(ranked, found.Total, number, size));
        }
        if (searching) query = TextFilter.Apply(db, query, q!.Trim());

        var total = await query.CountAsync(ct);
        var pageQuery = query.OrderByDescending(a => a.PublishedAt ?? a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((number - 1) * size).Take(size);
        var items = await ApiMapping.LoadAsync(db, pageQuery, ct);
        var order = await pageQuery.Select(a => a.Id).ToListAsync(ct);
        items = order.Select(id => items.Find(i => i.Id == id)).OfType<ArticleDto>().ToList();
        return TypedResults.Ok(new ArticleList(items, total, number, size));
    }

    static async Task<IResult> GetArticle(int id, MansetDb db, HttpContext http, CancellationToken ct)
    {
        var article = (await ApiMapping.LoadAsync(db, db.Articles.Where(a => a.Id == id), ct)).FirstOrDefault();
        if (article is null) return NotFound(id);
        var etag = ApiMapping.ETag(article.Version);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(article);
    }

    static async Task<IResult> CreateArticle(HttpRequest request, ArticleService articles, MansetDb db, HttpContext http, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<ArticleInput>(request, Json);
        if (problem is not null) return problem;
        var outcome = await articles.CreateAsync(input!, Actor.From(http.User), ct);
        return await AnswerAsync(outcome, db, http, ct);
    }

    static async Task<IResult> UpdateArticle(int id, HttpRequest request, ArticleService articles, MansetDb db, HttpContext http, CancellationToken ct)
    {
        int? expected = null;
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (ifMatch.Length > 0 && ifMatch != "*")
        {
            var raw = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
            raw = raw.Trim('"');
            if (!raw.StartsWith('v') || !int.TryParse(raw.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                return TypedResults.Problem(title: "Haber bu arada değiştirildi",
                    detail: "If-Match başlığındaki ETag bu haberin hiçbir sürümüne ait değil.", statusCode: StatusCodes.Status412PreconditionFailed);
            }
            expected = version;
        }
        var (input, problem) = await JsonBody.ReadAsync<ArticleInput>(request, Json);
        if (problem is not null) return problem;
        var outcome = await articles.UpdateAsync(id, input!, expected, Actor.From(http.User), ct);
        return await AnswerAsync(outcome, db, http, ct);
    }

    static async Task<IResult> DeleteArticle(int id, ArticleService articles, HttpContext http, CancellationToken ct)
    {
        var outcome = await articles.DeleteAsync(id, Actor.From(http.User), ct);
        return outcome switch
        {
            SaveOutcome.Deleted => TypedResults.NoContent(),
            SaveOutcome.NotFound => NotFound(id),
            SaveOutcome.Forbidden f => TypedResults.Problem(title: "Bu işlem için yetkiniz yok", detail: f.Reason, statusCode: 403),
            _ => TypedResults.StatusCode(500),
        };
    }

    static async Task<IResult> ListRevisions(int id, MansetDb db, CategoryTree tree, CancellationToken ct)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var categories = await tree.GetAsync(ct);
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(revisions.Select(r => new RevisionDto(
            r.Version, Turkish.ToIstanbul(r.SavedAt), r.SavedByName, r.Title, r.Spot, r.Body,
            categories[r.CategoryId]?.Slug, r.Tags.Split('\n', StringSplitOptions.RemoveEmptyEntries), r.Source,
            Words.Status(r.Status), r.PublishedAt is { } p ? Turkish.ToIstanbul(p) : null)).ToList());
    }

    static async Task<IResult> UploadMedia(HttpRequest request, ImagePipeline images, MansetDb db, HttpContext http,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return JsonBody.Invalid("file", "Dosya multipart/form-data olarak 'file' alanında gönderilmeli.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return JsonBody.Invalid("file", "Dosya okunamadı ya da çok büyük.");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return JsonBody.Invalid("file", "'file' alanında bir görsel gönderin.");
        Manset.Data.Media media;
        bool existing;
        try
        {
            await using var stream = file.OpenReadStream();
            (media, existing) = await images.StoreAsync(stream, file.FileName, ct);
        }
        catch (MediaRejectedException e)
        {
            return JsonBody.Invalid("file", e.Message);
        }
        catch (MediaStorageFullException)
        {
            return StorageFullProblem(T);
        }
        if (!existing)
        {
            media.UploadedById = Actor.From(http.User).UserId;
            media.Caption = form["caption"].ToString() is { Length: > 0 and <= Limits.CaptionMax } caption ? caption : null;
            media.Credit = form["credit"].ToString() is { Length: > 0 and <= Limits.CreditMax } credit ? credit : null;
            db.Media.Add(media);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (StorageFull.Is(e))
            {
                // No row: the files are removed with the upload's pending note (Media/PendingUploads.cs).
                return StorageFullProblem(T);
            }
        }
        var dto = ApiMapping.ToMedia(media);
        // The same picture uploaded twice is stored once: the second upload gets the first one back.
        return TypedResults.Created(dto.Url, new { dto.Id, dto.Url, dto.Width, dto.Height, dto.Renditions, existing });
    }

    static async Task<IResult> AnswerAsync(SaveOutcome outcome, MansetDb db, HttpContext http, CancellationToken ct)
    {
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                var dto = (await ApiMapping.LoadAsync(db, db.Articles.Where(a => a.Id == saved.Article.Id), ct)).Single();
                http.Response.Headers.ETag = ApiMapping.ETag(dto.Version);
                return saved.Created ? TypedResults.Created($"/api/v1/articles/{dto.Id}", dto) : TypedResults.Ok(dto);
            case SaveOutcome.Invalid invalid:
                return JsonBody.Invalid(invalid.Errors);
            case SaveOutcome.Forbidden forbidden:
                return TypedResults.Problem(title: "Bu işlem için yetkiniz yok", detail: forbidden.Reason, statusCode: StatusCodes.Status403Forbidden);
            case SaveOutcome.NotFound:
                return TypedResults.Problem(title: "Bulunamadı", detail: "Böyle bir haber yok.", statusCode: StatusCodes.Status404NotFound);
            case SaveOutcome.Stale stale:
                http.Response.Headers.ETag = ApiMapping.ETag(stale.CurrentVersion);
                return TypedResults.Problem(title: "Haber bu arada değiştirildi",
                    detail: $"Siz okuduktan sonra haber başka biri tarafından kaydedildi (güncel sürüm {stale.CurrentVersion}); hiçbir şey üzerine yazılmadı. Güncel hâlini okuyup değişikliğinizi yeniden uygulayın.",
                    statusCode: StatusCodes.Status412PreconditionFailed);
            default:
                return TypedResults.StatusCode(500);
        }
    }

    /// <summary>507: the server's disk is full; nothing of the upload was kept, and the same request may be sent again later.</summary>
    static ProblemHttpResult StorageFullProblem(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) =>
        TypedResults.Problem(title: T[MediaStorageFullException.TitleKey], detail: T[MediaStorageFullException.TextKey],
            statusCode: StatusCodes.Status507InsufficientStorage);

    static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(title: "Bulunamadı", detail: $"{id} numaralı haber yok.", statusCode: StatusCodes.Status404NotFound);
}
