using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Api;

public sealed record CategoryDto(int Id, string Slug, string Name, string? ParentSlug, int SortOrder);

public sealed record CategoryInput
{
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string? ParentSlug { get; init; }
    public int? SortOrder { get; init; }
}

public sealed record RenditionDto(int Width, string Url, string? Webp = null);

public sealed record ImageDto(int Id, string Url, int Width, int Height, string? Caption, string? Credit, IReadOnlyList<RenditionDto> Renditions);

public sealed record MediaDto(int Id, string Kind, string Url, int Width, int Height, string ContentType, IReadOnlyList<RenditionDto> Renditions);

public sealed record VideoRefDto(int Id, string Title, string Url);

public sealed record AuthorDto(string Slug, string Name);

public sealed record RevisionDto(int Version, DateTimeOffset SavedAt, string? SavedBy, string Title, string Spot, string Body,
    string? Category, IReadOnlyList<string> Tags, string? Source, string Status, DateTimeOffset? PublishedAt);

/// <summary>An article as the API reads it back: the POST body's fields under the same names, and more.</summary>
public sealed record ArticleDto
{
    public int Id { get; init; }
    public string Url { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Spot { get; init; } = "";
    public string Body { get; init; } = "";
    public string Category { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Source { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool Breaking { get; init; }
    public DateTimeOffset? BreakingUntil { get; init; }
    public DateTimeOffset? UnpublishAt { get; init; }
    public string Status { get; init; } = "";
    public string Slot { get; init; } = "none";
    public int SlotOrder { get; init; }
    public int Version { get; init; }
    public IReadOnlyList<AuthorDto> Authors { get; init; } = [];
    public ImageDto? Image { get; init; }
    public VideoRefDto? Video { get; init; }
    public IReadOnlyList<MediaDto> Media { get; init; } = [];
}

public sealed record ArticleList(IReadOnlyList<ArticleDto> Items, int Total, int Page, int PageSize);

public static class ApiMapping
{
    /// <summary>Loads articles with what their DTOs print, in two round trips whatever the count.</summary>
    public static async Task<List<ArticleDto>> LoadAsync(MansetDb db, IQueryable<Article> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(a => new
            {
                Article = a,
                CategorySlug = a.Category.Slug,
                Image = a.Image,
                Video = a.Video == null ? null : new { a.Video.Id, a.Video.Title, a.Video.Slug, a.Video.Poster, a.Video.File },
                Tags = a.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList(),
                Authors = a.Authors.OrderBy(x => x.Order).Select(x => new AuthorDto(x.Author.Slug, x.Author.Name)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var a = r.Article;
            var media = new List<MediaDto>();
            if (r.Image is { } image) media.Add(ToMedia(image));
            if (r.Video?.Poster is { } poster) media.Add(ToMedia(poster));
            if (r.Video?.File is { } file) media.Add(ToMedia(file));
            return new ArticleDto
            {
                Id = a.Id,
                Url = Links.Article(r.CategorySlug, a.Slug, a.Id),
                Slug = a.Slug,
                Title = a.Title,
                Spot = a.Spot,
                Body = a.Body,
                Category = r.CategorySlug,
                Tags = r.Tags,
                Source = a.Source,
                PublishedAt = Local(a.PublishedAt),
                UpdatedAt = Turkish.ToIstanbul(a.ModifiedAt),
                EditedAt = Local(a.EditedAt),
                CreatedAt = Turkish.ToIstanbul(a.CreatedAt),
                Breaking = a.IsBreaking,
                BreakingUntil = Local(a.BreakingUntil),
                UnpublishAt = Local(a.UnpublishAt),
                Status = Words.Status(a.Status),
                Slot = Words.Slot(a.Slot),
                SlotOrder = a.SlotOrder,
                Version = a.Version,
                Authors = r.Authors,
                Image = r.Image is null ? null : new ImageDto(r.Image.Id, ImageRef.From(r.Image)!.Src(1280), r.Image.Width, r.Image.Height,
                    a.ImageCaption, a.ImageCredit, Renditions(r.Image)),
                Video = r.Video is null ? null : new VideoRefDto(r.Video.Id, r.Video.Title, Links.Video(r.Video.Slug, r.Video.Id)),
                Media = media,
            };
        }).ToList();
    }

    public static MediaDto ToMedia(Manset.Data.Media m) => m.Kind == MediaKind.Image
        ? new MediaDto(m.Id, "image", ImageRef.From(m)!.Src(1280), m.Width, m.Height, m.ContentType, Renditions(m))
        : new MediaDto(m.Id, "video", ImageRef.UrlPrefix + m.StorageKey, m.Width, m.Height, m.ContentType, []);

    public static IReadOnlyList<RenditionDto> Renditions(Manset.Data.Media m)
    {
        var image = ImageRef.From(m)!;
        return image.Widths.Select(w => new RenditionDto(w, ImageRef.UrlPrefix + ImagePipeline.RenditionKey(m.StorageKey, w),
            m.HasWebp ? ImageRef.UrlPrefix + ImagePipeline.RenditionKey(m.StorageKey, w, "webp") : null)).ToList();
    }

    public static string ETag(int version) => $"\"v{version}\"";

    static DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? Turkish.ToIstanbul(i) : null;
}
