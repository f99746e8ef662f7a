using Manset.Data;
using Manset.Web.Engagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Manset.Web.Site;

/// <summary>What every public page shares: the SON DAKİKA band, ÇOK OKUNANLAR, VİDEO, latest news, site settings.</summary>
public sealed record SharedBlocks(
    IReadOnlyList<ArticleCard> Breaking,
    bool BreakingIsLive,
    IReadOnlyList<ArticleCard> MostRead,
    IReadOnlyList<ArticleCard> MostReadWeek,
    IReadOnlyList<ArticleCard> Latest,
    IReadOnlyList<VideoCard> Videos,
    IReadOnlyDictionary<string, string> Settings)
{
    public IEnumerable<int> ArticleIds => Breaking.Concat(MostRead).Concat(MostReadWeek).Concat(Latest).Select(a => a.Id);

    public string Setting(string key) => Settings.GetValueOrDefault(key, "");
}

/// <summary>
/// Builds <see cref="SharedBlocks"/> at most every few seconds, not per request; a publish invalidates it at once.
/// </summary>
public sealed class SiteBlocks(IServiceScopeFactory scopes, IMemoryCache cache, MostRead mostRead, TimeProvider clock)
{
    const string Key = "site-blocks";
    static readonly TimeSpan Life = TimeSpan.FromSeconds(30);
    CancellationTokenSource _generation = new();

    public async Task<SharedBlocks> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key, out SharedBlocks? blocks) && blocks is not null) return blocks;
        var token = Changes;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        blocks = await LoadAsync(db, ct);
        cache.Set(Key, blocks, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Life, ExpirationTokens = { token } });
        return blocks;
    }

    /// <summary>Fires at the next <see cref="Invalidate"/>: what is built from published content expires with the blocks.</summary>
    public IChangeToken Changes => new CancellationChangeToken(Volatile.Read(ref _generation).Token);

    /// <summary>
    /// Drops the blocks and everything built on <see cref="Changes"/>. (The old source is left to the collector, not
    /// disposed: a reader may be taking its token at this moment.)
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generationNumber);
        Interlocked.Exchange(ref _generation, new CancellationTokenSource()).Cancel();
    }

    long _generationNumber;

    /// <summary>
    /// Counts invalidations: the key under which HTML fragments built from the blocks (menu, band, footer, sidebar) are
    /// kept, so a publish makes every node render them afresh.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generationNumber);

    static IReadOnlyList<ArticleCard> TopUp(IReadOnlyList<ArticleCard> list, IReadOnlyList<ArticleCard> more) =>
        list.Count >= MostRead.Size ? list : [.. list, .. more.Where(m => list.All(l => l.Id != m.Id)).Take(MostRead.Size - list.Count)];

    async Task<SharedBlocks> LoadAsync(MansetDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);

        var liveIds = await db.LiveBreakingIdsAsync(now, 8, ct);
        var liveCards = liveIds.Count == 0 ? [] : await published.Where(a => liveIds.Contains(a.Id)).Select(ArticleCard.Projection).ToListAsync(ct);
        var live = liveIds.Select(id => liveCards.Find(c => c.Id == id)).OfType<ArticleCard>().ToList();
        var breaking = live;
        if (live.Count == 0)
        {
            var since = now.AddHours(-48);
            breaking = await published.Where(a => a.IsBreaking && a.PublishedAt > since)
                .OrderByDescending(a => a.PublishedAt).Take(5).Select(ArticleCard.Projection).ToListAsync(ct);
        }

        var read = await mostRead.GetAsync(ct);
        // The counts are recomputed once a minute; a story taken down since then leaves the lists now.
        var counted = read.Day.Concat(read.Week).Select(a => a.Id).Distinct().ToList();
        var stillOut = (await published.Where(a => counted.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        IReadOnlyList<ArticleCard> day = [.. read.Day.Where(a => stillOut.Contains(a.Id))];
        IReadOnlyList<ArticleCard> week = [.. read.Week.Where(a => stillOut.Contains(a.Id))];

        var latest = await published.OrderByDescending(a => a.PublishedAt).Take(10).Select(ArticleCard.Projection).ToListAsync(ct);
        var videos = await db.Videos.AsNoTracking().Where(v => v.IsPublished)
            .OrderByDescending(v => v.PublishedAt).Take(4).Select(VideoCard.Projection).ToListAsync(ct);
        var settings = await db.SiteSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, ct);
        // A new paper's first stories are in the block before the once-a-minute count has seen them.
        return new SharedBlocks(breaking, live.Count > 0, TopUp(day, latest), TopUp(week, latest), latest, videos, settings);
    }
}
