using System.Buffers;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Manset.Web.Media;

/// <summary>
/// Serves <c>/media/{key}</c> from the media store when it is not a local folder (S3): streamed through this node with
/// the headers the static files have (content type by extension, length, a year's immutable caching, nosniff) plus
/// the store's ETag, conditional GET (304) and one byte range (206; video players seek with them). A key the store
/// does not have falls through (to the picture crops, then 404); a key that could climb out of the store is 404.
/// </summary>
public sealed class StoredMediaFiles(IMediaStore store, string urlPrefix)
{
    readonly PathString _prefix = new(urlPrefix.TrimEnd('/'));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var get = HttpMethods.IsGet(request.Method);
        if (!(get || HttpMethods.IsHead(request.Method)) || !request.Path.StartsWithSegments(_prefix, out var rest) || !rest.HasValue)
        {
            await next(context);
            return;
        }
        var key = rest.Value![1..];
        var contentType = MediaExtensions.ContentTypeOf(key);
        if (contentType is null)
        {
            await next(context);
            return;
        }
        if (!MediaKeys.IsValid(key))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var ct = context.RequestAborted;
        var headers = request.GetTypedHeaders();
        var wantsRange = get && headers.Range is { Unit.Value: "bytes", Ranges.Count: 1 };
        MediaRange? range = null;
        MediaInfo? info = null;
        // Metadata first (a HEAD to the store) only when the answer may need no body or only part of it.
        if (!get || wantsRange || headers.IfNoneMatch.Count > 0)
        {
            info = await store.InfoAsync(key, ct);
            if (info is null)
            {
                await next(context);
                return;
            }
            if (NotModified(headers.IfNoneMatch, info.ETag))
            {
                WriteHeaders(context.Response, contentType, info);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            if (!get)
            {
                WriteHeaders(context.Response, contentType, info);
                context.Response.ContentLength = info.Length;
                return;
            }
            if (wantsRange && RangeApplies(headers.IfRange, info))
            {
                range = Resolve(headers.Range!.Ranges.Single(), info.Length);
                if (range is null)
                {
                    // Not an error page: the client asked past the end of the file.
                    context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                    context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    context.Response.Headers[HeaderNames.ContentRange] = $"bytes */{info.Length}";
                    return;
                }
            }
        }

        await using var content = await store.OpenReadAsync(key, range, ct);
        if (content is null)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        WriteHeaders(response, contentType, content.Info);
        if (range is { } part)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers[HeaderNames.ContentRange] = $"bytes {part.Start}-{part.Start + content.Length - 1}/{content.Info.Length}";
        }
        response.ContentLength = content.Length;
        try
        {
            await CopyAsync(content.Content, response.Body, content.Length, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader went away mid-file.
        }
    }

    static void WriteHeaders(HttpResponse response, string contentType, MediaInfo info)
    {
        var headers = response.Headers;
        headers.ContentType = contentType;
        headers.CacheControl = MediaExtensions.CacheControl;
        headers.XContentTypeOptions = "nosniff";
        headers.AcceptRanges = "bytes";
        if (info.ETag is not null) headers.ETag = info.ETag;
        if (info.LastModified is { } modified) headers.LastModified = modified.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
    }

    static bool NotModified(IList<EntityTagHeaderValue> ifNoneMatch, string? etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any))) return true;
        return etag is not null && EntityTagHeaderValue.TryParse(etag, out var current) && ifNoneMatch.Any(t => t.Compare(current, useStrongComparison: false));
    }

    /// <summary>If-Range: the range is for the version the client has; another version (or a weak tag) gets the whole file.</summary>
    static bool RangeApplies(RangeConditionHeaderValue? ifRange, MediaInfo info)
    {
        if (ifRange is null) return true;
        if (ifRange.EntityTag is { } tag)
            return info.ETag is not null && EntityTagHeaderValue.TryParse(info.ETag, out var current) && tag.Compare(current, useStrongComparison: true);
        return ifRange.LastModified is { } date && info.LastModified is { } modified && modified.ToUnixTimeSeconds() <= date.ToUnixTimeSeconds();
    }

    /// <summary>"bytes=a-b", "bytes=a-" and "bytes=-n" against the file's length; null when nothing of it is in the file.</summary>
    public static MediaRange? Resolve(RangeItemHeaderValue item, long length)
    {
        if (length == 0) return null;
        if (item.From is { } from)
        {
            if (from >= length) return null;
            var to = item.To is { } end ? Math.Min(end, length - 1) : length - 1;
            return to < from ? null : new MediaRange(from, to);
        }
        if (item.To is { } suffix and > 0) return new MediaRange(Math.Max(0, length - suffix), length - 1);
        return null;
    }

    static async Task CopyAsync(Stream source, Stream target, long count, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), ct);
                if (read == 0) throw new IOException("Medya deposundan gelen dosya beklenenden kısa.");
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
