using Manset.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Manset.Web.Data;

/// <summary>/health: can the site reach its database.</summary>
public sealed class DatabaseHealthCheck(MansetDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy($"{db.ProviderName} erişilebilir")
                : HealthCheckResult.Unhealthy($"{db.ProviderName} erişilemiyor");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{db.ProviderName} erişilemiyor", e);
        }
    }
}
