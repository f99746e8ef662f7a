using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Publishing;

/// <summary>
/// Every few seconds: publishes scheduled articles whose time has come, and refreshes the pages whose
/// SON DAKİKA band just lost a story to its expiry. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class PublishingScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MansetOptions> options, ILogger<PublishingScheduler> log)
    : BackgroundService
{
    DateTimeOffset _lastTick;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastTick = clock.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Publishing.SchedulerSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Zamanlayıcı turu başarısız; bir sonraki turda yeniden denenecek.");
            }
        }
    }

    public async Task TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<ArticleService>().PublishDueAsync(ct);
        if (published > 0) log.LogInformation("Zamanı gelen {Count} haber yayımlandı.", published);

        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var since = _lastTick;
        var expired = await db.Articles.AnyAsync(a => a.IsBreaking && a.BreakingUntil > since && a.BreakingUntil <= now, ct);
        if (expired) await scope.ServiceProvider.GetRequiredService<PageCachePurge>().PurgeAsync([CacheTags.Site], ct);
        _lastTick = now;
    }
}
