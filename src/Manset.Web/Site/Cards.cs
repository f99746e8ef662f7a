using System.Linq.Expressions;
using Manset.Data;
using Manset.Web.Media;

namespace Manset.Web.Site;

/// <summary>An article as lists and blocks show it: headline, link, time, picture.</summary>
public sealed record ArticleCard(
    int Id,
    string Title,
    string Slug,
    string Spot,
    string CategorySlug,
    string CategoryName,
    int CategoryId,
    DateTimeOffset PublishedAt,
    bool IsBreaking,
    DateTimeOffset? BreakingUntil,
    string? Source,
    bool HasVideo,
    ImageRef? Image)
{
    public string Url => Links.Article(CategorySlug, Slug, Id);

    /// <summary>The projection every list uses: one query, no tracking, only the columns a card prints.</summary>
    public static readonly Expression<Func<Article, ArticleCard>> Projection = a => new ArticleCard(
        a.Id, a.Title, a.Slug, a.Spot, a.Category.Slug, a.Category.Name, a.CategoryId,
        a.PublishedAt ?? a.CreatedAt, a.IsBreaking, a.BreakingUntil, a.Source, a.VideoId != null,
        a.Image == null ? null : new ImageRef(a.Image.StorageKey, a.Image.Width, a.Image.Height, a.Image.Renditions, a.Image.HasWebp));
}

public sealed record VideoCard(int Id, string Title, string Slug, string Description, int DurationSeconds, DateTimeOffset PublishedAt, ImageRef? Poster)
{
    public string Url => Links.Video(Slug, Id);

    public string Duration => DurationSeconds <= 0 ? "" : $"{DurationSeconds / 60}:{DurationSeconds % 60:00}";

    public static readonly Expression<Func<Video, VideoCard>> Projection = v => new VideoCard(
        v.Id, v.Title, v.Slug, v.Description, v.DurationSeconds, v.PublishedAt,
        v.Poster == null ? null : new ImageRef(v.Poster.StorageKey, v.Poster.Width, v.Poster.Height, v.Poster.Renditions, v.Poster.HasWebp));
}

/// <summary>The public URLs of contract.md, built in one place.</summary>
public static class Links
{
    public static string Article(string categorySlug, string slug, int id) => $"/{categorySlug}/{slug}-{id}";
    public static string Category(string slug) => "/" + slug;
    public static string Tag(string slug) => "/etiket/" + slug;
    public static string Author(string slug) => "/yazar/" + slug;
    public static string Video(string slug, int id) => $"/video/{slug}-{id}";
    public const string Videos = "/video";
    public static string VideoCategory(string slug) => "/video/kategori/" + slug;
    public const string Breaking = "/son-dakika";
    public const string Search = "/arama";
    public const string Login = "/giris";

    /// <summary>
    /// First path segments that belong to the site itself; no category may take one of these slugs.
    /// </summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "api", "yonetim", "giris", "cikis", "etiket", "yazar", "video", "arama", "son-dakika", "rss", "sitemap.xml",
        "sitemap-news.xml", "robots.txt", "media", "css", "js", "img", "fonts", "health", "openapi", "kunye", "iletisim",
        "gizlilik", "hata", "tepki", "okunma", "favicon.ico", "haber", "sayfa", "hesap", "_content", "_framework",
    };
}
