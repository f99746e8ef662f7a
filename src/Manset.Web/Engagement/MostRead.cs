using System.Globalization;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Engagement;

/// <summary>
/// ÇOK OKUNANLAR: the most-read lists of the last 24 hours and 7 days, added up from the hourly view buckets,
/// recomputed at most once a minute (not per request) by the one node that holds the most-read lease, and stored in
/// the database; every node prints the stored lists. When a list changes, the pages that print it are evicted (and the
/// other nodes, told so, read the new lists first). The newsroom dashboard reads the same lists.
/// </summary>
public sealed class MostRead(IServiceScopeFactory scopes, Cluster.Leases leases, TimeProvider clock, IOptions<MansetOptions> options, ILogger<MostRead> log)
    : BackgroundService
{
    public const int Size = 10;
    const string Day = "day", Week = "week";
    volatile Lists _lists = new([], [], DateTimeOffset.MinValue);

    public sealed record Lists(IReadOnlyList<ArticleCard> Day, IReadOnlyList<ArticleCard> Week, DateTimeOffset ComputedAt);

    readonly SemaphoreSlim _first = new(1, 1);

    /// <summary>The lists as last computed.</summary>
    public Lists Current => _lists;

    /// <summary>The lists, read now if they never were (the first page after a start).</summary>
    public async Task<Lists> GetAsync(CancellationToken ct)
    {
        if (!Stale(_lists)) return _lists;
        await _first.WaitAsync(ct);
        try
        {
            if (Stale(_lists) && !await ReloadAsync(ct) && Stale(_lists))
            {
                // Nothing stored yet (a new database): compute for this node without storing.
                await using var scope = scopes.CreateAsyncScope();
                var (day, week) = await ComputeAsync(scope.ServiceProvider.GetRequiredService<MansetDb>(), ct);
                _lists = new Lists(day, week, clock.GetUtcNow());
            }
        }
        finally
        {
            _first.Release();
        }
        return _lists;
    }

    static bool Stale(Lists lists) => lists.ComputedAt == DateTimeOffset.MinValue;

    /// <summary>Hours since 1970-01-01 UTC: the bucket a view falls into.</summary>
    public static int HourOf(DateTimeOffset instant) => (int)(instant.ToUnixTimeSeconds() / 3600);

    TimeSpan Every => TimeSpan.FromSeconds(options.Value.Engagement.MostReadRefreshSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SafeRoundAsync(stoppingToken);
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SafeRoundAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseQuietlyAsync(Cluster.Leases.MostRead);
    }

    /// <summary>The lease holder recomputes; the other nodes read what it stored (in case they missed its purge).</summary>
    async Task SafeRoundAsync(CancellationToken ct)
    {
        try
        {
            if (await leases.TryHoldAsync(Cluster.Leases.MostRead, Every * 2 + TimeSpan.FromSeconds(10), ct))
            {
                await RefreshAsync(ct);
            }
            else if (await ReloadAsync(ct))
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PageCachePurge>().PurgeAsync([CacheTags.MostRead], ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Çok okunanlar hesaplanamadı; önceki liste kullanılıyor.");
        }
    }

    /// <summary>Recomputes both lists and stores them; evicts the pages that show them when either changed.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var now = clock.GetUtcNow();
        var (day, week) = await ComputeAsync(db, ct);
        var stored = await db.MostReadLists.ToDictionaryAsync(l => l.Period, ct);
        var changed = Store(db, stored, Day, day, now) | Store(db, stored, Week, week, now);
        await db.SaveChangesAsync(ct);
        _lists = new Lists(day, week, now);
        if (changed) await scope.ServiceProvider.GetRequiredService<PageCachePurge>().PurgeAsync([CacheTags.MostRead], ct);
    }

    /// <summary>Reads the stored lists. True when they differ from the ones this node had.</summary>
    public async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var stored = await db.MostReadLists.AsNoTracking().ToDictionaryAsync(l => l.Period, ct);
        if (!stored.TryGetValue(Day, out var dayRow) || !stored.TryGetValue(Week, out var weekRow)) return false;
        var dayIds = Ids(dayRow.ArticleIds);
        var weekIds = Ids(weekRow.ArticleIds);
        var previous = _lists;
        if (!Stale(previous) && dayIds.SequenceEqual(previous.Day.Select(a => a.Id)) && weekIds.SequenceEqual(previous.Week.Select(a => a.Id))) return false;
        var all = dayIds.Concat(weekIds).Distinct().ToList();
        var cards = await db.Published().Where(a => all.Contains(a.Id)).Select(ArticleCard.Projection).ToListAsync(ct);
        List<ArticleCard> InOrder(List<int> ids) => ids.Select(id => cards.Find(c => c.Id == id)).OfType<ArticleCard>().ToList();
        _lists = new Lists(InOrder(dayIds), InOrder(weekIds), dayRow.ComputedAt);
        return true;
    }

    async Task<(List<ArticleCard> Day, List<ArticleCard> Week)> ComputeAsync(MansetDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = await TopAsync(db, HourOf(now) - 23, ct);
        var week = await TopAsync(db, HourOf(now) - 24 * 7 + 1, ct);
        // A quiet paper still shows a list: the week fills the day, the all-time counter fills both.
        day = Fill(day, week);
        var allTime = day.Count < Size || week.Count < Size ? await AllTimeAsync(db, ct) : [];
        return (Fill(day, allTime), Fill(week, allTime));
    }

    static bool Store(MansetDb db, Dictionary<string, MostReadList> stored, string period, List<ArticleCard> list, DateTimeOffset now)
    {
        var ids = string.Join(',', list.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)));
        if (!stored.TryGetValue(period, out var row)) db.MostReadLists.Add(row = new MostReadList { Period = period });
        var changed = row.ArticleIds != ids;
        row.ArticleIds = ids;
        row.ComputedAt = now;
        return changed;
    }

    static List<int> Ids(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    static async Task<List<ArticleCard>> TopAsync(MansetDb db, int fromHour, CancellationToken ct)
    {
        var ranked = await db.ArticleViewHours.AsNoTracking()
            .Where(h => h.Hour >= fromHour)
            .GroupBy(h => h.ArticleId)
            .Select(g => new { ArticleId = g.Key, Views = g.Sum(x => x.Views) })
            .OrderByDescending(x => x.Views).ThenByDescending(x => x.ArticleId)
            .Take(Size * 3)
            .ToListAsync(ct);
        var ids = ranked.Select(r => r.ArticleId).ToList();
        var cards = await db.Published().Where(a => ids.Contains(a.Id)).Select(ArticleCard.Projection).ToListAsync(ct);
        return ids.Select(id => cards.Find(c => c.Id == id)).OfType<ArticleCard>().Take(Size).ToList();
    }

    static async Task<List<ArticleCard>> AllTimeAsync(MansetDb db, CancellationToken ct) =>
        await db.Published().OrderByDescending(a => a.Stats!.Views).ThenByDescending(a => a.PublishedAt)
            .Take(Size).Select(ArticleCard.Projection).ToListAsync(ct);

    static List<ArticleCard> Fill(List<ArticleCard> list, List<ArticleCard> more)
    {
        if (list.Count >= Size) return list;
        var result = list.ToList();
        result.AddRange(more.Where(m => result.All(r => r.Id != m.Id)).Take(Size - result.Count));
        return result;
    }
}
