using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Engagement;

/// <summary>
/// Every few seconds, writes the counted views in one transaction: the article's total, and the clock hour's bucket
/// that the most-read lists add up. Flushes once more on shutdown.
/// </summary>
public sealed class ViewFlusher(ViewCounter counter, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MansetOptions> options, MansetMetrics metrics,
    ILogger<ViewFlusher> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Engagement.ViewFlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SafeFlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush follows in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SafeFlushAsync(CancellationToken.None);
    }

    async Task SafeFlushAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Okunma sayıları yazılamadı; bir sonraki turda yeniden denenecek.");
        }
    }

    /// <summary>Writes what has been counted. Returns the number of views written.</summary>
    public async Task<long> FlushAsync(CancellationToken ct)
    {
        var drained = counter.Drain();
        if (drained.Count == 0) return 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            var ids = drained.Keys.ToList();
            // The beacon counts before it knows the id is real; only published articles are written.
            var known = await db.Articles.Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct);
            if (known.Count == 0) return 0;
            var hour = MostRead.HourOf(clock.GetUtcNow());
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var id in known)
            {
                var views = drained[id];
                await db.ArticleStats.Where(s => s.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, x => x.Views + views), ct);
            }
            foreach (var chunk in known.Chunk(200))
            {
                var rows = new List<string>(chunk.Length);
                var parameters = new List<object>(chunk.Length * 3);
                foreach (var id in chunk)
                {
                    var p = parameters.Count;
                    rows.Add($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}})");
                    parameters.AddRange([id, hour, drained[id]]);
                }
                var sql = "INSERT INTO \"ArticleViewHours\" (\"ArticleId\", \"Hour\", \"Views\") VALUES " + string.Join(", ", rows) +
                          " ON CONFLICT (\"ArticleId\", \"Hour\") DO UPDATE SET \"Views\" = \"ArticleViewHours\".\"Views\" + excluded.\"Views\"";
                await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
            }
            await transaction.CommitAsync(ct);
            var written = known.Sum(id => drained[id]);
            metrics.ViewsFlushed(written);
            return written;
        }
        catch
        {
            // Put the views back: they are written with the next batch.
            foreach (var (id, views) in drained) counter.PutBack(id, views);
            throw;
        }
    }
}
