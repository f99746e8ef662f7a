using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Publishing;

/// <summary>
/// Every few seconds: publishes scheduled articles whose time has come, and refreshes the pages whose
/// SON DAKİKA band just lost a story to its expiry. Time comes from <see cref="TimeProvider"/>. With several nodes,
/// only the one holding the scheduler lease does this; another takes over when that one dies.
/// </summary>
public sealed class PublishingScheduler(IServiceScopeFactory scopes, Cluster.Leases leases, TimeProvider clock, IOptions<MansetOptions> options, MansetMetrics metrics,
    ILogger<PublishingScheduler> log)
    : BackgroundService
{
    DateTimeOffset _lastTick;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastTick = clock.GetUtcNow();
        var every = TimeSpan.FromSeconds(options.Value.Publishing.SchedulerSeconds);
        // Held across a few missed rounds; a dead holder is replaced within this time.
        var lease = every * 3 + TimeSpan.FromSeconds(10);
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await leases.TryHoldAsync(Cluster.Leases.Scheduler, lease, stoppingToken)) await TickAsync(stoppingToken);
                else _lastTick = clock.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Zamanlayıcı turu başarısız; bir sonraki turda yeniden denenecek.");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseQuietlyAsync(Cluster.Leases.Scheduler);
    }

    public async Task TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<ArticleService>().PublishDueAsync(ct);
        if (published > 0)
        {
            metrics.ScheduledPublished(published);
            log.LogInformation("Zamanı gelen {Count} haber yayımlandı.", published);
        }

        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var since = _lastTick;
        var expired = await db.Articles.AnyAsync(a => a.IsBreaking && a.BreakingUntil > since && a.BreakingUntil <= now, ct);
        if (expired) await scope.ServiceProvider.GetRequiredService<PageCachePurge>().PurgeAsync([CacheTags.Site], ct);
        _lastTick = now;
    }
}
