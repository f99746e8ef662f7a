using Manset.Web.Publishing;
using StackExchange.Redis;

namespace Manset.Web.Cluster;

/// <summary>
/// Tells the other nodes what this one purged, over Redis pub/sub: each drops its own copies of those pages and the
/// blocks built from the same data, and pushes a changed SON DAKİKA band to its open pages. Without Redis there are
/// no other nodes to tell. When the connection comes back after a failure, purges may have been missed meanwhile:
/// this node forgets every cached page.
/// </summary>
public sealed class ClusterBus(RedisConnection redis, ClusterNode node, IServiceProvider services, ILogger<ClusterBus> log) : IHostedService
{
    const string PurgeChannel = "purge";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Configured) return;
        redis.Restored += OnRestored;
        try
        {
            var queue = await redis.Subscriber.SubscribeAsync(redis.Channel(PurgeChannel));
            queue.OnMessage(OnMessageAsync);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The multiplexer subscribes again by itself once it connects.
            redis.MarkDown(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Restored -= OnRestored;
        return Task.CompletedTask;
    }

    /// <summary>Sends the purged tags to the other nodes (no-op without Redis).</summary>
    public async Task PublishPurgeAsync(IReadOnlyCollection<string> tags)
    {
        if (!redis.Available || tags.Count == 0) return;
        try
        {
            await redis.Subscriber.PublishAsync(redis.Channel(PurgeChannel), node.Id + "\n" + string.Join(' ', tags));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.MarkDown(e);
        }
    }

    async Task OnMessageAsync(ChannelMessage message)
    {
        var text = (string?)message.Message;
        if (text is null) return;
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || text.AsSpan(0, newline).SequenceEqual(node.Id)) return;
        var tags = text[(newline + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            await services.GetRequiredService<PageCachePurge>().ApplyAsync(tags, fromOtherNode: true, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Başka düğümden gelen önbellek temizliği uygulanamadı.");
        }
    }

    void OnRestored()
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await services.GetRequiredService<PageCachePurge>().ForgetEverythingAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "Redis dönüşünde önbellek temizlenemedi.");
            }
        });
    }
}
