using System.Diagnostics.Metrics;
using Manset.Web.Breaking;
using Manset.Web.Cluster;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Manset.Web.Monitoring;

/// <summary>
/// OpenTelemetry metrics: ASP.NET Core (requests, Kestrel), the runtime (GC, heap, thread pool), HttpClient (agency
/// feeds, CDN and S3 calls) and the <see cref="MansetMetrics.MeterName"/> meter. Read by Prometheus at <c>/metrics</c>
/// (<c>Manset:Metrics:Enabled</c>, default on) and pushed to a collector when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With neither, nothing listens and recording costs nothing.
/// </summary>
public static class MonitoringExtensions
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MansetMetrics>();
        builder.Services.AddSingleton<IValidateOptions<MansetOptions>, MetricsOptionsCheck>();

        var prometheus = builder.Configuration.GetValue($"{MansetOptions.Section}:{nameof(MansetOptions.Metrics)}:{nameof(MetricsOptions.Enabled)}", true);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp) return builder;

        var telemetry = builder.Services.AddOpenTelemetry();
        // A collector tells sites apart by service.name; OTEL_SERVICE_NAME still names it when set.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"])) telemetry.ConfigureResource(r => r.AddService("manset"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("System.Net.Http", "System.Net.NameResolution")
                .AddMeter(MansetMetrics.MeterName)
                .AddView(StreamOf);
            // Every scrape collects afresh (the exporter would otherwise answer scrapes within 300 ms from a copy).
            if (prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp) metrics.AddOtlpExporter();
        });
        return builder;
    }

    /// <summary>
    /// How an instrument is collected. The SDK sets aside room for 2,000 series per instrument up front: 8 MB of a
    /// node's heap for about 55 instruments that each have a handful; requests (route × method × status) keep a larger
    /// budget. Three instruments are not collected at all: Kestrel's memory pool counts every 4 KB block rented and
    /// returned (a cached article page is nine blocks, 27 updates: 4–5 % of a node's CPU when it answers from the
    /// cache; the pool's allocated and evicted bytes still show its size), and routing counts every match, which the
    /// request durations' <c>http.route</c> already tells.
    /// </summary>
    internal static MetricStreamConfiguration StreamOf(Instrument instrument) => instrument.Name switch
    {
        "aspnetcore.memory_pool.rented" or "aspnetcore.memory_pool.pooled" or "aspnetcore.routing.match_attempts" => MetricStreamConfiguration.Drop,
        "http.server.request.duration" => new MetricStreamConfiguration { CardinalityLimit = 1000 },
        _ => new MetricStreamConfiguration { CardinalityLimit = 100 },
    };

    /// <summary>
    /// <c>/metrics</c> in Prometheus text format, to loopback and the allowed networks only (<see cref="MetricsAccess"/>);
    /// never cached, not in the OpenAPI document, not itself counted in the request metrics.
    /// </summary>
    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.Services.GetRequiredService<MansetMetrics>().Observe(app.Services.GetRequiredService<RedisConnection>(), app.Services.GetRequiredService<BreakingNews>(),
            app.Services.GetRequiredService<Infrastructure.RenderGate>());
        // Reading the options checks them: a bad network stops the start here, with its message.
        var options = app.Services.GetRequiredService<IOptions<MansetOptions>>().Value.Metrics;
        if (!options.Enabled) return app;
        var access = MetricsAccess.From(options);
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(access.RefuseOthers), optionsName: null)
            .DisableHttpMetrics()
            .ExemptFromRenderGate()
            .CacheOutput(policy => policy.NoCache())
            .ExcludeFromDescription();
        return app;
    }
}
