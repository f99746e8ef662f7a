using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

/// <summary>
/// Downloads agency photos and videos into our media library (checked by content, stored once, served as our
/// renditions: never hot-linked), then puts them on the article if it has none. Each file is its own small unit of
/// work: a crash leaves it pending and the next pull downloads it again.
/// </summary>
public sealed class WireMediaFetcher(
    MansetDb db,
    ImagePipeline images,
    FileUploads files,
    WireArticles wireArticles,
    TimeProvider clock,
    IOptions<MansetOptions> options,
    ILogger<WireMediaFetcher> log)
{
    const int MaxAttempts = 3;

    public async Task<(int Stored, int Failed)> FetchAsync(WireSourceOptions source, WireClient client, CancellationToken ct)
    {
        var pending = await db.WireMedia.Include(m => m.Item)
            .Where(m => m.State == WireMediaState.Pending && m.Item.Source == source.Name)
            .OrderBy(m => m.Id).Take(options.Value.Wires.MediaPerPull).ToListAsync(ct);
        int stored = 0, failed = 0;
        var referer = Referer(source.Url);
        foreach (var media in pending)
        {
            try
            {
                if (media.Kind == MediaKind.Video) await StoreVideoAsync(media, client, referer, ct);
                else media.MediaId = (await StoreImageAsync(media.Url, media.Caption, media.Credit, client, referer, ct)).Id;
                media.State = WireMediaState.Stored;
                media.Error = null;
                stored++;
                await db.SaveChangesAsync(ct);
                await wireArticles.AttachMediaAsync(media.Item, ct);
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is WireFeedException or MediaRejectedException or DbUpdateException or MediaStorageFullException)
            {
                failed++;
                media.Attempts++;
                media.Error = AgencyText.Cut(client.Redactor.Redact(e.Message), 300);
                // Refused content will not change; a network failure gets another chance on the next pulls.
                if (e is MediaRejectedException || media.Attempts >= MaxAttempts) media.State = WireMediaState.Failed;
                log.LogWarning("Ajans {Source}: {Kind} indirilemedi ({Url}): {Error}", source.Name, media.Kind, Redactor.SafeUrl(media.Url), media.Error);
                db.ChangeTracker.Entries().Where(x => x.Entity is not WireMedia && x.State != EntityState.Unchanged).ToList().ForEach(x => x.State = EntityState.Detached);
                await db.SaveChangesAsync(ct);
            }
        }
        return (stored, failed);
    }

    async Task<Manset.Data.Media> StoreImageAsync(string url, string? caption, string? credit, WireClient client, string? referer, CancellationToken ct)
    {
        var limit = options.Value.Media.MaxUploadMegabytes * 1024L * 1024L;
        var bytes = await client.DownloadAsync(url, referer, limit, ct);
        var (media, existing) = await images.StoreAsync(new MemoryStream(bytes), FileName(url), ct);
        if (!existing)
        {
            media.Caption = caption;
            media.Alt = caption;
            media.Credit = credit;
            db.Media.Add(media);
            await db.SaveChangesAsync(ct);
        }
        return media;
    }

    async Task StoreVideoAsync(WireMedia media, WireClient client, string? referer, CancellationToken ct)
    {
        var limit = options.Value.Media.MaxVideoMegabytes * 1024L * 1024L;
        var bytes = await client.DownloadAsync(media.Url, referer, limit, ct);
        var file = await files.StoreVideoAsync(new MemoryStream(bytes), FileName(media.Url), ct);
        db.Media.Add(file);
        Manset.Data.Media? poster = null;
        if (media.PosterUrl is { } posterUrl)
        {
            try
            {
                poster = await StoreImageAsync(posterUrl, media.Caption, media.Credit, client, referer, ct);
            }
            catch (Exception e) when (e is WireFeedException or MediaRejectedException)
            {
                log.LogInformation("Ajans videosunun kapak görseli alınamadı: {Error}", client.Redactor.Redact(e.Message));
            }
        }
        var item = media.Item;
        var now = clock.GetUtcNow();
        var title = AgencyText.Cut(media.Caption is { Length: > 10 } caption ? caption : item.Title, Limits.TitleMax);
        var video = new Video
        {
            Title = title,
            Slug = Slug.From(title, "video"),
            Description = AgencyText.Cut(item.Spot, 1000),
            CategoryId = item.Category is { } slug ? await db.Categories.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct) : null,
            File = file,
            PosterId = poster?.Id,
            DurationSeconds = media.DurationSeconds,
            IsPublished = item.State == WireItemState.Published,
            PublishedAt = item.PublishedAt,
            CreatedAt = now,
        };
        db.Videos.Add(video);
        await db.SaveChangesAsync(ct);
        media.MediaId = file.Id;
        media.PosterId = poster?.Id;
        media.VideoId = video.Id;
    }

    static string FileName(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : "ajans";

    /// <summary>Agencies' media servers may want to see where the request comes from: the feed's own site.</summary>
    static string? Referer(string feedUrl) => Uri.TryCreate(feedUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : null;
}
