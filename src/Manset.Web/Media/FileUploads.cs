using System.Security.Cryptography;
using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>
/// Video files and captions, checked by their content (not their name): MP4 or WebM by their signature, WebVTT by
/// its first line, within the size limits. Spooled to a temporary file beside the pending uploads (never held whole in
/// memory), then stored; a failure leaves neither (a full disk: <see cref="MediaStorageFullException"/>).
/// </summary>
public sealed class FileUploads(IMediaStore store, PendingUploads pending, IOptions<MansetOptions> options, TimeProvider clock)
{
    public async Task<Manset.Data.Media> StoreVideoAsync(Stream upload, string? fileName, CancellationToken ct)
    {
        var limit = options.Value.Media.MaxVideoMegabytes * 1024L * 1024L;
        var temp = pending.SpoolPath();
        try
        {
            long length;
            string hash;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var chunk = new byte[81920];
                length = 0;
                int read;
                while ((read = await upload.ReadAsync(chunk, ct)) > 0)
                {
                    length += read;
                    if (length > limit) throw new MediaRejectedException($"Video çok büyük (en çok {options.Value.Media.MaxVideoMegabytes} MB).");
                    sha.AppendData(chunk, 0, read);
                    await file.WriteAsync(chunk.AsMemory(0, read), ct);
                }
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            if (length == 0) throw new MediaRejectedException("Dosya boş.");
            var header = new byte[12];
            await using (var file = File.OpenRead(temp)) await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
            var (extension, type) = Sniff(header) ?? throw new MediaRejectedException("Dosya bir video değil ya da biçimi desteklenmiyor (MP4, WebM).");

            var now = clock.GetUtcNow();
            var key = $"{now:yyyy}/{now:MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.{extension}";
            await using (var file = File.OpenRead(temp)) await StoreAsync(key, file, ct);
            return new Manset.Data.Media
            {
                Kind = MediaKind.Video,
                StorageKey = key,
                ContentType = type,
                FileName = fileName is null ? null : Path.GetFileName(fileName),
                Bytes = length,
                Sha256 = hash,
                CreatedAt = now,
            };
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

    public async Task<Manset.Data.Media> StoreCaptionsAsync(Stream upload, string? fileName, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > 1024 * 1024) throw new MediaRejectedException("Altyazı dosyası çok büyük (en çok 1 MB).");
            buffer.Write(chunk, 0, read);
        }
        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF');
        if (!text.StartsWith("WEBVTT", StringComparison.Ordinal)) throw new MediaRejectedException("Altyazı WebVTT (.vtt) biçiminde olmalı.");
        var now = clock.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.vtt";
        await StoreAsync(key, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), ct);
        return new Manset.Data.Media
        {
            Kind = MediaKind.Captions,
            StorageKey = key,
            ContentType = "text/vtt",
            FileName = fileName is null ? null : Path.GetFileName(fileName),
            Bytes = buffer.Length,
            CreatedAt = now,
        };
    }

    /// <summary>One file under its pending note: on failure the file and the note are gone.</summary>
    async Task StoreAsync(string key, Stream content, CancellationToken ct)
    {
        var upload = await pending.BeginAsync(key, [key], ct);
        try
        {
            await store.WriteAsync(key, content, ct);
        }
        catch (Exception e)
        {
            await pending.AbandonAsync(upload, e);
            if (StorageFull.Is(e) && e is not MediaStorageFullException) throw new MediaStorageFullException(e);
            throw;
        }
    }

    /// <summary>MP4 has "ftyp" at offset 4; WebM (Matroska) starts with the EBML magic 1A 45 DF A3.</summary>
    public static (string Extension, string ContentType)? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 8 && header[4] == (byte)'f' && header[5] == (byte)'t' && header[6] == (byte)'y' && header[7] == (byte)'p') return ("mp4", "video/mp4");
        if (header.Length >= 4 && header[0] == 0x1A && header[1] == 0x45 && header[2] == 0xDF && header[3] == 0xA3) return ("webm", "video/webm");
        return null;
    }
}
