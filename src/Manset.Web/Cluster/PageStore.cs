using System.Text;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Manset.Web.Cluster;

/// <summary>
/// The output cache's store, in two levels. Every page is kept in this node's memory (a cached page is answered
/// without leaving the process); with Redis, it is also written there, so a page rendered by one node is served by
/// the others, and evicted there by tag. Other nodes drop their own copies when <see cref="ClusterBus"/> tells them.
/// Without Redis, or while it is unreachable, only memory is used, and copies live at most
/// <see cref="OutputCacheSettings.FallbackSeconds"/> (no other node could tell this one what changed).
/// </summary>
public sealed class PageStore : IOutputCacheStore, IDisposable
{
    sealed record Entry(byte[] Value, string[] Tags, long StoredAt);

    readonly MemoryCache _memory;
    readonly long _memoryLimit;
    readonly Doorkeeper _doorkeeper = new();
    // Which pages carry each tag, for evictions. Under one lock with the pages' storing, so that a page stored again
    // under its key is never untagged by the old copy's eviction; a tag whose pages are all gone is forgotten (a crawl
    // of the archive would otherwise leave a set behind for every article it met).
    readonly Dictionary<string, HashSet<string>> _tags = new(StringComparer.Ordinal);
    readonly Lock _tagsLock = new();
    readonly RedisConnection _redis;
    readonly MansetMetrics _metrics;
    readonly TimeSpan _fallbackLife;
    readonly PostEvictionCallbackRegistration _untag;

    // Deletes a tag's set and every page it names, in one step on the server.
    static readonly LuaScript EvictScript = LuaScript.Prepare(
        "local pages = redis.call('SMEMBERS', @tag) for i = 1, #pages do redis.call('DEL', pages[i]) end redis.call('DEL', @tag) return #pages");

    public PageStore(RedisConnection redis, IOptions<MansetOptions> options, MansetMetrics metrics)
    {
        _redis = redis;
        _metrics = metrics;
        _fallbackLife = TimeSpan.FromSeconds(options.Value.OutputCache.FallbackSeconds);
        _memoryLimit = options.Value.OutputCache.MemoryMegabytes * 1024L * 1024L;
        _memory = new(new MemoryCacheOptions { SizeLimit = _memoryLimit, TrackStatistics = true });
        _untag = new PostEvictionCallbackRegistration { EvictionCallback = (key, value, _, _) => Untag((string)key, ((Entry)value!).Tags) };
    }

    /// <summary>Pages in this node's memory.</summary>
    public int LocalCount => _memory.Count;

    /// <summary>Tags naming at least one page in this node's memory.</summary>
    public int LocalTagCount
    {
        get
        {
            lock (_tagsLock) return _tags.Count;
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (_memory.TryGetValue(key, out Entry? entry))
        {
            // Without Redis no other node can say what it published: a copy kept from before is only trusted briefly.
            if (!_redis.Configured || _redis.Available || Environment.TickCount64 - entry!.StoredAt <= (long)_fallbackLife.TotalMilliseconds)
            {
                _metrics.PageHit(fromRedis: false);
                return entry!.Value;
            }
            _memory.Remove(key);
        }
        var shared = await GetSharedAsync(key);
        if (shared is null) _metrics.PageMiss();
        else _metrics.PageHit(fromRedis: true);
        return shared;
    }

    async ValueTask<byte[]?> GetSharedAsync(string key)
    {
        if (!_redis.Available) return null;
        try
        {
            var found = await _redis.Database.StringGetWithExpiryAsync(PageKey(key));
            if (found.Value.IsNull) return null;
            var (tags, value) = Decode(found.Value!);
            // Keep it here for what is left of its life (bounded, in case Redis says none).
            Remember(key, value, tags, found.Expiry ?? _fallbackLife);
            return value;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redis.MarkDown(e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        tags ??= [];
        if (!_redis.Available)
        {
            Remember(key, value, tags, validFor < _fallbackLife ? validFor : _fallbackLife);
            return;
        }
        Remember(key, value, tags, validFor);
        try
        {
            var db = _redis.Database;
            var page = PageKey(key);
            var batch = db.CreateBatch();
            var writes = new List<Task>(1 + tags.Length * 2)
            {
                batch.StringSetAsync(page, Encode(tags, value), validFor),
            };
            foreach (var tag in tags)
            {
                var set = TagKey(tag);
                writes.Add(batch.SetAddAsync(set, page.ToString()));
                writes.Add(batch.KeyExpireAsync(set, validFor + TimeSpan.FromMinutes(1)));
            }
            batch.Execute();
            await Task.WhenAll(writes);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redis.MarkDown(e);
        }
    }

    /// <summary>Evicts the tag here and in Redis (the output cache's own calls; <see cref="Publishing.PageCachePurge"/> for writes).</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await EvictSharedAsync(tag);
        EvictLocal(tag);
    }

    /// <summary>Evicts the pages carrying the tag from Redis. False when Redis could not be reached.</summary>
    public async Task<bool> EvictSharedAsync(string tag)
    {
        if (!_redis.Available) return false;
        try
        {
            await _redis.Database.ScriptEvaluateAsync(EvictScript, new { tag = TagKey(tag) });
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redis.MarkDown(e);
            return false;
        }
    }

    /// <summary>Evicts the pages carrying the tag from this node's memory.</summary>
    public void EvictLocal(string tag)
    {
        HashSet<string>? keys;
        lock (_tagsLock)
        {
            if (!_tags.Remove(tag, out keys)) return;
        }
        foreach (var key in keys) _memory.Remove(key);
    }

    /// <summary>Forgets every page in this node's memory.</summary>
    public void ClearLocal()
    {
        _memory.Clear();
        lock (_tagsLock) _tags.Clear();
    }

    void Remember(string key, byte[] value, string[] tags, TimeSpan life)
    {
        if (life <= TimeSpan.Zero) return;
        // Past half full, a page is kept on its second request: pages asked for once do not push out the hot ones.
        if (_memory.GetCurrentStatistics()?.CurrentEstimatedSize > _memoryLimit / 2 && !_doorkeeper.Admit(key)) return;
        var options = new MemoryCacheEntryOptions { Size = value.Length, AbsoluteExpirationRelativeToNow = life };
        options.PostEvictionCallbacks.Add(_untag);
        lock (_tagsLock)
        {
            foreach (var tag in tags)
            {
                if (!_tags.TryGetValue(tag, out var keys)) _tags[tag] = keys = new(StringComparer.Ordinal);
                keys.Add(key);
            }
            // Eviction callbacks run on the thread pool, never inside Set: no callback waits on this lock while it is held.
            _memory.Set(key, new Entry(value, tags, Environment.TickCount64), options);
        }
    }

    void Untag(string key, string[] tags)
    {
        lock (_tagsLock)
        {
            // A newer copy under the same key keeps its own tags.
            _memory.TryGetValue(key, out Entry? newer);
            foreach (var tag in tags)
            {
                if (newer is not null && Array.IndexOf(newer.Tags, tag) >= 0) continue;
                if (_tags.TryGetValue(tag, out var keys) && keys.Remove(key) && keys.Count == 0) _tags.Remove(tag);
            }
        }
    }

    RedisKey PageKey(string key) => _redis.Key("page:" + key);

    RedisKey TagKey(string tag) => _redis.Key("tag:" + tag);

    /// <summary>Tags on the first line (they never hold spaces or line breaks), the page after it.</summary>
    static byte[] Encode(string[] tags, byte[] value)
    {
        var head = Encoding.UTF8.GetBytes(string.Join(' ', tags) + "\n");
        var result = new byte[head.Length + value.Length];
        head.CopyTo(result, 0);
        value.CopyTo(result, head.Length);
        return result;
    }

    static (string[] Tags, byte[] Value) Decode(byte[] stored)
    {
        var newline = Array.IndexOf(stored, (byte)'\n');
        if (newline < 0) return ([], stored);
        var tags = Encoding.UTF8.GetString(stored, 0, newline).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (tags, stored[(newline + 1)..]);
    }

    public void Dispose() => _memory.Dispose();
}
