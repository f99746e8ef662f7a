using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Manset.Web.Cluster;

/// <summary>
/// The connection to Redis when <c>ConnectionStrings:Redis</c> is set. It never blocks start-up and never throws at a
/// caller: when Redis is unreachable, <see cref="Available"/> is false, callers fall back to this node's memory, and
/// the multiplexer keeps reconnecting in the background. Each change of state is logged once.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    readonly ILogger<RedisConnection> _log;
    readonly ConnectionMultiplexer? _multiplexer;
    int _down;

    public RedisConnection(IConfiguration configuration, IOptions<MansetOptions> options, ILogger<RedisConnection> log)
    {
        _log = log;
        Prefix = options.Value.Redis.KeyPrefix;
        var connection = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connection)) return;
        var config = ConfigurationOptions.Parse(connection);
        config.AbortOnConnectFail = false;      // start without Redis; reconnect when it comes
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 1000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 1000);
        config.ClientName ??= "manset";
        _multiplexer = ConnectionMultiplexer.Connect(config);
        _multiplexer.ConnectionFailed += (_, e) => MarkDown(e.Exception);
        _multiplexer.ConnectionRestored += (_, _) => MarkUp();
        if (!_multiplexer.IsConnected) MarkDown(null);
    }

    /// <summary>Redis is configured (whether or not it answers right now).</summary>
    public bool Configured => _multiplexer is not null;

    /// <summary>Redis is configured and connected.</summary>
    public bool Available => _multiplexer is { IsConnected: true };

    public string Prefix { get; }

    /// <summary>Raised when the connection comes back after a failure (caches kept meanwhile may be stale).</summary>
    public event Action? Restored;

    public IDatabase Database => (_multiplexer ?? throw new InvalidOperationException("Redis yapılandırılmamış.")).GetDatabase();

    public ISubscriber Subscriber => (_multiplexer ?? throw new InvalidOperationException("Redis yapılandırılmamış.")).GetSubscriber();

    public RedisKey Key(string name) => Prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>Records that a Redis call failed (logged once until the connection is back).</summary>
    public void MarkDown(Exception? error)
    {
        if (Interlocked.Exchange(ref _down, 1) == 1) return;
        _log.LogWarning("Redis'e ulaşılamıyor ({Reason}); bu düğüm önbellek, sayaç ve sınırlar için kendi belleğini kullanıyor.",
            error?.GetBaseException().Message ?? "bağlantı yok");
    }

    void MarkUp()
    {
        // Restored fires once per connection (commands, subscriptions), in either order: only when commands can be
        // sent again is Redis back; an earlier event leaves the node down so the later one is not missed.
        if (_multiplexer is not { IsConnected: true } || Interlocked.Exchange(ref _down, 0) == 0) return;
        _log.LogWarning("Redis bağlantısı geri geldi; paylaşılan önbellek ve sayaçlar yeniden kullanılıyor.");
        Restored?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null) await _multiplexer.DisposeAsync();
    }
}
