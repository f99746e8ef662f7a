namespace Manset.Data;

/// <summary>Where an agency story is on the wire desk.</summary>
public enum WireItemState
{
    /// <summary>On the desk only; no article yet.</summary>
    New = 0,
    /// <summary>Opened as a draft article.</summary>
    Draft = 1,
    /// <summary>Published (by an editor or by a rule).</summary>
    Published = 2,
}

public enum WireMediaState
{
    /// <summary>The agency lists it but says it is not ready (İHA <c>filesize="0"</c>); a later pull brings it.</summary>
    Waiting = 0,
    /// <summary>Ready at the agency, to be downloaded into our media library.</summary>
    Pending = 1,
    Stored = 2,
    /// <summary>Refused (not an image, too large) or failed too often.</summary>
    Failed = 3,
}

/// <summary>
/// One agency story as it arrived, keyed by source and the agency's own id. The article made from it (if any)
/// is linked; <see cref="ArticleVersion"/> is the article version we last wrote, so an agency update can tell an
/// untouched copy (update it) from one an editor changed (keep it and flag <see cref="AgencyUpdated"/>).
/// </summary>
public sealed class WireItem
{
    public long Id { get; set; }
    /// <summary>The configured source's name (<c>Manset:Wires:Sources:N:Name</c>).</summary>
    public required string Source { get; set; }
    public required string AgencyId { get; set; }
    /// <summary>The agency's own version marker (AA document id within its group, İHA update time), when it gives one.</summary>
    public string? AgencyVersion { get; set; }
    /// <summary>The credit printed on the article: İHA, AA, DHA, or a feed's title.</summary>
    public string Credit { get; set; } = "";
    public required string Title { get; set; }
    public string Spot { get; set; } = "";
    /// <summary>Sanitized HTML.</summary>
    public string Body { get; set; } = "";
    /// <summary>The agency's own category words, most specific first, " / " separated.</summary>
    public string? AgencyCategory { get; set; }
    /// <summary>Our category slug, from the source's map, a matching slug or its default.</summary>
    public string? Category { get; set; }
    public string? City { get; set; }
    public bool IsBreaking { get; set; }
    /// <summary>The agency's publication time (UTC).</summary>
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>When the agency last changed the text (UTC; equals <see cref="ReceivedAt"/> until it does).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>SHA-256 of the normalised text fields: an unchanged repeat is recognised without comparing texts.</summary>
    public required string ContentHash { get; set; }
    /// <summary>How many times the agency changed the text.</summary>
    public int Revision { get; set; }
    public WireItemState State { get; set; }
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    public int? ArticleVersion { get; set; }
    public bool AgencyUpdated { get; set; }
    /// <summary>MinHash signature of the normalised text, for near-duplicates across agencies.</summary>
    public byte[] Signature { get; set; } = [];
    /// <summary>The first item of its near-duplicate group (its own id when alone).</summary>
    public long? GroupId { get; set; }
    public List<WireMedia> Media { get; set; } = [];
}

/// <summary>A photo or video of an agency story, downloaded into our media library (never hot-linked).</summary>
public sealed class WireMedia
{
    public long Id { get; set; }
    public long WireItemId { get; set; }
    public WireItem Item { get; set; } = null!;
    public MediaKind Kind { get; set; }
    /// <summary>The agency's id for it (İHA ResimKodu, AA residref) or a hash of its address.</summary>
    public required string Key { get; set; }
    public required string Url { get; set; }
    public string? PosterUrl { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public int Order { get; set; }
    public int DurationSeconds { get; set; }
    public WireMediaState State { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public int? MediaId { get; set; }
    public Media? Media { get; set; }
    public int? PosterId { get; set; }
    public int? VideoId { get; set; }
}

/// <summary>A source's health and schedule, shared by every node; the lease makes one node pull it at a time.</summary>
public sealed class WireSourceState
{
    public required string Name { get; set; }
    public DateTimeOffset? LastPullAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Redacted: never holds a credential.</summary>
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public int LastSeen { get; set; }
    public int LastNew { get; set; }
    public int LastUpdated { get; set; }
    public int LastFailed { get; set; }
    public long TotalNew { get; set; }
    public DateTimeOffset? NextPullAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>
/// A desk rule: stories matching the source, category and city (each optional) are published at once or held
/// as drafts on the desk. The first matching rule wins; without one the source's configured mode applies.
/// </summary>
public sealed class WireRule
{
    public int Id { get; set; }
    public string? Source { get; set; }
    public string? Category { get; set; }
    public string? City { get; set; }
    public bool Publish { get; set; }
    public int Order { get; set; }
}
