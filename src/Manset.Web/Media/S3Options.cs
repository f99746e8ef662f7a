using System.ComponentModel.DataAnnotations;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>
/// An S3-compatible bucket for media (<c>Manset:Media:S3</c>): AWS S3, MinIO, Ceph RGW, Cloudflare R2. Used when
/// <c>Manset:Media:Store</c> is <c>S3</c>; every node then writes to and serves from the same bucket.
/// </summary>
public sealed class S3Options
{
    /// <summary>The service's address: <c>https://s3.eu-central-1.amazonaws.com</c>, <c>http://minio:9000</c>, R2's account endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The signing region (MinIO and Ceph accept <c>us-east-1</c>; R2 wants <c>auto</c>).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The bucket's name (S3's rule: 3 to 63 characters).</summary>
    [StringLength(63, MinimumLength = 3, ErrorMessage = "Manset:Media:S3:Bucket 3 ile 63 karakter arasında bir kova adı olmalı.")]
    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    /// <summary>Secret: never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Address the bucket in the path (<c>host/bucket/key</c>), as MinIO and Ceph want by default.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>A folder inside the bucket for this site's files (<c>manset/</c>), for a bucket shared with others.</summary>
    [StringLength(200, ErrorMessage = "Manset:Media:S3:KeyPrefix en çok 200 karakter olabilir.")]
    public string? KeyPrefix { get; set; }

    /// <summary>The prefix as it goes before keys: no leading slash, one trailing slash, or empty.</summary>
    public string NormalizedPrefix => string.IsNullOrWhiteSpace(KeyPrefix) ? "" : KeyPrefix.Trim().Trim('/') + "/";
}

/// <summary>The names <c>Manset:Media:Store</c> takes.</summary>
public static class MediaStores
{
    public const string Local = "Local";
    public const string S3 = "S3";

    public static bool IsS3(string? store) => string.Equals(store?.Trim(), S3, StringComparison.OrdinalIgnoreCase);

    public static bool IsLocal(string? store) => string.IsNullOrWhiteSpace(store) || string.Equals(store.Trim(), Local, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Checks what attributes cannot: the store's name, and with S3 the settings it cannot start without. Values of secrets are never shown.</summary>
public sealed class MediaStoreOptionsCheck : IValidateOptions<MansetOptions>
{
    public ValidateOptionsResult Validate(string? name, MansetOptions options)
    {
        var media = options.Media;
        if (MediaStores.IsLocal(media.Store)) return ValidateOptionsResult.Success;
        if (!MediaStores.IsS3(media.Store))
            return ValidateOptionsResult.Fail($"Manset:Media:Store '{media.Store}' tanınmıyor: '{MediaStores.Local}' (yerel disk, varsayılan) ya da '{MediaStores.S3}' olmalı.");

        var s3 = media.S3;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl)) missing.Add(nameof(S3Options.ServiceUrl));
        if (string.IsNullOrWhiteSpace(s3.Bucket)) missing.Add(nameof(S3Options.Bucket));
        if (string.IsNullOrWhiteSpace(s3.AccessKey)) missing.Add(nameof(S3Options.AccessKey));
        if (string.IsNullOrWhiteSpace(s3.SecretKey)) missing.Add(nameof(S3Options.SecretKey));
        if (string.IsNullOrWhiteSpace(s3.Region)) missing.Add(nameof(S3Options.Region));
        var failures = new List<string>();
        if (missing.Count > 0)
            failures.Add($"Manset:Media:Store = S3 ama şu ayarlar eksik: {string.Join(", ", missing.Select(m => "Manset:Media:S3:" + m))}. " +
                "Medya deposu için bunları verin ya da Manset:Media:Store ayarını kaldırın (yerel disk).");
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && !(Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            failures.Add($"Manset:Media:S3:ServiceUrl bir http(s) adresi olmalı (şimdi: '{s3.ServiceUrl}').");
        if (s3.NormalizedPrefix.Contains("..", StringComparison.Ordinal))
            failures.Add("Manset:Media:S3:KeyPrefix '..' içeremez.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
