using Manset.Web.Breaking;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Publishing;

/// <summary>
/// Evicts the cached pages a write has changed, and the in-memory blocks built from the same data.
/// Ghost's rule: every write says what it invalidates.
/// </summary>
public sealed class PageCachePurge(IOutputCacheStore store, SiteBlocks blocks, BreakingNews breaking, ILogger<PageCachePurge> log)
{
    public async Task PurgeAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default)
    {
        blocks.Invalidate();
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            await store.EvictByTagAsync(tag, ct);
        }
        log.LogDebug("Önbellekten çıkarılan etiketler: {Tags}", string.Join(' ', tags));
        // The band is on every page: open pages hear about it over the live stream.
        if (tags.Contains(CacheTags.Site)) await breaking.NotifyAsync(ct);
    }
}
