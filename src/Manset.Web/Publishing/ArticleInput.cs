using System.ComponentModel;
using Manset.Data;

namespace Manset.Web.Publishing;

/// <summary>
/// An article as a writer sends it (the content API's request body; the newsroom's form maps onto it).
/// On update, a field left out (null) keeps its current value.
/// </summary>
public sealed record ArticleInput
{
    [Description("Başlık (headline), at most 200 characters.")]
    public string? Title { get; init; }
    [Description("Spot: the lead paragraph, plain text, at most 600 characters.")]
    public string? Spot { get; init; }
    [Description("Haber metni: HTML; sanitized on the way in.")]
    public string? Body { get; init; }
    [Description("Category slug, e.g. \"dunya\".")]
    public string? Category { get; init; }
    public List<string>? Tags { get; init; }
    [Description("Source credit printed after the body: İHA, AA, DHA… Empty for the paper's own reporting.")]
    public string? Source { get; init; }
    [Description("First publication, ISO 8601 with offset. A future time with status \"published\" schedules the article.")]
    public DateTimeOffset? PublishedAt { get; init; }
    public bool? Breaking { get; init; }
    [Description("When the article leaves the site by itself, ISO 8601 with offset; null keeps it, an empty value is not accepted (send \"clearUnpublishAt\": true).")]
    public DateTimeOffset? UnpublishAt { get; init; }
    [Description("Removes a planned unpublish time.")]
    public bool? ClearUnpublishAt { get; init; }
    [Description("Until when the article stays in the SON DAKİKA band; default: a few hours after publication.")]
    public DateTimeOffset? BreakingUntil { get; init; }
    [Description("draft | review | scheduled | published | unpublished")]
    public string? Status { get; init; }
    public ImageInput? Image { get; init; }
    [Description("Id of a video (see /video) shown with the article.")]
    public int? VideoId { get; init; }
    [Description("Lead-story slot: none | manset | surmanset.")]
    public string? Slot { get; init; }
    public int? SlotOrder { get; init; }
    [Description("Author slugs; default: the writer's own author profile.")]
    public List<string>? Authors { get; init; }
}

/// <summary>The main image: an uploaded media id with the caption and credit printed under it.</summary>
public sealed record ImageInput
{
    public int? Id { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
}

/// <summary>The API's words for statuses and slots.</summary>
public static class Words
{
    public static string Status(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.Review => "review",
        ArticleStatus.Scheduled => "scheduled",
        ArticleStatus.Published => "published",
        ArticleStatus.Unpublished => "unpublished",
        _ => "draft",
    };

    public static ArticleStatus? ParseStatus(string? value) => value switch
    {
        "draft" => ArticleStatus.Draft,
        "review" => ArticleStatus.Review,
        "scheduled" => ArticleStatus.Scheduled,
        "published" => ArticleStatus.Published,
        "unpublished" => ArticleStatus.Unpublished,
        _ => null,
    };

    /// <summary>The glossary's Turkish names for statuses.</summary>
    public static string StatusTr(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Taslak",
        ArticleStatus.Review => "İncelemede",
        ArticleStatus.Scheduled => "Zamanlanmış",
        ArticleStatus.Published => "Yayında",
        ArticleStatus.Unpublished => "Yayından kaldırıldı",
        _ => "",
    };

    public static string Slot(LeadSlot slot) => slot switch
    {
        LeadSlot.Manset => "manset",
        LeadSlot.Surmanset => "surmanset",
        _ => "none",
    };

    public static LeadSlot? ParseSlot(string? value) => value switch
    {
        "manset" => LeadSlot.Manset,
        "surmanset" => LeadSlot.Surmanset,
        "none" or "" => LeadSlot.None,
        _ => null,
    };
}
