using System.Diagnostics.Metrics;
using Manset.Web.Breaking;
using Manset.Web.Cluster;

namespace Manset.Web.Monitoring;

/// <summary>
/// The <c>Manset</c> meter: what a newsroom operator watches besides requests and the runtime. One per app (made by
/// the app's <see cref="IMeterFactory"/>); the Prometheus names are in docs/operations.md. Recording with nobody
/// listening (metrics off) costs a field check.
/// </summary>
public sealed class MansetMetrics
{
    public const string MeterName = "Manset";

    static readonly KeyValuePair<string, object?> InMemory = new("store", "memory");
    static readonly KeyValuePair<string, object?> InRedis = new("store", "redis");
    static readonly KeyValuePair<string, object?> Local = new("origin", "local");
    static readonly KeyValuePair<string, object?> Remote = new("origin", "remote");

    readonly Counter<long> _pageHits;
    readonly Counter<long> _pageMisses;
    readonly Counter<long> _purges;
    readonly Counter<long> _viewsCounted;
    readonly Counter<long> _viewsFlushed;
    readonly Counter<long> _reactions;
    readonly Counter<long> _wireItems;
    readonly Counter<long> _scheduledPublished;
    readonly Counter<long> _rendersRefused;
    RedisConnection? _redis;
    BreakingNews? _breaking;
    Infrastructure.RenderGate? _gate;

    public MansetMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _pageHits = meter.CreateCounter<long>("manset.page_store.hits", "{page}", "Pages the output cache found in this node's memory or in Redis (store).");
        _pageMisses = meter.CreateCounter<long>("manset.page_store.misses", "{page}", "Pages the output cache looked for and did not find.");
        _purges = meter.CreateCounter<long>("manset.cache.purges", "{purge}", "Cache purges applied: made here (origin=local) or heard from another node (origin=remote).");
        _viewsCounted = meter.CreateCounter<long>("manset.views.counted", "{view}", "Article views counted by the beacon.");
        _viewsFlushed = meter.CreateCounter<long>("manset.views.flushed", "{view}", "Article views written to the database.");
        _reactions = meter.CreateCounter<long>("manset.reactions", "{reaction}", "Reactions given (new or moved), by reaction.");
        _wireItems = meter.CreateCounter<long>("manset.wires.items", "{item}", "Agency items pulled, by source and outcome (new, updated, unchanged, failed).");
        _scheduledPublished = meter.CreateCounter<long>("manset.scheduler.published", "{article}", "Scheduled articles published when their time came.");
        meter.CreateObservableGauge("manset.redis.available", ObserveRedis, description: "1 while Redis answers, 0 while it does not; absent without Redis.");
        meter.CreateObservableGauge("manset.breaking.streams", ObserveStreams, "{stream}", "Open SON DAKİKA live streams (pages listening for the band).");
        _rendersRefused = meter.CreateCounter<long>("manset.renders.refused", "{request}", "Requests answered 503 because the render gate's queue was full.");
        meter.CreateObservableGauge("manset.renders.waiting", ObserveWaiting, "{request}", "Requests the output cache did not answer, waiting for a render turn.");
    }

    /// <summary>The sources of the gauges (called once at start, by <see cref="MonitoringExtensions.MapMonitoring"/>).</summary>
    public void Observe(RedisConnection redis, BreakingNews breaking, Infrastructure.RenderGate gate)
    {
        _redis = redis;
        _breaking = breaking;
        _gate = gate;
    }

    public void PageHit(bool fromRedis) => _pageHits.Add(1, fromRedis ? InRedis : InMemory);

    public void PageMiss() => _pageMisses.Add(1);

    public void Purged(bool fromOtherNode) => _purges.Add(1, fromOtherNode ? Remote : Local);

    public void ViewsCounted(long views) => _viewsCounted.Add(views);

    public void ViewsFlushed(long views) => _viewsFlushed.Add(views);

    public void Reacted(string reaction) => _reactions.Add(1, new KeyValuePair<string, object?>("reaction", reaction));

    public void WireItems(string source, int @new, int updated, int unchanged, int failed)
    {
        var from = new KeyValuePair<string, object?>("source", source);
        _wireItems.Add(@new, from, new("outcome", "new"));
        _wireItems.Add(updated, from, new("outcome", "updated"));
        _wireItems.Add(unchanged, from, new("outcome", "unchanged"));
        _wireItems.Add(failed, from, new("outcome", "failed"));
    }

    public void ScheduledPublished(int articles) => _scheduledPublished.Add(articles);

    public void RenderRefused() => _rendersRefused.Add(1);

    IEnumerable<Measurement<int>> ObserveRedis() =>
        _redis is { Configured: true } redis ? [new Measurement<int>(redis.Available ? 1 : 0)] : [];

    IEnumerable<Measurement<int>> ObserveWaiting() =>
        _gate is { } gate ? [new Measurement<int>(gate.Waiting)] : [];

    IEnumerable<Measurement<int>> ObserveStreams() =>
        _breaking is { } breaking ? [new Measurement<int>(breaking.Listeners)] : [];
}
