using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Search;

/// <summary>
/// Keeps the index in step with the articles: what readers may see is indexed, everything else is not.
/// <see cref="Publishing.ArticleService"/> calls <see cref="FollowAsync"/> after every write (publish, edit,
/// unpublish, delete, scheduled publishing), inside the same transaction; <c>reindex</c> rebuilds it all.
/// </summary>
public sealed class SearchIndexer(MansetDb db, ISearchIndex index, ILogger<SearchIndexer> log)
{
    public async Task FollowAsync(Article article, CancellationToken ct)
    {
        if (article.Status == ArticleStatus.Published && article.PublishedAt is { } published)
        {
            await index.UpsertAsync(new SearchDocument(article.Id, article.Title, article.Spot, HtmlText.Plain(article.Body), published, article.CategoryId), ct);
        }
        else
        {
            await index.RemoveAsync(article.Id, ct);
        }
    }

    /// <summary>Empties the index and indexes every published article, in batches; reports (done, total).</summary>
    public async Task<int> RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);
        var total = await published.CountAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await index.ClearAsync(ct);
        var done = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await published.Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(500)
                .Select(a => new SearchDocument(a.Id, a.Title, a.Spot, a.Body, a.PublishedAt!.Value, a.CategoryId)).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var document in batch) await index.UpsertAsync(document with { BodyText = HtmlText.Plain(document.BodyText) }, ct);
            lastId = batch[^1].ArticleId;
            done += batch.Count;
            progress?.Report((done, total));
        }
        await transaction.CommitAsync(ct);
        log.LogInformation("Arama dizini yeniden kuruldu: {Count} haber.", done);
        return done;
    }

    /// <summary>At start: an index that is empty while articles are published (first start, upgrade) is built.</summary>
    public async Task EnsureBuiltAsync(CancellationToken ct)
    {
        if (await index.CountAsync(ct) > 0) return;
        if (!await db.Articles.AnyAsync(a => a.Status == ArticleStatus.Published, ct)) return;
        log.LogInformation("Arama dizini boş: yayımlanmış haberler dizine ekleniyor…");
        await RebuildAsync(null, ct);
    }
}
