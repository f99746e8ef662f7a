using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// Slugs for any text at all (headlines, tag and author names, agency words): ASCII words joined by single
/// hyphens, at most <see cref="Slug.MaxLength"/> long, stable when slugged again, never empty with a fallback.
/// </summary>
public partial class SlugPropertyTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex WellFormed();

    /// <summary>Headline-like text: Turkish and ASCII letters, digits, punctuation, apostrophes, spaces, and a few strangers.</summary>
    internal static readonly Gen<string> Headline = Gen.Frequency(
            (6, Gen.Char["abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"]),
            (2, Gen.Char["0123456789"]),
            (3, Gen.Char[" -–—_'’‘`´.,;:!?%&/\\()[]\"“”«»\t\n"]),
            (1, Gen.Char["âêîôûÂÎÛéèàäåñßæøđłÆØǅẞ"]),
            (1, Gen.Char["Путинκόσμε漢字🙂\u0301\u0307\u200b\u00ad\u0000"]))
        .Array[0, 140].Select(chars => new string(chars));

    /// <summary>Anything a string can hold, surrogate halves and control characters included.</summary>
    internal static readonly Gen<string> AnyText = Gen.Frequency((3, Headline), (1, Gen.String), (1, Gen.Char.Array[0, 60].Select(c => new string(c))));

    /// <summary>Fallbacks that are slugs themselves, as every caller's are ("haber", "yazar", "video").</summary>
    static readonly Gen<string> Fallback = Gen.OneOf("haber", "yazar", "video", "etiket", "a-1");

    [Fact]
    public void Every_slug_is_ascii_words_joined_by_single_hyphens() =>
        Gen.Select(AnyText, Fallback).Sample((text, fallback) =>
        {
            var slug = Slug.From(text, fallback);
            Assert.Matches(WellFormed(), slug);
            Assert.True(slug.Length <= Slug.MaxLength, $"{slug.Length} characters");
        }, iter: 5000);

    [Fact]
    public void Slugging_a_slug_changes_nothing() =>
        AnyText.Sample(text =>
        {
            var slug = Slug.From(text);
            Assert.Equal(slug, Slug.From(slug));
            Assert.True(Slug.IsValid(slug), slug);
        }, iter: 5000);

    [Fact]
    public void Without_letters_or_digits_the_fallback_is_used_and_otherwise_never() =>
        Gen.Select(AnyText, Fallback).Sample((text, fallback) =>
        {
            var hasWord = Turkish.FoldToAscii(text).Any(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');
            var bare = Slug.From(text, "");
            Assert.Equal(!hasWord, bare.Length == 0);
            Assert.Equal(hasWord ? bare : fallback, Slug.From(text, fallback));
            Assert.NotEmpty(Slug.From(text));
        }, iter: 5000);

    /// <summary>The oracle for Turkish headlines: letter by letter, as a Turkish desk would write the address by hand.</summary>
    static string ByHand(string text)
    {
        const string from = "çğıöşüÇĞIİÖŞÜ", to = "cgiosucgiiosu";
        var sb = new StringBuilder();
        var gap = false;
        foreach (var ch in text)
        {
            if ("'’".Contains(ch)) continue;
            var i = from.IndexOf(ch, StringComparison.Ordinal);
            var c = i >= 0 ? to[i] : char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (gap && sb.Length > 0) sb.Append('-');
                gap = false;
                sb.Append(c);
            }
            else
            {
                gap = true;
            }
        }
        return sb.Length == 0 ? "haber" : sb.ToString();
    }

    [Fact]
    public void Turkish_headlines_are_transliterated_letter_by_letter() =>
        Gen.Frequency((8, Gen.Char["abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ0123456789"]), (2, Gen.Char[" -,.:'’!?"]))
            .Array[0, 60].Select(c => new string(c))
            .Sample(text => Assert.Equal(ByHand(text), Slug.From(text)), iter: 5000);

    [Fact]
    public void Turkish_upper_and_lower_case_give_the_same_slug() =>
        Gen.Char["abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ '"].Array[0, 60].Select(c => new string(c))
            .Sample(text => Assert.Equal(Slug.From(Turkish.Lower(text)), Slug.From(Turkish.Upper(text))), iter: 3000);
}
