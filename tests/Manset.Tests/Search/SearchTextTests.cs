using Manset.Web.Search;

namespace Manset.Tests.Search;

/// <summary>Turkish analysis: the same terms for what is written and what is typed.</summary>
public class SearchTextTests
{
    static bool Meets(string query, string text)
    {
        var indexed = SearchText.IndexTerms(text).Split(' ').ToHashSet(StringComparer.Ordinal);
        return SearchText.Words(query).All(w => indexed.Any(w.Matches));
    }

    [Theory]
    [InlineData("İSTANBUL", "İstanbul'da trafik")]
    [InlineData("istanbul", "İstanbul'da trafik")]
    [InlineData("Istanbul", "İstanbul'da trafik")]
    [InlineData("IĞDIR", "Iğdır'da kar")]
    [InlineData("igdir", "Iğdır'da kar")]
    [InlineData("ığdır", "IĞDIR'DA KAR")]
    [InlineData("kore", "Kuzey Kore'de tatbikat")]
    [InlineData("ekonomi", "Ekonomide yeni dönem")]
    [InlineData("kurs", "Yaz kursları başladı")]
    [InlineData("sampiyonluk", "Şampiyonluk kupası")]
    [InlineData("cocuklar", "Çocuklar için park")]
    [InlineData("çocuk", "Çocuklara oyun alanı")]
    [InlineData("belediye", "Belediyesi açıkladı")]
    [InlineData("çocuk parkı", "Çocuk parkları yenilendi")]
    public void A_query_meets_the_text_it_should(string query, string text) => Assert.True(Meets(query, text), $"{query} → {SearchText.IndexTerms(text)}");

    [Theory]
    [InlineData("istanbul", "Ankara'da toplantı")]
    [InlineData("kore", "Korkunç kaza")]
    [InlineData("kurs", "Kur farkı")]
    public void A_query_does_not_meet_an_unrelated_text(string query, string text) => Assert.False(Meets(query, text));

    [Theory]
    [InlineData("evler", "ev")]      // a stem of two letters is a term
    [InlineData("evi", "ev")]        // a word of three letters is stemmed
    [InlineData("kuşlar", "kus")]
    // A word typed with Turkish letters also carries the stem of its ASCII spelling (what a text typed without them gives).
    [InlineData("çocuğa", "cocugu")]
    public void A_word_carries_its_stems(string word, string stem) =>
        Assert.Contains(stem, Assert.Single(SearchText.Words(word)).Terms);

    [Theory]
    [InlineData("ev")]
    [InlineData("2024")]
    public void Words_under_three_letters_and_numbers_are_their_own_only_term(string word) =>
        Assert.Equal([word], Assert.Single(SearchText.Words(word)).Terms);

    [Fact]
    public void Suffixes_after_an_apostrophe_are_dropped_and_terms_are_ascii()
    {
        Assert.Equal(["kore", "pyongyang"], SearchText.Split("Kore'de Pyongyang’da").ToList());
        Assert.Matches("^[a-z0-9 ]+$", SearchText.IndexTerms("Şampiyonluk Iğdır'da İSTANBUL ÇOCUKLARI 2026"));
    }
}
