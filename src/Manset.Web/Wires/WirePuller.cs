using System.Diagnostics;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Manset.Web.Wires.Adapters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

public sealed record WirePullResult(string Source, bool Ran, int Seen, int New, int Updated, int Unchanged, int Failed, int MediaStored, int MediaFailed, string? Error, TimeSpan Elapsed)
{
    public static WirePullResult Skipped(string source, string why) => new(source, false, 0, 0, 0, 0, 0, 0, 0, why, TimeSpan.Zero);
}

/// <summary>
/// One pull of one source: take the source's lease (one node at a time), keep the agency's spacing, fetch, ingest,
/// download media, and record the source's health. Failures are recorded, logged once and backed off; they never
/// touch what was ingested before.
/// </summary>
public sealed class WirePuller(
    MansetDb db,
    IEnumerable<IWireAdapter> adapters,
    IHttpClientFactory httpClients,
    WireIngest ingest,
    WireMediaFetcher mediaFetcher,
    Cluster.ClusterNode node,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<MansetOptions> options,
    MansetMetrics metrics,
    ILogger<WirePuller> log)
{
    // A lease is short and renewed while the pull runs, so a node that dies frees its sources within half a minute;
    // a process on this machine that no longer exists frees them at once.
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(30);

    public IWireAdapter AdapterFor(WireSourceOptions source) => adapters.Single(a => a.Type == source.Type);

    /// <summary>How long until the agency allows the next request (zero when it does now).</summary>
    public async Task<TimeSpan> SpacingLeftAsync(WireSourceOptions source, CancellationToken ct)
    {
        var last = await db.WireSourceStates.AsNoTracking().Where(s => s.Name == source.Name).Select(s => s.LastPullAt).FirstOrDefaultAsync(ct);
        if (last is null) return TimeSpan.Zero;
        var left = last.Value + AdapterFor(source).MinimumSpacing - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public async Task<WirePullResult> PullAsync(WireSourceOptions source, CancellationToken ct)
    {
        var adapter = AdapterFor(source);
        if (!await TakeLeaseAsync(source.Name, ct)) return WirePullResult.Skipped(source.Name, "Başka bir düğüm bu kaynağı şu anda çekiyor.");
        using var renewing = new CancellationTokenSource();
        var renewal = RenewLeaseAsync(source.Name, renewing.Token);
        var watch = Stopwatch.StartNew();
        var redactor = new Redactor(source.Secrets);
        try
        {
            if (await SpacingLeftAsync(source, ct) > TimeSpan.Zero)
            {
                return WirePullResult.Skipped(source.Name, $"Ajansın istediği {adapter.MinimumSpacing.TotalSeconds:0} sn aralık henüz dolmadı.");
            }
            var state = await db.WireSourceStates.SingleAsync(s => s.Name == source.Name, ct);
            var now = clock.GetUtcNow();
            state.LastPullAt = now;
            await db.SaveChangesAsync(ct);

            var wires = options.Value.Wires;
            var http = httpClients.CreateClient(WiresExtensions.HttpClientName);
            http.Timeout = TimeSpan.FromSeconds(wires.TimeoutSeconds);
            var host = Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) ? uri.Host : null;
            var client = new WireClient(http, redactor, wires.MaxFeedMegabytes * 1024L * 1024L, adapter.CallGap,
                source.Type == "aa" ? AaAdapter.Authorization(source) : null, host);

            WireBatch batch;
            IngestResult result;
            try
            {
                batch = await adapter.FetchAsync(new WireFetch(source, client, wires.MaxFeedMegabytes * 1024L * 1024L, now, state.LastSuccessAt, KnownVersionsAsync(source.Name)), ct);
                result = await ingest.IngestAsync(source, batch.Stories, ct);
            }
            catch (WireFeedException e)
            {
                return await FailedAsync(source, adapter, e, watch, ct);
            }
            var (stored, mediaFailed) = await mediaFetcher.FetchAsync(source, client, ct);

            db.ChangeTracker.Clear();
            state = await db.WireSourceStates.SingleAsync(s => s.Name == source.Name, ct);
            var failed = result.Failed + batch.Problems.Count;
            state.LastSuccessAt = clock.GetUtcNow();
            state.ConsecutiveFailures = 0;
            state.LastSeen = batch.Stories.Count;
            state.LastNew = result.New;
            state.LastUpdated = result.Updated;
            state.LastFailed = failed;
            state.TotalNew += result.New;
            state.NextPullAt = clock.GetUtcNow() + Interval(source, adapter);
            if (batch.Problems.Concat(result.Problems).FirstOrDefault() is { } problem)
            {
                state.LastError = AgencyText.Cut(redactor.Redact(problem), 1000);
                state.LastErrorAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            if (batch.Problems.Count > 0)
            {
                log.LogWarning("Ajans {Source}: {Count} haber okunamadı; ilki: {First}", source.Name, batch.Problems.Count, redactor.Redact(batch.Problems[0]));
            }
            log.LogInformation("Ajans {Source}: {Seen} haber, {New} yeni, {Updated} güncellenen, {Failed} hatalı, {Media} dosya ({Elapsed} ms)",
                source.Name, batch.Stories.Count, result.New, result.Updated, failed, stored, watch.ElapsedMilliseconds);
            metrics.WireItems(source.Name, result.New, result.Updated, result.Unchanged, failed);
            return new WirePullResult(source.Name, true, batch.Stories.Count, result.New, result.Updated, result.Unchanged, failed, stored, mediaFailed, null, watch.Elapsed);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await ReleaseLeaseAsync(source.Name, CancellationToken.None);
        }
    }

    async Task<WirePullResult> FailedAsync(WireSourceOptions source, IWireAdapter adapter, WireFeedException e, Stopwatch watch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var state = await db.WireSourceStates.SingleAsync(s => s.Name == source.Name, ct);
        var message = new Redactor(source.Secrets).Redact(e.Message);
        state.ConsecutiveFailures++;
        state.LastError = AgencyText.Cut(message, 1000);
        state.LastErrorAt = clock.GetUtcNow();
        state.LastFailed = 1;
        var backoff = TimeSpan.FromTicks(Interval(source, adapter).Ticks * (1L << Math.Min(state.ConsecutiveFailures, 6)));
        if (e is WireRateLimitedException { RetryAfter: { } after } && after > backoff) backoff = after;
        state.NextPullAt = clock.GetUtcNow() + (backoff < LongestBackoff ? backoff : LongestBackoff);
        await db.SaveChangesAsync(ct);
        log.LogWarning("Ajans {Source} çekilemedi ({Failures}. kez üst üste): {Error}", source.Name, state.ConsecutiveFailures, message);
        metrics.WireItems(source.Name, 0, 0, 0, 1);
        return new WirePullResult(source.Name, true, 0, 0, 0, 0, 1, 0, 0, message, watch.Elapsed);
    }

    static TimeSpan Interval(WireSourceOptions source, IWireAdapter adapter)
    {
        var configured = TimeSpan.FromSeconds(source.IntervalSeconds);
        return configured > adapter.MinimumSpacing ? configured : adapter.MinimumSpacing;
    }

    Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, string?>>> KnownVersionsAsync(string source) =>
        async (ids, ct) =>
        {
            var list = ids.ToList();
            return await db.WireItems.AsNoTracking().Where(i => i.Source == source && list.Contains(i.AgencyId))
                .ToDictionaryAsync(i => i.AgencyId, i => i.AgencyVersion, StringComparer.Ordinal, ct);
        };

    async Task<bool> TakeLeaseAsync(string name, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.WireSourceStates.AnyAsync(s => s.Name == name, ct))
        {
            db.WireSourceStates.Add(new WireSourceState { Name = name });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node made the row at the same moment.
            }
            db.ChangeTracker.Clear();
        }
        var until = now + Lease;
        var taken = await db.WireSourceStates
            .Where(s => s.Name == name && (s.LeaseUntil == null || s.LeaseUntil < now || s.LeaseOwner == node.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, node.Id).SetProperty(x => x.LeaseUntil, until), ct);
        if (taken == 1) return true;

        // Held by a process of this machine that was killed (kill -9, a crash): its work is safe to take over at once.
        var owner = await db.WireSourceStates.AsNoTracking().Where(s => s.Name == name).Select(s => s.LeaseOwner).FirstOrDefaultAsync(ct);
        if (owner is null || !Cluster.ClusterNode.IsDeadLocalProcess(owner)) return false;
        log.LogWarning("Ajans {Source}: bu makinede artık çalışmayan {Owner} sürecinin kilidi devralındı.", name, owner);
        taken = await db.WireSourceStates.Where(s => s.Name == name && s.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, node.Id).SetProperty(x => x.LeaseUntil, until), ct);
        return taken == 1;
    }

    /// <summary>Extends this node's lease every 30 s until the pull ends (its own scope: the pull's context is busy).</summary>
    async Task RenewLeaseAsync(string name, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Renewal, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var renewDb = scope.ServiceProvider.GetRequiredService<MansetDb>();
                    var until = clock.GetUtcNow() + Lease;
                    await renewDb.WireSourceStates.Where(s => s.Name == name && s.LeaseOwner == node.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, until), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Ajans {Source}: kilit süresi uzatılamadı; bir sonraki denemede yeniden denenecek.", name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pull ended.
        }
    }

    async Task ReleaseLeaseAsync(string name, CancellationToken ct) =>
        await db.WireSourceStates.Where(s => s.Name == name && s.LeaseOwner == node.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), ct);
}
