using System.Globalization;
using System.Text;
using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Search;

/// <summary>
/// SQLite FTS5: table <c>search_fts</c> (title, spot, body as analysed terms; published as Unix seconds and the
/// category unindexed), rowid = article id. Contentless: it keeps the index and the two unindexed values, not the
/// text (the articles have it). Ranked by bm25 with the column weights, times a recency factor, among the newest
/// matches (<see cref="SearchRanking.Newest"/>).
/// </summary>
public sealed class SqliteSearchIndex(MansetDb db, TimeProvider clock) : ISearchIndex
{
    public async Task UpsertAsync(SearchDocument d, CancellationToken ct)
    {
        var title = SearchText.IndexTerms(d.Title);
        var spot = SearchText.IndexTerms(d.Spot);
        var body = SearchText.IndexTerms(d.BodyText);
        var published = d.PublishedAt.ToUnixTimeSeconds();
        await db.Database.ExecuteSqlAsync($"DELETE FROM search_fts WHERE rowid = {d.ArticleId}", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO search_fts(rowid, title, spot, body, published, category) VALUES ({d.ArticleId}, {title}, {spot}, {body}, {published}, {d.CategoryId})", ct);
    }

    public async Task RemoveAsync(int articleId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM search_fts WHERE rowid = {articleId}", ct);

    public async Task ClearAsync(CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES ('delete-all')", ct);

    public async Task<int> CountAsync(CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM search_fts").SingleAsync(ct);

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var words = SearchText.Words(query.Text);
        if (words.Count == 0) return new SearchResult(0, [], words);
        var match = Match(words);
        var where = new StringBuilder("search_fts MATCH {0}");
        var parameters = new List<object> { match };
        if (query.CategoryIds is { Count: > 0 } ids) where.Append(" AND category IN (").AppendJoin(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))).Append(')');
        if (query.From is { } from) { parameters.Add(from.ToUnixTimeSeconds()); where.Append(" AND published >= {").Append(parameters.Count - 1).Append('}'); }
        if (query.Until is { } until) { parameters.Add(until.ToUnixTimeSeconds()); where.Append(" AND published < {").Append(parameters.Count - 1).Append('}'); }

        // Only our own text goes into the SQL (the terms travel as parameters; category ids are integers).
        var countSql = "SELECT count(*) AS \"Value\" FROM search_fts WHERE " + where;
        var total = await db.Database.SqlQueryRaw<int>(countSql, parameters.ToArray()).SingleAsync(ct);
        if (total == 0) return new SearchResult(0, [], words);

        var newest = Math.Max(SearchRanking.Newest, query.Page * query.Size);
        // FTS5 walks the matches newest first (ids grow with time) and stops after `newest`; bm25 only for those.
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"SELECT rowid AS \"Id\", -bm25(search_fts, {SearchRanking.TitleWeight:0.0}, {SearchRanking.SpotWeight:0.0}, {SearchRanking.BodyWeight:0.0}) AS \"Score\", published AS \"Published\" FROM search_fts WHERE {where} ORDER BY rowid DESC LIMIT {newest}");
        var rows = await db.Database.SqlQueryRaw<Candidate>(sql, parameters.ToArray()).ToListAsync(ct);
        return await SearchRanking.RankAsync(db, rows.Select(r => ((int)r.Id, r.Score, DateTimeOffset.FromUnixTimeSeconds(r.Published))),
            words, query, total, clock.GetUtcNow(), ct);
    }

    /// <summary>FTS5 query: every word (all of them), each as any of its terms or its beginning. Terms are [a-z0-9].</summary>
    static string Match(IReadOnlyList<SearchWord> words) => string.Join(" AND ", words.Select(w =>
        "(" + string.Join(" OR ", w.Terms.Select(t => $"\"{t}\"").Concat(w.Prefixes.Select(p => $"\"{p}\"*"))) + ")"));

    sealed record Candidate(long Id, double Score, long Published);
}
