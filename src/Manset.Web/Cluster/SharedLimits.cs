using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Manset.Web.Cluster;

/// <summary>
/// Rate limits counted for all nodes together in Redis (fixed one-minute windows), so that two nodes do not give a
/// client twice the allowance. Without Redis, or while it is unreachable, the caller's own in-process limiter decides.
/// </summary>
public sealed class SharedLimits(RedisConnection redis, TimeProvider clock)
{
    /// <summary>
    /// Counts one use of <paramref name="bucket"/> by <paramref name="key"/>. True: allowed. False: over the limit.
    /// Null: Redis cannot say; the caller decides with its in-process limiter.
    /// </summary>
    public async Task<bool?> TryCountAsync(string bucket, string key, int perMinute)
    {
        if (!redis.Available) return null;
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var name = redis.Key($"limit:{bucket}:{minute.ToString(CultureInfo.InvariantCulture)}:{key}");
        try
        {
            var db = redis.Database;
            var count = await db.StringIncrementAsync(name);
            if (count == 1) await db.KeyExpireAsync(name, TimeSpan.FromSeconds(90));
            return count <= perMinute;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.MarkDown(e);
            return null;
        }
    }
}

/// <summary>
/// A fixed-window limiter for one partition (one client address) that counts in Redis through
/// <see cref="SharedLimits"/>, and in this process when Redis cannot answer. It never decides synchronously:
/// the rate-limiting middleware then asks <see cref="AcquireAsyncCore"/>, which may go to Redis.
/// </summary>
public sealed class SharedWindowLimiter(SharedLimits shared, string bucket, string key, int perMinute) : RateLimiter
{
    readonly FixedWindowRateLimiter _local = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = perMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused.Instance;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var allowed = await shared.TryCountAsync(bucket, key, perMinute);
        if (allowed is null) return _local.AttemptAcquire(permitCount);
        return allowed.Value ? Granted.Instance : Refused.Instance;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _local.Dispose();
        base.Dispose(disposing);
    }

    sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? TimeSpan.FromMinutes(1) : null;
            return metadata is not null;
        }
    }
}
