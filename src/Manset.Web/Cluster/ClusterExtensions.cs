using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Web.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// What identical nodes share (with <c>ConnectionStrings:Redis</c>): the page store, purges and the SON DAKİKA push
    /// over pub/sub, rate limits; and, through the database, the leases that keep the scheduler and the most-read
    /// recomputation on one node. On one node without Redis, the same classes work in memory.
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClusterNode>();
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<PageStore>();
        builder.Services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<PageStore>());
        builder.Services.AddSingleton<ClusterBus>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
        builder.Services.AddSingleton<Leases>();
        builder.Services.AddSingleton<SharedLimits>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

/// <summary>
/// <c>/health/ready</c>: Redis answers (degraded, not unhealthy, when it does not: the site serves without it).
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!redis.Configured ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("Redis yapılandırılmamış (tek düğüm).")
            : redis.Available ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("Redis bağlı.")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded("Redis'e ulaşılamıyor; düğüm kendi belleğiyle çalışıyor."));
}
