using System.Globalization;
using System.Text;
using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Search;

/// <summary>
/// PostgreSQL full text: table <c>search_documents</c> with one <c>tsvector</c> of the analysed terms (headline
/// weight A, spot B, body D; the <c>simple</c> configuration, since the Turkish analysis is done already) under a
/// GIN index. Ranked by <c>ts_rank</c> with the weights, times the same recency factor as SQLite.
/// </summary>
public sealed class PostgresSearchIndex(MansetDb db, TimeProvider clock) : ISearchIndex
{
    public async Task UpsertAsync(SearchDocument d, CancellationToken ct)
    {
        var title = SearchText.IndexTerms(d.Title);
        var spot = SearchText.IndexTerms(d.Spot);
        var body = SearchText.IndexTerms(d.BodyText);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_documents (article_id, document, published_at, category_id)
            VALUES ({d.ArticleId}, setweight(to_tsvector('simple', {title}), 'A') || setweight(to_tsvector('simple', {spot}), 'B') || setweight(to_tsvector('simple', {body}), 'D'), {d.PublishedAt.ToUniversalTime()}, {d.CategoryId})
            ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document, published_at = EXCLUDED.published_at, category_id = EXCLUDED.category_id
            """, ct);
    }

    public async Task RemoveAsync(int articleId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM search_documents WHERE article_id = {articleId}", ct);

    public async Task ClearAsync(CancellationToken ct) => await db.Database.ExecuteSqlRawAsync("TRUNCATE search_documents", ct);

    public async Task<int> CountAsync(CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM search_documents").SingleAsync(ct);

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var words = SearchText.Words(query.Text);
        if (words.Count == 0) return new SearchResult(0, [], words);
        var where = new StringBuilder("document @@ to_tsquery('simple', {0})");
        var parameters = new List<object> { TsQuery(words) };
        if (query.CategoryIds is { Count: > 0 } ids) where.Append(" AND category_id IN (").AppendJoin(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))).Append(')');
        if (query.From is { } from) { parameters.Add(from.ToUniversalTime()); where.Append(" AND published_at >= {").Append(parameters.Count - 1).Append('}'); }
        if (query.Until is { } until) { parameters.Add(until.ToUniversalTime()); where.Append(" AND published_at < {").Append(parameters.Count - 1).Append('}'); }

        // Only our own text goes into the SQL (the terms travel as parameters; category ids are integers).
        var countSql = "SELECT count(*)::int AS \"Value\" FROM search_documents WHERE " + where;
        var total = await db.Database.SqlQueryRaw<int>(countSql, parameters.ToArray()).SingleAsync(ct);
        if (total == 0) return new SearchResult(0, [], words);

        var newest = Math.Max(SearchRanking.Newest, query.Page * query.Size);
        // ts_rank's weights are given as {D, C, B, A}; relevance only for the newest matches.
        var weights = string.Create(CultureInfo.InvariantCulture, $"ARRAY[{SearchRanking.BodyWeight / SearchRanking.TitleWeight:0.00},0.0,{SearchRanking.SpotWeight / SearchRanking.TitleWeight:0.00},1.0]");
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"SELECT article_id AS \"Id\", ts_rank({weights}::float4[], document, to_tsquery('simple', {{0}})) AS \"Score\", published_at AS \"Published\" FROM (SELECT article_id, document, published_at FROM search_documents WHERE {where} ORDER BY published_at DESC LIMIT {newest}) AS newest");
        var rows = await db.Database.SqlQueryRaw<Candidate>(sql, parameters.ToArray()).ToListAsync(ct);
        return await SearchRanking.RankAsync(db, rows.Select(r => (r.Id, r.Score, r.Published)), words, query, total, clock.GetUtcNow(), ct);
    }

    /// <summary>Every word, each as any of its terms or its beginning (<c>term:*</c>). Terms are [a-z0-9].</summary>
    static string TsQuery(IReadOnlyList<SearchWord> words) => string.Join(" & ", words.Select(w =>
        "(" + string.Join(" | ", w.Terms.Concat(w.Prefixes.Select(p => p + ":*"))) + ")"));

    sealed record Candidate(int Id, double Score, DateTimeOffset Published);
}
