using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Manset.Tests.Wires;

/// <summary>One request the stand-in agency saw.</summary>
public sealed record AgencyRequest(string Method, string Path, string Query, string? Referer, string? Authorization, DateTimeOffset At);

/// <summary>
/// A stand-in news agency on 127.0.0.1 for the wire tests: answers are set per path by the test (feeds, documents,
/// photos, error texts, slow answers), and every request is recorded. Never reaches the internet.
/// </summary>
public sealed class AgencyServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);

    AgencyServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<AgencyRequest> Requests { get; } = new();

    public static async Task<AgencyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AgencyServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue(new AgencyRequest(request.Method, request.Path, request.QueryString.Value ?? "", request.Headers.Referer.ToString() is { Length: > 0 } r ? r : null,
            request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, DateTimeOffset.UtcNow));
        if (_routes.TryGetValue(request.Path.Value ?? "", out var handler)) await handler(context);
        else context.Response.StatusCode = 404;
    }

    public string Url(string path) => BaseUrl + path;

    public void Route(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    public void Bytes(string path, byte[] body, string contentType, int status = 200) => Route(path, async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body);
    });

    public void Xml(string path, string xml, string contentType = "application/xml; charset=utf-8") =>
        Bytes(path, Encoding.UTF8.GetBytes(xml), contentType);

    public void Text(string path, string text, int status = 200, string contentType = "text/plain; charset=utf-8") =>
        Bytes(path, Encoding.UTF8.GetBytes(text), contentType, status);

    /// <summary>A photo that is only given to requests that say where they come from (as İHA's media servers do).</summary>
    public void PhotoNeedingReferer(string path, byte[] jpeg) => Route(path, async context =>
    {
        if (string.IsNullOrEmpty(context.Request.Headers.Referer))
        {
            context.Response.StatusCode = 403;
            return;
        }
        context.Response.ContentType = "image/jpeg";
        await context.Response.Body.WriteAsync(jpeg);
    });

    public IEnumerable<AgencyRequest> To(string path) => Requests.Where(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
