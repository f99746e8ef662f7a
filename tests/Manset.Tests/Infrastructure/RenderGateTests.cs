using System.Net;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// What the output cache does not answer takes a turn: a few renders at once, the rest wait in line, and past the
/// line's length a reader is told at once to come back (503, Retry-After). Writes, the newsroom, streams and health
/// checks never wait.
/// </summary>
public class RenderGateTests
{
    static readonly Endpoint Page = new(_ => Task.CompletedTask, new EndpointMetadataCollection(), "sayfa");
    static readonly Endpoint Exempt = new(_ => Task.CompletedTask, new EndpointMetadataCollection(new RenderGate.ExemptAttribute()), "akış");

    static RenderGate Gate(int concurrent, int queue, TimeProvider? clock = null, ILogger<RenderGate>? log = null) =>
        new(Options.Create(new MansetOptions { Renders = new RenderGateOptions { Concurrent = concurrent, Queue = queue } }),
            new MansetMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            clock ?? TimeProvider.System, log ?? NullLogger<RenderGate>.Instance);

    static DefaultHttpContext Request(Endpoint? endpoint = null, string method = "GET")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.SetEndpoint(endpoint ?? Page);
        return context;
    }

    /// <summary>A render that runs until told to finish.</summary>
    sealed class Render
    {
        readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Started => _started.Task;
        public Task Done { get; }
        public HttpContext Context { get; }

        public Render(RenderGate gate, HttpContext context)
        {
            Context = context;
            Done = gate.InvokeAsync(context, async _ =>
            {
                _started.TrySetResult();
                await _finish.Task;
            });
        }

        public void Finish() => _finish.TrySetResult();
    }

    static async Task ShortlyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }

    [Fact]
    public async Task Renders_past_the_limit_wait_their_turn_and_past_the_queue_get_503_with_retry_after()
    {
        var gate = Gate(concurrent: 2, queue: 1);
        var first = new Render(gate, Request());
        var second = new Render(gate, Request());
        await Task.WhenAll(first.Started, second.Started);
        Assert.Equal(0, gate.Free);

        var third = new Render(gate, Request());
        await ShortlyAsync(() => gate.Waiting == 1);
        Assert.False(third.Started.IsCompleted);

        // The line is full: the next one is answered at once, and a CDN may serve its stale copy.
        var fourth = Request();
        var called = false;
        await gate.InvokeAsync(fourth, _ =>
        {
            called = true;
            return Task.CompletedTask;
        });
        Assert.False(called);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, fourth.Response.StatusCode);
        Assert.Equal("1", fourth.Response.Headers.RetryAfter.ToString());
        Assert.Equal("no-store", fourth.Response.Headers.CacheControl.ToString());

        // One finishes: the waiting one takes its turn.
        first.Finish();
        await first.Done;
        await third.Started.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(0, gate.Waiting);
        second.Finish();
        third.Finish();
        await Task.WhenAll(second.Done, third.Done);
        Assert.Equal(2, gate.Free);
        Assert.Equal(StatusCodes.Status200OK, third.Context.Response.StatusCode);
    }

    [Fact]
    public async Task A_reader_who_leaves_while_waiting_frees_the_line_and_renders_nothing()
    {
        var gate = Gate(concurrent: 1, queue: 5);
        var holding = new Render(gate, Request());
        await holding.Started;

        using var leaves = new CancellationTokenSource();
        var waiting = Request();
        waiting.RequestAborted = leaves.Token;
        var rendered = false;
        var wait = gate.InvokeAsync(waiting, _ =>
        {
            rendered = true;
            return Task.CompletedTask;
        });
        await ShortlyAsync(() => gate.Waiting == 1);
        await leaves.CancelAsync();
        await wait;
        Assert.False(rendered);
        Assert.Equal(0, gate.Waiting);

        holding.Finish();
        await holding.Done;
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public async Task A_render_that_throws_gives_its_turn_back()
    {
        var gate = Gate(concurrent: 1, queue: 0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.InvokeAsync(Request(), _ => throw new InvalidOperationException("veritabanı yok")));
        Assert.Equal(1, gate.Free);
        var next = Request();
        await gate.InvokeAsync(next, _ => Task.CompletedTask);
        Assert.Equal(StatusCodes.Status200OK, next.Response.StatusCode);
    }

    [Theory]
    [InlineData("POST", false, false, false)]   // reactions, the newsroom's saves: writes never wait
    [InlineData("GET", true, false, false)]     // the SON DAKİKA stream, health checks, static files, /metrics
    [InlineData("GET", false, true, false)]     // an error page re-executed for a request that had its turn
    [InlineData("GET", false, false, true)]     // no endpoint: the 404 path
    public async Task Writes_exempt_endpoints_error_pages_and_unrouted_requests_never_wait(string method, bool exempt, bool reExecuted, bool unrouted)
    {
        var gate = Gate(concurrent: 1, queue: 0);
        var holding = new Render(gate, Request());
        await holding.Started;

        var request = Request(exempt ? Exempt : Page, method);
        if (unrouted) request.SetEndpoint(null);
        if (reExecuted) request.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature { OriginalPath = "/gundem/haber-1" });
        var ran = false;
        await gate.InvokeAsync(request, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        Assert.True(ran);

        // Whereas a page render is refused while the only turn is taken and no line is allowed.
        var page = Request();
        await gate.InvokeAsync(page, _ => Task.CompletedTask);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, page.Response.StatusCode);
        holding.Finish();
        await holding.Done;
    }

    [Fact]
    public void Four_renders_per_core_unless_configured()
    {
        Assert.Equal(4 * Environment.ProcessorCount, new RenderGateOptions().EffectiveConcurrent);
        Assert.Equal(3, new RenderGateOptions { Concurrent = 3 }.EffectiveConcurrent);
    }

    [Fact]
    public async Task On_the_site_a_refused_reader_gets_the_turkish_503_page_while_the_breaking_stream_and_health_checks_answer()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true, configure: s =>
        {
            s["Manset:Renders:Concurrent"] = "1";
            s["Manset:Renders:Queue"] = "0";
            s["Manset:OutputCache:Enabled"] = "false";
        });
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);

        // A long-lived stream holds its request and must not hold the only turn.
        using var stream = await reader.GetAsync("/son-dakika/akis", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);

        // Take the only turn with a render that does not end, as a slow page would.
        var gate = app.Services.GetRequiredService<RenderGate>();
        var slow = new Render(gate, Request());
        await slow.Started;

        var refused = await reader.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("no-store", refused.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Şu anda çok yoğunuz", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready")).StatusCode);
        // The view beacon answers every page view, cached ones too: it never waits for a render's turn.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/okunma/1")).StatusCode);
        // Nor does the newsroom: an editor opens the story list and the writing form during the spike.
        using var editor = await app.NewsroomClientAsync("editor");
        var list = await editor.GetAsync("/yonetim/haberler");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/yonetim/haberler/yeni")).StatusCode);
        // A reader knocking on the newsroom skips the line too, and is only sent to the login page (no render).
        Assert.NotEqual(HttpStatusCode.OK, (await reader.GetAsync("/yonetim/haberler")).StatusCode);

        slow.Finish();
        await slow.Done;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_full_line_is_logged_once_a_minute_not_once_a_request()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var logs = new LogCapture();
        using var loggers = new LoggerFactory([logs]);
        var gate = Gate(concurrent: 1, queue: 0, clock, loggers.CreateLogger<RenderGate>());
        var holding = new Render(gate, Request());
        await holding.Started;
        for (var i = 0; i < 10; i++) await gate.InvokeAsync(Request(), _ => Task.CompletedTask);
        Assert.Single(logs.Lines, l => l.Contains("Sıra dolu", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromSeconds(61));
        await gate.InvokeAsync(Request(), _ => Task.CompletedTask);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("Sıra dolu", StringComparison.Ordinal)));
        holding.Finish();
        await holding.Done;
    }
}
