using Manset.Web.Search;

namespace Manset.Tests.Search;

/// <summary>
/// The parts of search that need no index: the words a query stands for, the marks and snippet on the results page,
/// and the ranking's recency, phrase match and paging.
/// </summary>
public sealed class HighlightAndRankingTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Words_are_split_at_non_letters_lower_cased_the_turkish_way_and_cut_at_forty_letters()
    {
        Assert.Equal(["istanbul", "ığdır", "2026", "x1"], SearchText.Split("İSTANBUL, IĞDIR; 2026...x1").ToList());
        Assert.Equal(["kore", "de"], SearchText.Split("Kore'de 'de").ToList());
        Assert.Equal(["ab", "cd"], SearchText.Split("ab`xy cd´").ToList());
        Assert.Equal(["ab", "cd"], SearchText.Split("ab‘xy  cd").ToList());
        Assert.Equal([new string('a', 40)], SearchText.Split(new string('a', 45)).ToList());
        Assert.Empty(SearchText.Split(" - ... "));
        // A combining mark stays in its word.
        Assert.Equal(["e\u0301te"], SearchText.Split("e\u0301te").ToList());
    }

    [Fact]
    public void Short_words_and_numbers_are_their_own_only_term_longer_words_add_their_stems()
    {
        Assert.Equal("ab 2026 10", SearchText.IndexTerms("AB 2026 10"));
        var words = SearchText.Words("Çocukları");
        var word = Assert.Single(words);
        Assert.Equal("cocuklari", word.Folded);
        Assert.Equal("cocuklari", word.Terms[0]);
        Assert.Contains("cocuk", word.Terms);
        Assert.Equal(word.Terms.Distinct().Count(), word.Terms.Count);
        Assert.All(word.Terms, t => Assert.True(t.Length >= 2));
        Assert.Equal(string.Join(' ', word.Terms), SearchText.IndexTerms("Çocukları"));
        Assert.Equal("", SearchText.IndexTerms(" ,. "));
    }

    [Theory]
    [InlineData("belediye", "belediy")]
    [InlineData("parkı", "park")]
    [InlineData("kurul", null)]
    [InlineData("masa", null)]
    [InlineData("okula", "okul")]
    public void Only_words_of_five_letters_or_more_that_end_in_a_vowel_also_match_their_beginning(string query, string? prefix)
    {
        var word = Assert.Single(SearchText.Words(query));
        if (prefix is null) Assert.Empty(word.Prefixes);
        else Assert.Equal([prefix], word.Prefixes);
    }

    [Fact]
    public void A_query_word_matches_its_terms_exactly_and_its_beginning_as_a_prefix()
    {
        var word = new SearchWord("belediye", ["belediye", "beledi"]);
        Assert.True(word.Matches("belediye"));
        Assert.True(word.Matches("beledi"));
        Assert.True(word.Matches("belediyesi"));
        Assert.False(word.Matches("BELEDIYE"));
        Assert.False(word.Matches("beled"));
        var plain = new SearchWord("kurul", ["kurul"]);
        Assert.True(plain.Matches("kurul"));
        Assert.False(plain.Matches("kurulu"));
    }

    [Fact]
    public void Matched_words_are_marked_and_everything_is_html_encoded()
    {
        var query = SearchText.Words("istanbul trafik");
        var html = Highlight.Mark("Istanbul'da <b>trafik</b> & yogunluk", query).ToString();
        Assert.Equal("<mark>Istanbul</mark>&#x27;da &lt;b&gt;<mark>trafik</mark>&lt;/b&gt; &amp; yogunluk", html);
        Assert.Equal("<mark>Trafi&#x11F;i</mark> a&#xE7;t&#x131;", Highlight.Mark("Trafiği açtı", query).ToString());
        Assert.Equal("Ankara", Highlight.Mark("Ankara", query).ToString());
        Assert.Equal("", Highlight.Mark("", query).ToString());
    }

    [Fact]
    public void A_snippet_is_cut_at_spaces_around_the_first_match()
    {
        var query = SearchText.Words("deprem");
        Assert.Null(Highlight.Snippet("Ankara'da toplantı yapıldı", query));
        Assert.Equal("Deprem oldu", Highlight.Snippet("Deprem oldu", query));

        var before = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"söz{i}"));
        var after = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"laf{i}"));
        var text = $"{before} deprem {after}";
        var snippet = Highlight.Snippet(text, query, 60)!;
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        var inner = snippet[1..^1];
        Assert.Contains("deprem", inner);
        Assert.True(inner.Length <= 60, inner);
        // Whole words only: each piece is a word of the text.
        Assert.All(inner.Split(' '), w => Assert.Contains($" {w} ", $" {text} "));
        // A third of the length comes before the match (cut at the next space), the rest after.
        var start = text.IndexOf(inner, StringComparison.Ordinal);
        Assert.InRange(text.IndexOf("deprem", StringComparison.Ordinal) - start, 1, 20);

        // At the start: no leading ellipsis; a short text: none at all.
        var head = Highlight.Snippet($"deprem {after}", query, 30)!;
        Assert.StartsWith("deprem laf1", head);
        Assert.EndsWith("…", head);
        Assert.False(head[..^1].EndsWith(' '));
        Assert.Equal("bir deprem", Highlight.Snippet("bir deprem", query, 30));
    }

    [Fact]
    public void Wherever_the_length_ends_the_snippet_holds_whole_words_and_no_more_than_the_length()
    {
        var query = SearchText.Words("deprem");
        // No word is the beginning of another (each ends in "z"), so a word cut short is not a word of the text.
        var after = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"k{i}z"));
        for (var shift = 0; shift < 12; shift++)
        {
            var text = $"{new string('a', shift + 1)} deprem {after}";
            var snippet = Highlight.Snippet(text, query, 50)!;
            Assert.EndsWith("…", snippet);
            var inner = snippet.TrimStart('…')[..^1];
            Assert.True(inner.Length <= 50, $"{shift}: {inner.Length} > 50: {inner}");
            Assert.StartsWith("deprem", inner.Split(' ').SkipWhile(w => w != "deprem").First());
            Assert.All(inner.Split(' '), w => Assert.Contains($" {w} ", $" {text} "));
            // Cut at the last space within the length: the next word would not have fitted.
            var end = text.IndexOf(inner, StringComparison.Ordinal) + inner.Length;
            var next = text.IndexOf(' ', end + 1);
            Assert.True((next < 0 ? text.Length : next) - text.IndexOf(inner, StringComparison.Ordinal) > 50, $"{shift}: {inner}");
        }
    }

    [Fact]
    public void A_match_near_the_end_keeps_the_text_up_to_its_end()
    {
        var query = SearchText.Words("deprem");
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"söz{i}")) + " büyük deprem";
        var snippet = Highlight.Snippet(text, query, 40)!;
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("büyük deprem", snippet);
        Assert.True(snippet.Length <= 41, snippet);
    }

    [Fact]
    public void Recency_is_two_for_now_one_and_a_half_after_a_week_and_never_more_than_two()
    {
        Assert.Equal(2.0, SearchRanking.Recency(Now, Now), 10);
        Assert.Equal(1.5, SearchRanking.Recency(Now.AddDays(-7), Now), 10);
        Assert.Equal(1.0 + 1.0 / 3.0, SearchRanking.Recency(Now.AddDays(-14), Now), 10);
        Assert.Equal(2.0, SearchRanking.Recency(Now.AddDays(3), Now), 10);
        Assert.True(SearchRanking.Recency(Now.AddYears(-10), Now) is > 1.0 and < 1.01);
    }

    [Theory]
    [InlineData("çocuk parkı", "Yeni Çocuk Parkları açıldı", true)]
    [InlineData("çocuk parkı", "Parkı çocuk doldurdu", false)]
    [InlineData("çocuk parkı", "Çocuk ve parkı", false)]
    [InlineData("çocuk parkı", "Çocuk", false)]
    [InlineData("çocuk parkı", "", false)]
    [InlineData("kuzey kore", "Kuzey Kore'de tatbikat", true)]
    [InlineData("kuzey kore", "tatbikat Kuzey Kore", true)]
    public void A_phrase_is_the_query_words_side_by_side_and_in_order(string query, string text, bool phrase) =>
        Assert.Equal(phrase, SearchRanking.Phrase(text, SearchText.Words(query)));

    [Fact]
    public async Task One_word_queries_rank_by_score_times_recency_and_cut_the_page()
    {
        var words = SearchText.Words("deprem");
        (int, double, DateTimeOffset)[] candidates =
        [
            (1, 1.0, Now.AddYears(-5)),   // ~1.0
            (2, 1.0, Now),                // 2.0
            (3, 1.6, Now.AddDays(-7)),    // 2.4
            (4, 1.0, Now.AddDays(-7)),    // 1.5
            (5, 0.5, Now),                // 1.0
        ];
        // One word: no phrase boost, so no database is read.
        var first = await SearchRanking.RankAsync(null!, candidates, words, new SearchQuery("deprem", null, null, null, 1, 2), 42, Now, CancellationToken.None);
        Assert.Equal(42, first.Total);
        Assert.Equal([3, 2], first.Ids);
        Assert.Same(words, first.Words);
        var second = await SearchRanking.RankAsync(null!, candidates, words, new SearchQuery("deprem", null, null, null, 2, 2), 42, Now, CancellationToken.None);
        Assert.Equal([4, 1], second.Ids);
        var third = await SearchRanking.RankAsync(null!, candidates, words, new SearchQuery("deprem", null, null, null, 3, 2), 42, Now, CancellationToken.None);
        Assert.Equal([5], third.Ids);
    }

    [Fact]
    public async Task Deep_pages_reach_past_the_phrase_window()
    {
        var words = SearchText.Words("deprem");
        var candidates = Enumerable.Range(1, 150).Select(i => (i, (double)(1000 - i), Now));
        var page = await SearchRanking.RankAsync(null!, candidates, words, new SearchQuery("deprem", null, null, null, 12, 10), 150, Now, CancellationToken.None);
        Assert.Equal(Enumerable.Range(111, 10), page.Ids);
    }

    [Fact]
    public async Task The_phrase_boost_keeps_the_order_without_a_phrase_to_look_for()
    {
        List<(int, double)> candidates = [(5, 3.0), (9, 2.0), (1, 1.0)];
        Assert.Equal([5, 9, 1], await SearchRanking.WithPhraseBoostAsync(null!, candidates, SearchText.Words("deprem"), CancellationToken.None));
        Assert.Empty(await SearchRanking.WithPhraseBoostAsync(null!, [], SearchText.Words("büyük deprem"), CancellationToken.None));
    }
}
