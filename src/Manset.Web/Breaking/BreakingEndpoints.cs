using System.Text;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace Manset.Web.Breaking;

public static class BreakingEndpoints
{
    public static WebApplicationBuilder AddBreaking(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BreakingNews>();
        return builder;
    }

    /// <summary><c>/son-dakika/akis</c>: the band as server-sent events (the page <c>/son-dakika</c> lists the stories).</summary>
    public static WebApplication MapBreaking(this WebApplication app)
    {
        app.MapGet("/son-dakika/akis", Stream).ExcludeFromDescription().ExemptFromRenderGate(); // a stream holds its request for minutes
        return app;
    }

    static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Sends the current band at once (so a reconnecting page catches up), then every change, with a comment line
    /// every 25 seconds to keep proxies from closing an idle stream. Browsers reconnect by themselves after a drop.
    /// </summary>
    static async Task Stream(HttpContext context, BreakingNews news)
    {
        var ct = context.RequestAborted;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var subscription = news.Subscribe();
        try
        {
            await WriteAsync(context, "retry: 3000\n\n", ct);
            await SendAsync(context, await news.CurrentAsync(ct), ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    if (!await subscription.Reader.WaitToReadAsync(wait.Token)) return;
                    while (subscription.Reader.TryRead(out var band)) await SendAsync(context, band, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(context, ": bağlantı açık\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The reader left.
        }
    }

    static Task SendAsync(HttpContext context, string band, CancellationToken ct) =>
        WriteAsync(context, $"event: band\ndata: {band}\n\n", ct);

    static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
