using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;
using Manset.Web.Infrastructure;

namespace Manset.Web.Search;

/// <summary>
/// One word of a text or a query and the index terms it stands for. In a query, some words also match terms they
/// begin (<see cref="Prefixes"/>): Turkish hangs suffixes the stemmer does not always take off.
/// </summary>
public sealed record SearchWord(string Folded, IReadOnlyList<string> Terms)
{
    /// <summary>
    /// The beginning this query word also matches, for words of five letters or more that end in a vowel: the word
    /// without it, where a possessive or case ending hides the stem from the stemmer ("parkı" finds "parkları",
    /// "belediye" "belediyesi"). Words ending in a consonant meet their inflected forms through the stems, and
    /// prefix searches are the expensive part of a query, so they get none.
    /// </summary>
    public IReadOnlyList<string> Prefixes { get; } =
        Folded.Length >= 5 && "aeiou".Contains(Folded[^1], StringComparison.Ordinal) ? [Folded[..^1]] : [];

    /// <summary>Whether an index term stands for this word (exactly, or by one of its beginnings).</summary>
    public bool Matches(string term) =>
        Terms.Contains(term, StringComparer.Ordinal) || Prefixes.Any(p => term.StartsWith(p, StringComparison.Ordinal));
}

/// <summary>
/// Turkish analysis, the same for what is indexed and what is asked, in C# whatever the database: lower-cased the
/// Turkish way (İ→i, I→ı), suffixes after an apostrophe dropped (Kore'de → kore), every word stemmed with the
/// Snowball Turkish stemmer, and every form folded to ASCII so that a reader typing "igdir" or "sampiyonluk" finds
/// "Iğdır" and "Şampiyonluk". A word stands for up to three terms: the folded word, its folded stem, and the stem
/// of its folded form (the stemmer needs Turkish letters to see suffixes; readers often leave them out).
/// </summary>
public static class SearchText
{
    const int MaxWordLength = 40;

    [ThreadStatic] static TurkishStemmer? _stemmer;

    /// <summary>The words of a text in order, with their terms.</summary>
    public static List<SearchWord> Words(string text)
    {
        var words = new List<SearchWord>();
        foreach (var word in Split(text)) words.Add(new SearchWord(Turkish.FoldToAscii(word), Terms(word)));
        return words;
    }

    /// <summary>All index terms of a text, space-separated (ASCII letters and digits only).</summary>
    public static string IndexTerms(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var word in Split(text))
        {
            foreach (var term in Terms(word))
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(term);
            }
        }
        return sb.ToString();
    }

    /// <summary>Lower-cased (tr-TR) words: letters and digits, an apostrophe ends a word and its suffix is dropped.</summary>
    public static IEnumerable<string> Split(string text)
    {
        var lower = Turkish.Lower(text);
        var word = new StringBuilder();
        var inSuffix = false;
        foreach (var c in lower)
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                if (!inSuffix && word.Length < MaxWordLength) word.Append(c);
                continue;
            }
            if (c is '\'' or '’' or '‘' or '`' or '´' && word.Length > 0)
            {
                inSuffix = true; // Kore'de, İstanbul’da: the word is what comes before
                continue;
            }
            if (word.Length > 0) yield return word.ToString();
            word.Clear();
            inSuffix = false;
        }
        if (word.Length > 0) yield return word.ToString();
    }

    static List<string> Terms(string word)
    {
        var folded = Turkish.FoldToAscii(word);
        var terms = new List<string>(3) { folded };
        if (word.Length < 3 || word.All(char.IsDigit)) return terms;
        Add(terms, Turkish.FoldToAscii(Stem(word)));
        if (!string.Equals(folded, word, StringComparison.Ordinal)) Add(terms, Turkish.FoldToAscii(Stem(folded)));
        return terms;

        static void Add(List<string> terms, string term)
        {
            if (term.Length >= 2 && !terms.Contains(term, StringComparer.Ordinal)) terms.Add(term);
        }
    }

    static string Stem(string word)
    {
        var stemmer = _stemmer ??= new TurkishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }
}
