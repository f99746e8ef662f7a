using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Manset.Web.Site;

/// <summary>/health/ready: the state of each check as JSON, for operators and load balancers.</summary>
public static class HealthReport
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
