using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Search;

/// <summary>What the index keeps of a published article: its text by weight, when, and where.</summary>
public sealed record SearchDocument(int ArticleId, string Title, string Spot, string BodyText, DateTimeOffset PublishedAt, int CategoryId);

/// <summary>A reader's question: the words, optional categories (a category and its children) and date range, a page.</summary>
public sealed record SearchQuery(string Text, IReadOnlyCollection<int>? CategoryIds, DateTimeOffset? From, DateTimeOffset? Until, int Page, int Size);

/// <summary>The matching articles' ids in rank order for the page asked, and how many match in all.</summary>
public sealed record SearchResult(int Total, IReadOnlyList<int> Ids, IReadOnlyList<SearchWord> Words);

/// <summary>
/// The search index behind one interface, with two real backends: SQLite FTS5 (the embedded default) and PostgreSQL
/// full text (scale-out). Both index the terms <see cref="SearchText"/> makes, so the Turkish analysis is the same
/// everywhere; they differ only in storage and ranking functions. Writes join the caller's transaction.
/// </summary>
public interface ISearchIndex
{
    Task UpsertAsync(SearchDocument document, CancellationToken ct);
    Task RemoveAsync(int articleId, CancellationToken ct);
    Task ClearAsync(CancellationToken ct);
    Task<int> CountAsync(CancellationToken ct);
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct);
}

/// <summary>Shared by the backends: the ranking's tuning and the candidate window the phrase boost re-ranks.</summary>
public static class SearchRanking
{
    /// <summary>Headline over spot over body.</summary>
    public const double TitleWeight = 10, SpotWeight = 4, BodyWeight = 1;

    /// <summary>A story of today counts up to twice a story of long ago (halved after a week, and so on).</summary>
    public const double RecencyDays = 7;

    /// <summary>How many top candidates the phrase boost may reorder before the page is cut.</summary>
    public const int Window = 100;

    /// <summary>
    /// Relevance is computed for the newest matches only (this many, or more for deep pages): a word found in
    /// 15,000 stories costs the same as one found in 500, and a news reader wants this year's stories first anyway.
    /// Older matches stay reachable by the date filter and by rarer words.
    /// </summary>
    public const int Newest = 500;

    /// <summary>The recency factor: 2 for a story of now, 1.5 after a week, towards 1 for old ones.</summary>
    public static double Recency(DateTimeOffset published, DateTimeOffset now) =>
        1.0 + 1.0 / (1.0 + Math.Max(0, (now - published).TotalDays) / RecencyDays);

    /// <summary>
    /// The ranking both backends share once they have the newest matches with their text scores: times recency,
    /// the best <see cref="Window"/> re-ranked by the phrase boost, and the page cut.
    /// </summary>
    public static async Task<SearchResult> RankAsync(Manset.Data.MansetDb db, IEnumerable<(int Id, double Score, DateTimeOffset Published)> candidates,
        IReadOnlyList<SearchWord> words, SearchQuery query, int total, DateTimeOffset now, CancellationToken ct)
    {
        var skip = (query.Page - 1) * query.Size;
        var scored = candidates.Select(c => (c.Id, Score: c.Score * Recency(c.Published, now)))
            .OrderByDescending(c => c.Score).Take(Math.Max(Window, skip + query.Size)).ToList();
        var ranked = await WithPhraseBoostAsync(db, scored, words, ct);
        return new SearchResult(total, ranked.Skip(skip).Take(query.Size).ToList(), words);
    }

    /// <summary>
    /// Re-ranks the top candidates: the query's words side by side in the headline (then in the spot) lift a story
    /// above those that only contain the words here and there. Reads the candidates' headlines and spots (one query).
    /// </summary>
    public static async Task<List<int>> WithPhraseBoostAsync(Manset.Data.MansetDb db, List<(int Id, double Score)> candidates, IReadOnlyList<SearchWord> words, CancellationToken ct)
    {
        if (words.Count < 2 || candidates.Count == 0) return candidates.Select(c => c.Id).ToList();
        var ids = candidates.Select(c => c.Id).ToList();
        var texts = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.Spot }).ToDictionaryAsync(a => a.Id, ct);
        return candidates
            .Select((c, i) => (c.Id, i, Score: c.Score * (texts.TryGetValue(c.Id, out var t) ? Phrase(t.Title, words) ? 3 : Phrase(t.Spot, words) ? 1.5 : 1 : 1)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.i).Select(c => c.Id).ToList();
    }

    /// <summary>
    /// Whether consecutive words of the text match the query's words in order (folded words against the query's
    /// terms and beginnings: no stemming here, it runs for every candidate).
    /// </summary>
    public static bool Phrase(string text, IReadOnlyList<SearchWord> words)
    {
        var textWords = SearchText.Split(text).Select(Infrastructure.Turkish.FoldToAscii).ToList();
        for (var start = 0; start + words.Count <= textWords.Count; start++)
        {
            var all = true;
            for (var k = 0; k < words.Count && all; k++) all = words[k].Matches(textWords[start + k]);
            if (all) return true;
        }
        return false;
    }
}
