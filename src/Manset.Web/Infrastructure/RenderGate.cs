using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Reads that miss the output cache (public page renders, feeds and sitemaps, picture crops) run at most
/// <see cref="RenderGateOptions.Concurrent"/> at a time; the rest wait for a turn, and beyond
/// <see cref="RenderGateOptions.Queue"/> waiting ones are answered 503 with <c>Retry-After</c> at once (a CDN then
/// serves its stale copy: <c>stale-if-error</c>). On two cores 64 renders at once finish no sooner than eight at a time,
/// but each holds a database connection with its page cache and its half-built page, and what is in flight during a
/// collection is promoted into the GC's older generations: with 1,000,000 articles and 64 readers that was 40 MB of a
/// node's peak (docs/operations.md, "What makes these figures"). Pages answered from the output cache never come here (the gate sits
/// after it), nor do writes, the newsroom and the API, long-lived streams, the view beacon, static files, health checks
/// and the metrics endpoint.
/// </summary>
public sealed class RenderGate(IOptions<MansetOptions> options, Monitoring.MansetMetrics metrics, TimeProvider clock, ILogger<RenderGate> log)
{
    /// <summary>Endpoint metadata: this endpoint does not wait for a turn (streams, health, static files).</summary>
    public sealed class ExemptAttribute : Attribute;

    readonly SemaphoreSlim _turns = new(options.Value.Renders.EffectiveConcurrent);
    readonly int _queue = options.Value.Renders.Queue;
    int _waiting;
    long _lastWarning = long.MinValue;

    /// <summary>Requests waiting for a turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Turns free now.</summary>
    public int Free => _turns.CurrentCount;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Gated(context))
        {
            await next(context);
            return;
        }
        if (!_turns.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > _queue)
            {
                Interlocked.Decrement(ref _waiting);
                Refuse(context);
                return;
            }
            try
            {
                await _turns.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the reader left while waiting: nothing to answer
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        try
        {
            await next(context);
        }
        finally
        {
            _turns.Release();
        }
    }

    static bool Gated(HttpContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) return false;
        // An error page re-executed for a request that already had (or was refused) its turn.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null) return false;
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<ExemptAttribute>() is not null) return false;
        // The newsroom and the API (authorization on the endpoint; the login page too, whose folder asks for it) never
        // wait behind readers: during the spike an editor must still sign in and open the story to update it. Their
        // own rate limits and permissions guard them.
        return endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null;
    }

    void Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.CacheControl = "no-store";
        metrics.RenderRefused();
        // One line a minute at most: a spike must not become a flood of log lines.
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == long.MinValue || clock.GetElapsedTime(last, now) > TimeSpan.FromMinutes(1)) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            log.LogWarning("Sıra dolu: {Waiting} istek sırada bekliyor, yenileri 503 ile geri çevriliyor (Manset:Renders:Queue).",
                _queue.ToString(CultureInfo.InvariantCulture));
        }
    }
}

public static class RenderGateExtensions
{
    public static WebApplicationBuilder AddRenderGate(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RenderGate>();
        return builder;
    }

    /// <summary>After the output cache and after routing (it reads the endpoint's metadata).</summary>
    public static IApplicationBuilder UseRenderGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<RenderGate>();
        return app.Use((context, next) => gate.InvokeAsync(context, next));
    }

    /// <summary>Marks endpoints that never wait for a turn.</summary>
    public static TBuilder ExemptFromRenderGate<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RenderGate.ExemptAttribute());
}
