using Microsoft.AspNetCore.Identity;

namespace Manset.Data;

/// <summary>Where an article is in its life. Stored as its number; the names are the API's words.</summary>
public enum ArticleStatus
{
    Draft = 0,
    Review = 1,
    Scheduled = 2,
    Published = 3,
    Unpublished = 4,
}

/// <summary>The home page's lead-story rows: manşet (the slider) and sürmanşet (the row under it).</summary>
public enum LeadSlot
{
    None = 0,
    Manset = 1,
    Surmanset = 2,
}

public enum MediaKind
{
    Image = 0,
    Video = 1,
    /// <summary>A WebVTT captions file for a video.</summary>
    Captions = 2,
}

/// <summary>A node of the category tree. Slugs are unique across the tree: the public URL is flat (<c>/{slug}</c>).</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public List<Category> Children { get; set; } = [];
    public int SortOrder { get; set; }
    public bool InMenu { get; set; } = true;
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Article
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Spot { get; set; } = "";
    /// <summary>Sanitized HTML; never stored unsanitized.</summary>
    public string Body { get; set; } = "";
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    /// <summary>The credit printed after the body: İHA, AA, DHA, or null for the paper's own reporting.</summary>
    public string? Source { get; set; }
    public ArticleStatus Status { get; set; }
    /// <summary>First publication (or, while scheduled, the time it goes live). UTC.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Last editorial update after publication, shown as "Güncelleme". Null until the published text changes.</summary>
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change of the record, whatever it was.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
    public bool IsBreaking { get; set; }
    public DateTimeOffset? BreakingUntil { get; set; }
    /// <summary>When a published article goes off the site by itself (embargoed or time-limited stories). UTC.</summary>
    public DateTimeOffset? UnpublishAt { get; set; }
    public LeadSlot Slot { get; set; }
    public int SlotOrder { get; set; }
    public int? ImageId { get; set; }
    public Media? Image { get; set; }
    public string? ImageCaption { get; set; }
    public string? ImageCredit { get; set; }
    public int? VideoId { get; set; }
    public Video? Video { get; set; }
    /// <summary>Incremented on every save; the optimistic-concurrency token and the ETag.</summary>
    public int Version { get; set; }
    public string? CreatedById { get; set; }
    public string? ModifiedById { get; set; }
    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleAuthor> Authors { get; set; } = [];
    public ArticleStats? Stats { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public int Order { get; set; }
}

public sealed class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Title { get; set; }
    public string? Bio { get; set; }
    public string? UserId { get; set; }
    public int? PhotoId { get; set; }
    public Media? Photo { get; set; }
}

public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int Order { get; set; }
}

/// <summary>An uploaded file. Images keep their renditions' widths; the files live in the media store under <see cref="StorageKey"/>.</summary>
public sealed class Media
{
    public int Id { get; set; }
    public MediaKind Kind { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public string? FileName { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    /// <summary>Widths of the stored renditions, ascending, comma separated ("320,640,960").</summary>
    public string Renditions { get; set; } = "";
    /// <summary>Each rendition also exists as WebP beside the JPEG.</summary>
    public bool HasWebp { get; set; }
    /// <summary>The point that must stay in view when the image is cropped (percent from the left, from the top).</summary>
    public int FocusX { get; set; } = 50;
    public int FocusY { get; set; } = 50;
    public string? Alt { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? Sha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UploadedById { get; set; }
}

public sealed class Video
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public int? PosterId { get; set; }
    public Media? Poster { get; set; }
    /// <summary>A video file in the media store (MP4/WebM), or null when the video is an embed.</summary>
    public int? FileId { get; set; }
    public Media? File { get; set; }
    /// <summary>A WebVTT captions file in the media store, when the video has one.</summary>
    public int? CaptionsId { get; set; }
    public Media? Captions { get; set; }
    /// <summary>An embed address from an allowed provider (YouTube, Vimeo, Dailymotion).</summary>
    public string? EmbedUrl { get; set; }
    public int DurationSeconds { get; set; }
    public bool IsPublished { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Counters kept apart from the article row so that counting never contends with editing.</summary>
public sealed class ArticleStats
{
    public int ArticleId { get; set; }
    public long Views { get; set; }
    public long Like { get; set; }
    public long Love { get; set; }
    public long Dislike { get; set; }
    public long Sad { get; set; }
    public long Wow { get; set; }
}

/// <summary>One reader's reaction to one article (the reader is an anonymous cookie id). Counts live in <see cref="ArticleStats"/>.</summary>
public sealed class ArticleReaction
{
    public int ArticleId { get; set; }
    public required string ReaderId { get; set; }
    /// <summary>Index into the five reactions (0 Beğendim … 4 İnanılmaz).</summary>
    public int Reaction { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Views of an article in one clock hour (hours since 1970-01-01 UTC): the base of the most-read lists.</summary>
public sealed class ArticleViewHour
{
    public int ArticleId { get; set; }
    public int Hour { get; set; }
    public long Views { get; set; }
}

/// <summary>A saved version of an article: who saved it, when, and what it said.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public string? SavedById { get; set; }
    public string? SavedByName { get; set; }
    public required string Title { get; set; }
    public string Spot { get; set; } = "";
    public string Body { get; set; } = "";
    public int CategoryId { get; set; }
    public string? Source { get; set; }
    public ArticleStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Tag names, one per line.</summary>
    public string Tags { get; set; } = "";
}

/// <summary>An old tag slug that now answers with a redirect to the tag it was renamed or merged into.</summary>
public sealed class TagRedirect
{
    public required string OldSlug { get; set; }
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
}

/// <summary>Who did what, when: logins, publishing, deletions, role changes, tokens, settings.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string Action { get; set; }
    public string Target { get; set; } = "";
    public string Detail { get; set; } = "";
    public string Address { get; set; } = "";
}

/// <summary>Editable site settings (masthead lines and the like), key → value.</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }
    public string Value { get; set; } = "";
}

/// <summary>An API token. Only the SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public User User { get; set; } = null!;
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
