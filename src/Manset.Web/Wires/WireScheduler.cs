using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

/// <summary>
/// Pulls every configured source on its own schedule, each in its own loop so a slow agency delays no other.
/// The next time comes from the source's shared state (interval, agency minimum, backoff after failures), so a
/// restart or another node continues where the last pull left off; the lease makes one node pull at a time.
/// </summary>
public sealed class WireScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MansetOptions> options, ILogger<WireScheduler> log)
    : BackgroundService
{
    static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    readonly Dictionary<string, SemaphoreSlim> _wake = new(StringComparer.Ordinal);

    /// <summary>Asks for a pull as soon as the agency allows (the desk's "Şimdi çek").</summary>
    public async Task RequestPullAsync(string source, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var now = clock.GetUtcNow();
        if (await db.WireSourceStates.Where(s => s.Name == source).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextPullAt, now), ct) == 0)
        {
            db.WireSourceStates.Add(new WireSourceState { Name = source, NextPullAt = now });
            await db.SaveChangesAsync(ct);
        }
        if (_wake.TryGetValue(source, out var signal)) signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wires = options.Value.Wires;
        if (!wires.AutoPull || wires.Sources.Count == 0) return;
        foreach (var source in wires.Sources) _wake[source.Name] = new SemaphoreSlim(0);
        await Task.WhenAll(wires.Sources.Select(s => LoopAsync(s, stoppingToken)));
    }

    async Task LoopAsync(WireSourceOptions source, CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var puller = scope.ServiceProvider.GetRequiredService<WirePuller>();
                var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
                var next = await db.WireSourceStates.AsNoTracking().Where(s => s.Name == source.Name).Select(s => s.NextPullAt).FirstOrDefaultAsync(ct);
                var now = clock.GetUtcNow();
                if (next is null || next <= now)
                {
                    var spacing = await puller.SpacingLeftAsync(source, ct);
                    if (spacing == TimeSpan.Zero) await puller.PullAsync(source, ct);
                    next = await db.WireSourceStates.AsNoTracking().Where(s => s.Name == source.Name).Select(s => s.NextPullAt).FirstOrDefaultAsync(ct);
                    now = clock.GetUtcNow();
                    if (spacing > TimeSpan.Zero) next = now + spacing;
                }
                sleep = next is { } at && at > now ? at - now : TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Ajans {Source} zamanlayıcısı bir hata aldı; bir sonraki turda yeniden denenecek.", source.Name);
                sleep = TimeSpan.FromSeconds(30);
            }
            if (sleep > LongestSleep) sleep = LongestSleep; // another node may have pulled, or the desk asked for one
            if (sleep < TimeSpan.FromSeconds(1)) sleep = TimeSpan.FromSeconds(1);
            if (ct.IsCancellationRequested) return;
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(sleep, clock, waiting.Token);
            var wake = _wake[source.Name].WaitAsync(waiting.Token);
            await Task.WhenAny(delay, wake);
            await waiting.CancelAsync();
            try
            {
                await Task.WhenAll(delay, wake);
            }
            catch (OperationCanceledException)
            {
                // the other of the two waits, cancelled
            }
        }
    }
}
