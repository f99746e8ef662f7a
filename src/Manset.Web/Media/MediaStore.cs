using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>Where media files live. Local disk under the data directory today; a shared store is another implementation.</summary>
public interface IMediaStore
{
    /// <summary>Stores a file under a key ("2026/11/ab12cd34ef56-640.jpg"); it appears whole or not at all.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
    bool Exists(string key);
    /// <summary>The stored file's size in bytes, or null when there is no such file (RSS enclosures state it).</summary>
    long? LengthOf(string key);
    /// <summary>The stored file for reading, or null when there is no such file.</summary>
    Stream? OpenRead(string key);
}

/// <summary>Files under <c>{DataDirectory}/media</c>, written to a temporary name and moved into place.</summary>
public sealed class LocalMediaStore(IOptions<MansetOptions> options) : IMediaStore
{
    public string Root { get; } = Path.Combine(options.Value.DataPath, "media");

    public async Task WriteAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public Stream? OpenRead(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    public long? LengthOf(string key)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? file.Length : null;
    }

    string PathOf(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) throw new ArgumentException("Geçersiz medya anahtarı.", nameof(key));
        return Path.Combine(Root, key);
    }
}
