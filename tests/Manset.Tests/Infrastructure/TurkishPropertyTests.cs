using CsCheck;
using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

/// <summary>Folding Turkish text for keys, search and slugs: the Turkish letters become their ASCII bases, and folding twice changes nothing.</summary>
public class TurkishPropertyTests
{
    const string TurkishLetters = "çğıöşüÇĞIİÖŞÜ";
    const string AsciiBases = "cgiosucgiiosu";

    [Fact]
    public void Folding_is_idempotent_for_any_text() =>
        SlugPropertyTests.AnyText.Sample(text =>
        {
            var folded = Turkish.FoldToAscii(text);
            Assert.Equal(folded, Turkish.FoldToAscii(folded));
        }, iter: 5000);

    [Fact]
    public void Folding_leaves_no_Turkish_letter_and_no_capital() =>
        SlugPropertyTests.AnyText.Sample(text =>
        {
            var folded = Turkish.FoldToAscii(text);
            Assert.DoesNotContain(folded, c => TurkishLetters.Contains(c) || c is >= 'A' and <= 'Z');
        }, iter: 5000);

    [Fact]
    public void Each_Turkish_letter_folds_to_its_ASCII_base_in_place() =>
        Gen.Char["abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ0123456789 .,'-"].Array[0, 80].Select(c => new string(c))
            .Sample(text =>
            {
                var expected = new string(text.Select(c => TurkishLetters.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? AsciiBases[i] : char.ToLowerInvariant(c)).ToArray());
                Assert.Equal(expected, Turkish.FoldToAscii(text));
            }, iter: 5000);

    [Theory]
    [InlineData("ş", "s")]
    [InlineData("Ş", "s")]
    [InlineData("ğ", "g")]
    [InlineData("Ğ", "g")]
    [InlineData("ı", "i")]
    [InlineData("I", "i")]
    [InlineData("İ", "i")]
    [InlineData("i", "i")]
    [InlineData("ç", "c")]
    [InlineData("Ç", "c")]
    [InlineData("ö", "o")]
    [InlineData("Ö", "o")]
    [InlineData("ü", "u")]
    [InlineData("Ü", "u")]
    public void The_Turkish_letters(string letter, string ascii) => Assert.Equal(ascii, Turkish.FoldToAscii(letter));
}
