using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Engagement;

/// <summary>
/// ÇOK OKUNANLAR: the most-read lists of the last 24 hours and 7 days, added up from the hourly view buckets,
/// recomputed at most once a minute (not per request). When a list changes, the pages that print it are evicted.
/// The newsroom dashboard reads the same lists.
/// </summary>
public sealed class MostRead(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MansetOptions> options, ILogger<MostRead> log)
    : BackgroundService
{
    public const int Size = 10;
    volatile Lists _lists = new([], [], DateTimeOffset.MinValue);

    public sealed record Lists(IReadOnlyList<ArticleCard> Day, IReadOnlyList<ArticleCard> Week, DateTimeOffset ComputedAt);

    readonly SemaphoreSlim _first = new(1, 1);

    /// <summary>The lists as last computed.</summary>
    public Lists Current => _lists;

    /// <summary>The lists, computed now if they never were (the first page after a start).</summary>
    public async Task<Lists> GetAsync(CancellationToken ct)
    {
        if (!Stale(_lists)) return _lists;
        await _first.WaitAsync(ct);
        try
        {
            if (Stale(_lists)) await RefreshAsync(ct);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SafeRefreshAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Engagement.MostReadRefreshSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SafeRefreshAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    async Task SafeRefreshAsync(CancellationToken ct)
    {
        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Çok okunanlar hesaplanamadı; önceki liste kullanılıyor.");
        }
    }

    /// <summary>Recomputes both lists; evicts the pages that show them when either changed.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var now = clock.GetUtcNow();
        var day = await TopAsync(db, HourOf(now) - 23, ct);
        var week = await TopAsync(db, HourOf(now) - 24 * 7 + 1, ct);
        // A quiet paper still shows a list: the week fills the day, the all-time counter fills both.
        day = Fill(day, week);
        var allTime = day.Count < Size || week.Count < Size ? await AllTimeAsync(db, ct) : [];
        day = Fill(day, allTime);
        week = Fill(week, allTime);

        var previous = _lists;
        _lists = new Lists(day, week, now);
        if (previous.ComputedAt == DateTimeOffset.MinValue) return;
        if (!day.Select(a => a.Id).SequenceEqual(previous.Day.Select(a => a.Id)) ||
            !week.Select(a => a.Id).SequenceEqual(previous.Week.Select(a => a.Id)))
        {
            await scope.ServiceProvider.GetRequiredService<PageCachePurge>().PurgeAsync([CacheTags.MostRead], ct);
        }
    }

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
