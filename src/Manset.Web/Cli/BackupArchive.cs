using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Manset.Data;
using Manset.Web.Media;

namespace Manset.Web.Cli;

/// <summary>
/// The file <c>backup --to</c> writes and <c>restore --from</c> reads: a zip archive (any unzip tool opens it) with
/// <list type="bullet">
/// <item><c>database/manset.db</c>: the SQLite database as of one instant (absent on PostgreSQL: pg_dump's job);</item>
/// <item><c>media/{key}</c>: every file of every media row in that database, read through the media store;</item>
/// <item><c>keys/{name}.xml</c>: the data-protection key ring (SQLite; on PostgreSQL it is in the database);</item>
/// <item><c>SHA256SUMS</c>: one line per file above, as <c>sha256sum</c> writes them (<c>sha256sum -c</c> checks an unzipped copy);</item>
/// <item><c>manset-yedek.json</c>: the <see cref="BackupManifest"/>, written last.</item>
/// </list>
/// </summary>
public static class BackupArchive
{
    /// <summary>The format this code writes; it reads this one and older ones.</summary>
    public const int Format = 1;
    public const string ManifestEntry = "manset-yedek.json";
    public const string ChecksumsEntry = "SHA256SUMS";
    public const string DatabaseEntry = "database/manset.db";
    public const string MediaFolder = "media/";
    public const string KeysFolder = "keys/";
    public const string Application = "Manşet";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string AppVersion =>
        typeof(BackupArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>The files of one media row in the store: an image's renditions (JPEG, and WebP beside them), or the file itself.</summary>
    public static IEnumerable<string> StoredKeys(MediaKind kind, string storageKey, string renditions, bool hasWebp)
    {
        if (kind != MediaKind.Image)
        {
            yield return storageKey;
            yield break;
        }
        foreach (var part in renditions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)) continue;
            yield return ImagePipeline.RenditionKey(storageKey, width);
            if (hasWebp) yield return ImagePipeline.RenditionKey(storageKey, width, "webp");
        }
    }

    /// <summary>A key-ring file name as the file-system key repository writes them ("key-{guid}.xml"), nothing that could leave the folder.</summary>
    public static bool IsKeyFileName(string name) =>
        name.Length is > 4 and <= 200 && name.EndsWith(".xml", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.StartsWith('.');

    /// <summary>Is this entry name one the format allows (and so safe to extract under a folder)?</summary>
    public static bool IsAllowedEntry(string name) =>
        name == DatabaseEntry
        || (name.StartsWith(MediaFolder, StringComparison.Ordinal) && MediaKeys.IsValid(name[MediaFolder.Length..]))
        || (name.StartsWith(KeysFolder, StringComparison.Ordinal) && IsKeyFileName(name[KeysFolder.Length..]));

    /// <summary>Copies a stream into a new entry, hashing it on the way; returns (length, SHA-256 hex).</summary>
    public static async Task<(long Length, string Sha256)> AddAsync(ZipArchive zip, string name, Stream content, CompressionLevel level, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, level);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        var buffer = new byte[128 * 1024];
        await using (var target = await entry.OpenAsync(ct))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                length += read;
            }
        }
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>SHA256SUMS as sha256sum writes it: "{hash}  {path}\n", in the archive's own order.</summary>
    public static byte[] Checksums(IEnumerable<(string Path, string Sha256)> files)
    {
        var text = new StringBuilder();
        foreach (var (path, sha) in files) text.Append(sha).Append("  ").Append(path).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads SHA256SUMS back; null when a line is not "{64 hex}  {path}" or a path repeats.</summary>
    public static Dictionary<string, string>? ParseChecksums(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ') return null;
            var sha = line[..64];
            if (!sha.All(char.IsAsciiHexDigitLower)) return null;
            if (!result.TryAdd(line[66..], sha)) return null;
        }
        return result;
    }
}

/// <summary>What a backup holds and where it came from (<c>manset-yedek.json</c>).</summary>
public sealed record BackupManifest
{
    public required string Application { get; init; }
    public required int Format { get; init; }
    public required string AppVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public required string Provider { get; init; }
    /// <summary>Whether <c>database/manset.db</c> is in the archive (SQLite); PostgreSQL is backed up with pg_dump.</summary>
    public required bool DatabaseIncluded { get; init; }
    /// <summary>The last migration applied to the database that was backed up.</summary>
    public string? Schema { get; init; }
    /// <summary><c>Local</c> or <c>S3</c>: where the media were read from.</summary>
    public required string MediaStore { get; init; }
    public required BackupCounts Counts { get; init; }
    /// <summary>SHA-256 of the SHA256SUMS entry, which lists every other file with its own.</summary>
    public required string ChecksumsSha256 { get; init; }
    /// <summary>Media files the database names that the store did not have when the backup was taken (the site could not serve them either).</summary>
    public IReadOnlyList<string>? MissingMedia { get; init; }
}

public sealed record BackupCounts
{
    public int Articles { get; init; }
    public int Revisions { get; init; }
    public int Reactions { get; init; }
    public int Media { get; init; }
    public int MediaFiles { get; init; }
    public int Keys { get; init; }
    public long Bytes { get; init; }
}
