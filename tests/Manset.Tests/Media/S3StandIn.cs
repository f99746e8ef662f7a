using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Manset.Tests.Media;

/// <summary>
/// A tiny S3 for tests: a real Kestrel server on 127.0.0.1 that keeps objects in memory and answers path-style
/// PUT, GET (with one byte range), HEAD and DELETE of objects, as MinIO would. Signatures are not checked, but a
/// request without an Authorization header is refused (403), and so is anything else (501), multipart uploads included.
/// </summary>
public sealed class S3StandIn : IAsyncDisposable
{
    public sealed record StoredObject(byte[] Bytes, string ContentType, string ETag, DateTimeOffset LastModified);

    public sealed record Call(string Method, string Path, string? Range, string? ContentEncoding, string? ContentSha256);

    readonly WebApplication _app;

    S3StandIn(WebApplication app) => _app = app;

    /// <summary>Objects by "bucket/key".</summary>
    public ConcurrentDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<S3StandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new S3StandIn(app);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        standIn.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return standIn;
    }

    public StoredObject? Get(string bucket, string key) => Objects.TryGetValue(bucket + "/" + key, out var stored) ? stored : null;

    async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        Calls.Enqueue(new Call(request.Method, path + request.QueryString, request.Headers.Range.ToString() is { Length: > 0 } r ? r : null,
            request.Headers.ContentEncoding.ToString() is { Length: > 0 } e ? e : null, request.Headers["x-amz-content-sha256"].ToString()));
        if (string.IsNullOrEmpty(request.Headers.Authorization.ToString()))
        {
            await ErrorAsync(response, 403, "AccessDenied", "Access Denied.");
            return;
        }
        var slash = path.IndexOf('/', 1);
        if (slash < 0 || slash == path.Length - 1 || request.Query.ContainsKey("uploads") || request.Query.ContainsKey("uploadId"))
        {
            await ErrorAsync(response, 501, "NotImplemented", "Only object PUT, GET, HEAD and DELETE.");
            return;
        }
        var name = Uri.UnescapeDataString(path[1..]);

        if (HttpMethods.IsPut(request.Method))
        {
            var bytes = await ReadBodyAsync(request);
            var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(bytes)) + "\"";
            Objects[name] = new StoredObject(bytes, request.ContentType ?? "binary/octet-stream", etag, TimeProvider.System.GetUtcNow());
            response.Headers.ETag = etag;
            return;
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            Objects.TryRemove(name, out _);
            response.StatusCode = 204;
            return;
        }
        var head = HttpMethods.IsHead(request.Method);
        if (!(head || HttpMethods.IsGet(request.Method)))
        {
            await ErrorAsync(response, 501, "NotImplemented", "Only object PUT, GET, HEAD and DELETE.");
            return;
        }
        if (!Objects.TryGetValue(name, out var stored))
        {
            if (head) response.StatusCode = 404;
            else await ErrorAsync(response, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        response.ContentType = stored.ContentType;
        response.Headers.ETag = stored.ETag;
        response.Headers.LastModified = stored.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        var (start, end) = (0L, stored.Bytes.LongLength - 1);
        if (!head && Microsoft.Net.Http.Headers.RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range) && range.Ranges.Count == 1)
        {
            var item = range.Ranges.Single();
            (start, end) = item.From is { } from ? (from, Math.Min(item.To ?? end, end)) : (Math.Max(0, stored.Bytes.Length - item.To!.Value), end);
            if (start > end)
            {
                await ErrorAsync(response, 416, "InvalidRange", "The requested range is not satisfiable.");
                return;
            }
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{stored.Bytes.Length}";
        }
        response.ContentLength = end - start + 1;
        if (!head) await response.Body.WriteAsync(stored.Bytes.AsMemory((int)start, (int)(end - start + 1)));
    }

    /// <summary>The body as sent, or decoded from the SDK's aws-chunked framing ("size;chunk-signature=…\r\n data \r\n … 0;…\r\n trailers").</summary>
    static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var chunked = request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.Ordinal)
            || request.Headers["x-amz-content-sha256"].ToString().StartsWith("STREAMING-", StringComparison.Ordinal);
        if (!chunked) return raw;
        using var decoded = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = raw.AsSpan(at).IndexOf("\r\n"u8);
            var header = Encoding.ASCII.GetString(raw, at, lineEnd);
            var size = int.Parse(header.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0) break;
            decoded.Write(raw, at, size);
            at += size + 2;
        }
        return decoded.ToArray();
    }

    static async Task ErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml";
        await response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>standin</RequestId></Error>");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
