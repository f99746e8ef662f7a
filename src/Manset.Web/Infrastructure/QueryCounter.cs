using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Counts the database commands run on behalf of the current HTTP request (split queries count each of their
/// commands; work a request triggers in another scope, such as the shared blocks' load, counts for that request) and
/// logs them with the request's time at Debug level:
/// <c>"Logging": { "LogLevel": { "Manset.Web.Infrastructure.QueryCounter": "Debug" } }</c> prints
/// <c>GET /spor: 4 sorgu, 3.2 ms</c>. A page answered by the output cache counts 0.
/// One instance, shared by every DbContext of the process: the count lives in the request's async flow, not here.
/// </summary>
public sealed partial class QueryCounter(ILogger<QueryCounter> log) : DbCommandInterceptor
{
    /// <summary>The counter of the request whose flow this is; null outside a counted request (Debug off, background jobs).</summary>
    static readonly AsyncLocal<Counter?> Current = new();

    sealed class Counter
    {
        public int Count;
    }

    static void Add()
    {
        // Interlocked: a request may run queries on several contexts at once.
        if (Current.Value is { } counter) Interlocked.Increment(ref counter.Count);
    }

    /// <summary>
    /// The middleware. With Debug off for this category it only asks the logger and passes the request on: no counter,
    /// no async-local, no timing.
    /// </summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        log.IsEnabled(LogLevel.Debug) ? CountAsync(context, next) : next(context);

    async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        var counter = new Counter();
        Current.Value = counter; // flows into everything this request awaits; undone when this method returns
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Counted(log, context.Request.Method, context.Request.Path.Value ?? "", Volatile.Read(ref counter.Count),
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: {Count} sorgu, {Elapsed} ms")]
    static partial void Counted(ILogger logger, string method, string path, int count, double elapsed);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }
}

public static class QueryCounterExtensions
{
    /// <summary>Counts each request's database commands (see <see cref="QueryCounter"/>); put it before the output cache.</summary>
    public static IApplicationBuilder UseQueryCounter(this IApplicationBuilder app)
    {
        var counter = app.ApplicationServices.GetRequiredService<QueryCounter>();
        return app.Use(next => context => counter.InvokeAsync(context, next));
    }
}
