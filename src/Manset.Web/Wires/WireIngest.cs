using System.Security.Cryptography;
using System.Text;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

public sealed record IngestResult(int New, int Updated, int Unchanged, int Failed, IReadOnlyList<string> Problems);

/// <summary>
/// Idempotent ingest: a story is keyed by source and agency id, so a repeat changes nothing and an update changes
/// our copy (or flags it when an editor has touched it). Stories go in batches, each batch in one transaction
/// together with the articles a rule publishes from it, so a crash at any point loses and doubles nothing: the
/// next pull finds what was committed and finishes the rest.
/// </summary>
public sealed class WireIngest(
    MansetDb db,
    WireArticles wireArticles,
    ArticleService articles,
    BodySanitizer sanitizer,
    CategoryTree tree,
    TimeProvider clock,
    IOptions<MansetOptions> options,
    ILogger<WireIngest> log)
{
    // Small batches: every save scans what the context tracks, and a batch that publishes writes an article per
    // story (bench/wires.sh: 10,000 published stories in 21 s at 20 per batch, 42 s at 200).
    const int BatchSize = 20;


    public async Task<IngestResult> IngestAsync(WireSourceOptions source, IReadOnlyList<WireStory> stories, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var categories = await tree.GetAsync(ct);
        var rules = await db.WireRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var index = await RecentAsync(now, ct);
        var map = source.CategoryMap.ToDictionary(p => Key(p.Key), p => p.Value, StringComparer.Ordinal);
        int created = 0, updated = 0, unchanged = 0, failed = 0;
        var problems = new List<string>();

        // The same id twice in one feed: the later one is the agency's latest word.
        var unique = stories.GroupBy(s => s.AgencyId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        foreach (var chunk in unique.Chunk(BatchSize))
        {
            var ids = chunk.Select(s => s.AgencyId).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            articles.Defer();
            try
            {
                var existing = await db.WireItems.Include(i => i.Media)
                    .Where(i => i.Source == source.Name && ids.Contains(i.AgencyId))
                    .ToDictionaryAsync(i => i.AgencyId, StringComparer.Ordinal, ct);
                var fresh = new List<WireItem>();
                var toPublish = new List<WireItem>();
                var toUpdate = new List<WireItem>();
                foreach (var story in chunk)
                {
                    Prepared p;
                    try
                    {
                        p = Prepare(story, source, categories, map, now);
                    }
                    catch (FormatException e)
                    {
                        failed++;
                        problems.Add(e.Message);
                        continue;
                    }
                    if (existing.TryGetValue(story.AgencyId, out var item))
                    {
                        if (item.ContentHash == p.Hash)
                        {
                            unchanged++;
                        }
                        else
                        {
                            updated++;
                            Fill(item, p);
                            item.Revision++;
                            item.UpdatedAt = now;
                            if (item.ArticleId is not null) toUpdate.Add(item);
                        }
                        MergeMedia(item, story.Media);
                        // A crash after the item was saved but before its article: finish the job.
                        if (item.ArticleId is null && item.State == WireItemState.New && Publishes(source, item, rules) && !item.AgencyUpdated) toPublish.Add(item);
                    }
                    else
                    {
                        item = new WireItem { Source = source.Name, AgencyId = story.AgencyId, Title = p.Title, ContentHash = p.Hash, ReceivedAt = now, UpdatedAt = now };
                        Fill(item, p);
                        MergeMedia(item, story.Media);
                        db.WireItems.Add(item);
                        fresh.Add(item);
                        created++;
                        if (Publishes(source, item, rules)) toPublish.Add(item);
                    }
                }
                await db.SaveChangesAsync(ct);

                foreach (var item in fresh)
                {
                    item.GroupId = index.GroupOf(item.Signature, item.Id);
                    index.Add(item.Id, item.GroupId, item.Signature);
                }
                // Stored but not published as asked: the item waits on the desk, and the pull counts it as failed.
                foreach (var item in toPublish)
                {
                    if (item.Category is null)
                    {
                        failed++;
                        problems.Add($"{item.AgencyId} yayımlanamadı: kategorisi belirlenemedi ('{item.AgencyCategory}' için CategoryMap yok, DefaultCategory '{source.DefaultCategory}' sitede yok); masada bekliyor.");
                        continue;
                    }
                    var outcome = await wireArticles.CreateAsync(item, publish: true, WireArticles.AgencyActor(item.Credit), ct, item.Media);
                    if (outcome is SaveOutcome.Invalid invalid)
                    {
                        failed++;
                        problems.Add($"{item.AgencyId} yayımlanamadı: {string.Join(" ", invalid.Errors.SelectMany(e => e.Value))}; masada bekliyor.");
                    }
                }
                foreach (var item in toUpdate) await wireArticles.ApplyAgencyUpdateAsync(item, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch
            {
                articles.DiscardDeferred();
                db.ChangeTracker.Clear();
                throw;
            }
            await articles.FlushAsync(ct);
            db.ChangeTracker.Clear();
        }
        if (problems.Count > 0) log.LogWarning("Ajans {Source}: {Count} haber sorunlu; ilki: {First}", source.Name, problems.Count, problems[0]);
        return new IngestResult(created, updated, unchanged, failed, problems);
    }

    sealed record Prepared(string Title, string Spot, string Body, string? AgencyCategory, string? Category, string? City, bool Breaking,
        DateTimeOffset PublishedAt, string Credit, string? Version, string Hash, byte[] Signature);

    Prepared Prepare(WireStory story, WireSourceOptions source, CategorySnapshot categories, Dictionary<string, string> map, DateTimeOffset now)
    {
        var title = AgencyText.Cut(AgencyText.Clean(story.Title), 400);
        if (title.Length == 0) throw new FormatException($"{story.AgencyId}: başlık yok.");
        var spot = AgencyText.Cut(AgencyText.Clean(story.Spot), 4000);
        var body = sanitizer.Sanitize(story.BodyHtml);
        if (body.Length > Limits.BodyMax) throw new FormatException($"{story.AgencyId}: metin {Limits.BodyMax:N0} karakterden uzun.");
        var agencyCategory = story.Categories.Count == 0 ? null : AgencyText.Cut(string.Join(" / ", story.Categories), 200);
        var category = MapCategory(story.Categories, source, categories, map);
        var city = story.City is null ? null : AgencyText.Cut(story.City, 80);
        var published = story.PublishedAt == DateTimeOffset.MinValue || story.PublishedAt > now ? now : story.PublishedAt;
        var credit = AgencyText.Cut(AgencyText.Clean(story.Credit ?? source.Credit ?? source.Name), Limits.SourceMax);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', title, spot, body, agencyCategory, city, story.Breaking ? "1" : "0"))));
        var plain = HtmlText.Plain(body);
        var signature = NearDuplicates.Signature(NearDuplicates.Normalise(title, spot, plain));
        return new Prepared(title, spot, body, agencyCategory, category, city, story.Breaking, published, credit, story.Version, hash, signature);
    }

    static void Fill(WireItem item, Prepared p)
    {
        item.Title = p.Title;
        item.Spot = p.Spot;
        item.Body = p.Body;
        item.AgencyCategory = p.AgencyCategory;
        item.Category = p.Category;
        item.City = p.City;
        item.IsBreaking = p.Breaking;
        item.PublishedAt = p.PublishedAt;
        item.Credit = p.Credit;
        item.AgencyVersion = p.Version;
        item.ContentHash = p.Hash;
        item.Signature = p.Signature;
    }

    /// <summary>New photos and videos are added; one the agency had said was not ready becomes ready to download.</summary>
    static void MergeMedia(WireItem item, IReadOnlyList<WireStoryMedia> media)
    {
        var order = item.Media.Count;
        foreach (var m in media)
        {
            if (m.Url.Length > 2000) continue;
            var key = m.Key.Length > 200 ? m.Key[..200] : m.Key;
            var known = item.Media.Find(x => x.Key == key);
            if (known is null)
            {
                item.Media.Add(new WireMedia
                {
                    Key = key,
                    Kind = m.Kind,
                    Url = m.Url,
                    PosterUrl = m.PosterUrl is { Length: <= 2000 } poster ? poster : null,
                    Caption = m.Caption is null ? null : AgencyText.Cut(m.Caption, Limits.CaptionMax),
                    Credit = m.Credit is null ? null : AgencyText.Cut(m.Credit, Limits.CreditMax),
                    DurationSeconds = m.DurationSeconds,
                    Order = order++,
                    State = m.Ready ? WireMediaState.Pending : WireMediaState.Waiting,
                });
            }
            else if (known.State == WireMediaState.Waiting && m.Ready)
            {
                known.State = WireMediaState.Pending;
                known.Url = m.Url;
                known.Caption ??= m.Caption is null ? null : AgencyText.Cut(m.Caption, Limits.CaptionMax);
            }
        }
    }

    /// <summary>The first matching desk rule decides; without one, the source's mode.</summary>
    public static bool Publishes(WireSourceOptions source, WireItem item, IReadOnlyList<WireRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Source is not null && rule.Source != source.Name) continue;
            if (rule.Category is not null && rule.Category != item.Category) continue;
            if (rule.City is not null && Key(rule.City) != Key(item.City ?? "")) continue;
            return rule.Publish;
        }
        return source.Publish;
    }

    /// <summary>The source's map (agency words → our slug), then a category with the same name, then the default.</summary>
    static string? MapCategory(IReadOnlyList<string> agency, WireSourceOptions source, CategorySnapshot categories, Dictionary<string, string> map)
    {
        foreach (var word in agency)
        {
            if (map.TryGetValue(Key(word), out var slug) && categories.BySlug(slug) is not null) return slug;
        }
        foreach (var word in agency)
        {
            var slug = Slug.From(word, "");
            if (slug.Length > 0 && categories.BySlug(slug) is not null) return slug;
        }
        return source.DefaultCategory is { } fallback && categories.BySlug(fallback) is not null ? fallback : null;
    }

    /// <summary>Comparison key for agency words: Turkish-folded, lower case, trimmed.</summary>
    public static string Key(string text) => Turkish.FoldToAscii(text.Trim());

    async Task<DuplicateIndex> RecentAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddHours(-options.Value.Wires.DuplicateWindowHours);
        var index = new DuplicateIndex();
        await foreach (var row in db.WireItems.AsNoTracking().Where(i => i.ReceivedAt >= since)
            .Select(i => new { i.Id, i.GroupId, i.Signature }).AsAsyncEnumerable().WithCancellation(ct))
        {
            index.Add(row.Id, row.GroupId, row.Signature);
        }
        return index;
    }
}
