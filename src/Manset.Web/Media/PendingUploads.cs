using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Media;

/// <summary>
/// Media files are written before the database row that names them, so a process killed in between, or a database
/// write that fails, would leave files nobody refers to. Each upload therefore first writes a note naming the files it
/// is about to write (<c>{DataDirectory}/media-pending/*.note</c>); a failed upload deletes its files and its note at
/// once, and <see cref="SweepAsync"/> later keeps the files of every note whose media row exists and deletes the others.
/// Only files an upload said it would write are ever deleted. The same folder holds video uploads while they are
/// checked (<c>*.spool</c>), and the local store writes its files under <c>media/.partial</c> before moving them
/// into place: the sweep deletes both when a killed process left them behind.
/// </summary>
public sealed class PendingUploads(IMediaStore store, IOptions<MansetOptions> options, TimeProvider clock, ILogger<PendingUploads> log)
{
    const string NoteExtension = ".note";
    const string SpoolExtension = ".spool";

    public string Folder => Path.Combine(options.Value.DataPath, "media-pending");

    /// <summary>An upload in progress: the note, the media row's storage key and the files.</summary>
    public sealed record Upload(string Note, string StorageKey, IReadOnlyList<string> Keys);

    /// <summary>What a sweep did: notes of finished uploads removed, unfinished uploads cleaned up, files deleted.</summary>
    public sealed record SweepResult(int Finished, int Abandoned, int FilesDeleted);

    /// <summary>Writes the note before the first file. A full disk here is <see cref="MediaStorageFullException"/>.</summary>
    public async Task<Upload> BeginAsync(string storageKey, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var note = Path.Combine(Folder, Guid.NewGuid().ToString("N") + NoteExtension);
        try
        {
            Directory.CreateDirectory(Folder);
            await File.WriteAllLinesAsync(note, [storageKey, .. keys], ct);
        }
        catch (Exception e) when (StorageFull.Is(e))
        {
            TryDelete(note);
            log.LogError(e, "Diskte yer kalmadı: {Key} yüklenemedi.", storageKey);
            throw new MediaStorageFullException(e);
        }
        return new Upload(note, storageKey, keys);
    }

    /// <summary>A file name for an upload's temporary copy, removed by the sweep if the process dies holding it.</summary>
    public string SpoolPath()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, Guid.NewGuid().ToString("N") + SpoolExtension);
    }

    /// <summary>The upload failed: its files go, then its note (kept for the sweep if a file could not be deleted).</summary>
    public async Task AbandonAsync(Upload upload, Exception cause)
    {
        if (StorageFull.Is(cause)) log.LogError(cause, "Diskte yer kalmadı: {Key} yüklenemedi, yazılan dosyaları silindi.", upload.StorageKey);
        if (await DeleteFilesAsync(upload.Keys, CancellationToken.None) == upload.Keys.Count) TryDelete(upload.Note);
    }

    /// <summary>
    /// Settles every note older than <paramref name="age"/>: the media row exists, so the note goes; or it does not,
    /// so the files and the note go. Also removes spools and partial local files of that age.
    /// </summary>
    public async Task<SweepResult> SweepAsync(MansetDb db, TimeSpan age, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - age;
        int finished = 0, abandoned = 0, deleted = 0;
        if (Directory.Exists(Folder))
        {
            foreach (var note in Directory.EnumerateFiles(Folder, "*" + NoteExtension).Where(f => File.GetLastWriteTimeUtc(f) <= before).ToList())
            {
                List<string> lines;
                try
                {
                    lines = (await File.ReadAllLinesAsync(note, ct)).Where(l => l.Length > 0).ToList();
                }
                catch (FileNotFoundException)
                {
                    continue; // its upload failed and cleaned up after itself meanwhile
                }
                if (lines.Count > 0 && await db.Media.AnyAsync(m => m.StorageKey == lines[0], ct))
                {
                    finished++;
                    TryDelete(note);
                    continue;
                }
                var keys = lines.Skip(1).Where(MediaKeys.IsValid).ToList();
                var gone = await DeleteFilesAsync(keys, ct);
                deleted += gone;
                if (gone == keys.Count)
                {
                    abandoned++;
                    TryDelete(note);
                }
            }
            foreach (var spool in Directory.EnumerateFiles(Folder, "*" + SpoolExtension).Where(f => File.GetLastWriteTimeUtc(f) <= before).ToList())
            {
                if (TryDelete(spool)) deleted++;
            }
        }
        if (store is LocalMediaStore local && Directory.Exists(local.PartialFolder))
        {
            foreach (var partial in Directory.EnumerateFiles(local.PartialFolder).Where(f => File.GetLastWriteTimeUtc(f) <= before).ToList())
            {
                if (TryDelete(partial)) deleted++;
            }
        }
        if (abandoned > 0 || deleted > 0)
            log.LogWarning("Yarım kalmış {Uploads} medya yüklemesi temizlendi ({Files} dosya silindi).", abandoned, deleted);
        return new SweepResult(finished, abandoned, deleted);
    }

    /// <summary>Deletes the files; returns how many are gone (deleted or never written).</summary>
    async Task<int> DeleteFilesAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        var gone = 0;
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, ct);
                gone++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Yarım kalmış yüklemenin dosyası silinemedi ({Key}); sonraki taramada yeniden denenecek.", key);
            }
        }
        return gone;
    }

    bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "{Path} silinemedi.", path);
            return false;
        }
    }
}

/// <summary>
/// Sweeps <see cref="PendingUploads"/> when the site starts and every ten minutes after: an upload unfinished for
/// <c>Manset:Media:PendingMinutes</c> (60) belongs to a process that died or a database write that failed.
/// </summary>
public sealed class MediaJanitor(PendingUploads pending, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MansetOptions> options, ILogger<MediaJanitor> log)
    : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    async Task SweepAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            await pending.SweepAsync(db, TimeSpan.FromMinutes(options.Value.Media.PendingMinutes), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Yarım kalmış medya yüklemeleri taranamadı; on dakika sonra yeniden denenecek.");
        }
    }
}
