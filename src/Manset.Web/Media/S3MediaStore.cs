using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>
/// Media in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2), shared by every node: a file written
/// by one node is served by any other. Keys go under the configured prefix; one PUT per file (S3 takes single PUTs up
/// to 5 GB, far above the upload limits), which appears whole or not at all.
/// </summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    readonly AmazonS3Client _client;
    readonly string _bucket;
    readonly string _prefix;

    public S3MediaStore(IOptions<MansetOptions> options)
    {
        var s3 = options.Value.Media.S3;
        _bucket = s3.Bucket!;
        _prefix = s3.NormalizedPrefix;
        var config = new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl,
            AuthenticationRegion = s3.Region,
            ForcePathStyle = s3.ForcePathStyle,
            // Checksums only where the API demands them: older MinIO, Ceph and R2 refuse the aws-chunked trailers
            // that the SDK otherwise adds to every PUT, and do not all send checksums back.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(100),
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    /// <summary>The object's key in the bucket: the prefix, then the media key.</summary>
    public string ObjectKey(string key)
    {
        if (!MediaKeys.IsValid(key)) throw new ArgumentException("Geçersiz medya anahtarı.", nameof(key));
        return _prefix + key;
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken ct)
    {
        var objectKey = ObjectKey(key);
        // The SDK states the length and signs the body, so it needs a stream it can measure and rewind: a stream that
        // cannot (or does not start at its beginning) is spooled to a temporary file first.
        string? temp = null;
        var body = content;
        try
        {
            if (!content.CanSeek || content.Position != 0)
            {
                temp = Path.Combine(Path.GetTempPath(), "manset-s3-" + Guid.NewGuid().ToString("N"));
                body = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await content.CopyToAsync(body, ct);
                body.Position = 0;
            }
            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = objectKey,
                InputStream = body,
                AutoCloseStream = false,
                // A plain PUT with a signed body: every S3-compatible service takes it.
                UseChunkEncoding = false,
                ContentType = MediaExtensions.ContentTypeOf(key) ?? "application/octet-stream",
            };
            await _client.PutObjectAsync(request, ct);
        }
        finally
        {
            if (temp is not null) await body.DisposeAsync();
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = ObjectKey(key) }, ct);

    public async ValueTask<bool> ExistsAsync(string key, CancellationToken ct) => await InfoAsync(key, ct) is not null;

    public async ValueTask<long?> LengthOfAsync(string key, CancellationToken ct) => (await InfoAsync(key, ct))?.Length;

    public async ValueTask<MediaInfo?> InfoAsync(string key, CancellationToken ct)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = ObjectKey(key) }, ct);
            return new MediaInfo(head.ContentLength, Quoted(head.ETag), Utc(head.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async ValueTask<MediaContent?> OpenReadAsync(string key, MediaRange? range, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = ObjectKey(key) };
        if (range is { } part) request.ByteRange = new ByteRange(part.Start, part.End);
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var length = response.ContentLength;
        var total = range is null ? length : TotalOf(response.ContentRange) ?? length;
        return new MediaContent(response.ResponseStream, new MediaInfo(total, Quoted(response.ETag), Utc(response.LastModified)), length, response);
    }

    /// <summary>The whole object's size from "bytes 0-99/1234".</summary>
    static long? TotalOf(string? contentRange)
    {
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total : null;
    }

    static string? Quoted(string? etag) => string.IsNullOrEmpty(etag) ? null : etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";

    static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : null;

    public void Dispose() => _client.Dispose();
}
