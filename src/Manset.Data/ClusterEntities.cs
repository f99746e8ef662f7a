namespace Manset.Data;

/// <summary>
/// A named job that must run on one node at a time (the scheduler, the most-read recomputation): the node that holds
/// an unexpired lease runs it and renews it; when that node dies, another takes the lease once it expires.
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A most-read list as the node holding the most-read lease last computed it: the article ids in order. Every node
/// reads its lists from here, so all nodes print the same ÇOK OKUNANLAR.
/// </summary>
public sealed class MostReadList
{
    /// <summary>"day" (last 24 hours) or "week" (last 7 days).</summary>
    public required string Period { get; set; }
    /// <summary>Article ids, most read first, separated by commas.</summary>
    public string ArticleIds { get; set; } = "";
    public DateTimeOffset ComputedAt { get; set; }
}
