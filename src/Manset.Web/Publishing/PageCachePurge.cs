using Manset.Web.Breaking;
using Manset.Web.Cluster;
using Manset.Web.Engagement;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Manset.Web.Site;

namespace Manset.Web.Publishing;

/// <summary>
/// Evicts the cached pages a write has changed, and the in-memory blocks built from the same data, on every node and
/// in the CDN. Ghost's rule: every write says what it invalidates.
/// </summary>
public sealed class PageCachePurge(PageStore store, SiteBlocks blocks, CategoryTree categories, MostRead mostRead, BreakingNews breaking,
    ClusterBus bus, CdnPurge cdn, MansetMetrics metrics, ILogger<PageCachePurge> log)
{
    public async Task PurgeAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default)
    {
        var distinct = tags.Distinct(StringComparer.Ordinal).ToArray();
        await ApplyAsync(distinct, fromOtherNode: false, ct);
        await bus.PublishPurgeAsync(distinct);
        cdn.Enqueue(distinct);
    }

    /// <summary>
    /// What every node does with a purge: the node that made it, and each other node when the bus tells it.
    /// Blocks first, then the pages: a page rendered after this is rendered from fresh data. Each node also evicts
    /// the shared copies, so a page another node rendered from its stale blocks in the meantime does not survive.
    /// </summary>
    public async Task ApplyAsync(string[] tags, bool fromOtherNode, CancellationToken ct)
    {
        if (fromOtherNode)
        {
            if (tags.Contains(CacheTags.Site)) categories.Invalidate();
            if (tags.Contains(CacheTags.MostRead)) await mostRead.ReloadAsync(ct);
        }
        blocks.Invalidate();
        foreach (var tag in tags)
        {
            await store.EvictSharedAsync(tag);
            store.EvictLocal(tag);
        }
        metrics.Purged(fromOtherNode);
        log.LogDebug("Önbellekten çıkarılan etiketler: {Tags}{Origin}", string.Join(' ', tags), fromOtherNode ? " (başka düğümden)" : "");
        // The band is on every page: open pages hear about it over the live stream.
        if (tags.Contains(CacheTags.Site)) await breaking.NotifyAsync(ct);
    }

    /// <summary>After Redis comes back: purges may have been missed, so forget every page and block.</summary>
    public async Task ForgetEverythingAsync(CancellationToken ct)
    {
        categories.Invalidate();
        await mostRead.ReloadAsync(ct);
        blocks.Invalidate();
        await store.EvictSharedAsync(CacheTags.Site);
        store.ClearLocal();
        await breaking.NotifyAsync(ct);
    }
}
