using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>
/// Where media files live: local disk under the data directory (<see cref="LocalMediaStore"/>, the default) or an
/// S3-compatible bucket shared by every node (<see cref="S3MediaStore"/>). Keys look like "2026/11/ab12cd34ef56-640.jpg"
/// and never change meaning: a key, once written, always holds the same bytes.
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores a file under a key; it appears whole or not at all.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
    ValueTask<bool> ExistsAsync(string key, CancellationToken ct);
    /// <summary>The stored file's size in bytes, or null when there is no such file (RSS enclosures state it).</summary>
    ValueTask<long?> LengthOfAsync(string key, CancellationToken ct);
    /// <summary>Size, validator and time of a stored file without its content, or null when there is no such file.</summary>
    ValueTask<MediaInfo?> InfoAsync(string key, CancellationToken ct);
    /// <summary>
    /// The stored file for reading, or only the bytes <c>range.Start..range.End</c> (inclusive, within the file), or
    /// null when there is no such file. The caller disposes it.
    /// </summary>
    ValueTask<MediaContent?> OpenReadAsync(string key, MediaRange? range, CancellationToken ct);
}

/// <summary>What is known of a stored file without reading it. <c>ETag</c> is a quoted entity tag when the store has one.</summary>
public sealed record MediaInfo(long Length, string? ETag, DateTimeOffset? LastModified);

/// <summary>Bytes <c>Start</c> to <c>End</c> of a file, both included (as HTTP ranges count).</summary>
public readonly record struct MediaRange(long Start, long End)
{
    public long Length => End - Start + 1;
}

/// <summary>
/// An open stored file, or part of it: read <c>Length</c> bytes from <c>Content</c> (a local file's stream stands at the
/// range's start and goes on to the end of the file).
/// </summary>
public sealed class MediaContent(Stream content, MediaInfo info, long length, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content => content;
    public MediaInfo Info => info;
    public long Length => length;

    public async ValueTask DisposeAsync()
    {
        await content.DisposeAsync();
        owner?.Dispose();
    }
}

/// <summary>
/// Files under <c>{DataDirectory}/media</c>, written under <c>media/.partial</c> (never served), flushed to the disk and
/// moved into place: a reader never sees half a file, and a write that fails (a full disk) leaves nothing behind.
/// </summary>
public sealed class LocalMediaStore(IOptions<MansetOptions> options) : IMediaStore
{
    public string Root { get; } = Path.Combine(options.Value.DataPath, "media");

    /// <summary>Files being written; what a killed process left here is deleted by <see cref="PendingUploads.SweepAsync"/>.</summary>
    public string PartialFolder => Path.Combine(Root, ".partial");

    public async Task WriteAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = Path.Combine(PartialFolder, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Directory.CreateDirectory(PartialFolder);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
                // On the disk before the database row that names it is committed (SQLite syncs its commits too).
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (StorageFull.Is(e) && e is not MediaStorageFullException)
        {
            throw new MediaStorageFullException(e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    // A file's metadata comes from the inode cache in microseconds; there is no asynchronous stat to wait on.
    public ValueTask<bool> ExistsAsync(string key, CancellationToken ct) => ValueTask.FromResult(File.Exists(PathOf(key)));

    public ValueTask<long?> LengthOfAsync(string key, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        return ValueTask.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public ValueTask<MediaInfo?> InfoAsync(string key, CancellationToken ct) => ValueTask.FromResult(Info(new FileInfo(PathOf(key))));

    public ValueTask<MediaContent?> OpenReadAsync(string key, MediaRange? range, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        if (Info(file) is not { } info) return ValueTask.FromResult<MediaContent?>(null);
        FileStream stream;
        try
        {
            stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult<MediaContent?>(null);
        }
        if (range is not { } part) return ValueTask.FromResult<MediaContent?>(new MediaContent(stream, info, info.Length));
        stream.Seek(part.Start, SeekOrigin.Begin);
        return ValueTask.FromResult<MediaContent?>(new MediaContent(stream, info, Math.Min(part.Length, info.Length - part.Start)));
    }

    /// <summary>The same entity tag as the static-file middleware gives the file (modified time and length).</summary>
    static MediaInfo? Info(FileInfo file)
    {
        if (!file.Exists) return null;
        var modified = new DateTimeOffset(file.LastWriteTimeUtc.Ticks - file.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new MediaInfo(file.Length, $"\"{(modified.ToFileTime() ^ file.Length):x}\"", modified);
    }

    string PathOf(string key)
    {
        if (!MediaKeys.IsValid(key)) throw new ArgumentException("Geçersiz medya anahtarı.", nameof(key));
        return Path.Combine(Root, key);
    }
}

/// <summary>What a media key may look like, whatever the store: relative, forward slashes, no empty or dot segments.</summary>
public static class MediaKeys
{
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512
        && !key.Contains("..", StringComparison.Ordinal) && !key.Contains('\\') && !key.Contains("//", StringComparison.Ordinal)
        && !key.StartsWith('/') && !key.EndsWith('/') && !Path.IsPathRooted(key)
        && !key.Any(char.IsControl);
}
