using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

public class SlugTests
{
    [Theory]
    [InlineData("Putin Kuzey Kore'de: Kararlı desteği için Kim'e teşekkür etti", "putin-kuzey-korede-kararli-destegi-icin-kime-tesekkur-etti")]
    [InlineData("Karadeniz'de fındık hasadı başladı", "karadenizde-findik-hasadi-basladi")]
    [InlineData("İSTANBUL'DA ŞİDDETLİ YAĞIŞ", "istanbulda-siddetli-yagis")]
    [InlineData("IĞDIR", "igdir")]
    [InlineData("Çocuklar Ödül Aldı; Üniversite Şenliği", "cocuklar-odul-aldi-universite-senligi")]
    [InlineData("Gözlük, göz ve GÖZ", "gozluk-goz-ve-goz")]
    [InlineData("Eskişehirspor’dan 3–0’lık galibiyet!", "eskisehirspordan-3-0lik-galibiyet")]
    [InlineData("  çok   boşluklu -- başlık  ", "cok-bosluklu-baslik")]
    [InlineData("Kâğıt fiyatları ve hâlâ süren kriz", "kagit-fiyatlari-ve-hala-suren-kriz")]
    [InlineData("Café crème à Paris", "cafe-creme-a-paris")]
    [InlineData("%50 zam: 1.250 TL", "50-zam-1-250-tl")]
    public void Transliterates_Turkish_and_drops_apostrophes(string headline, string expected) =>
        Assert.Equal(expected, Slug.From(headline));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ??? ...")]
    [InlineData("Путин")]
    public void Never_empty(string? text) => Assert.Equal("haber", Slug.From(text));

    [Fact]
    public void Long_headlines_are_cut_at_a_word_boundary()
    {
        var headline = string.Join(' ', Enumerable.Repeat("Büyükşehir belediyesinden açıklama", 10));
        var slug = Slug.From(headline);
        Assert.True(slug.Length <= Slug.MaxLength, $"{slug.Length} characters");
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith("buyuksehir-belediyesinden-aciklama-buyuksehir", slug, StringComparison.Ordinal);
        Assert.Contains(slug.Split('-')[^1], new[] { "buyuksehir", "belediyesinden", "aciklama" });
    }

    [Theory]
    [InlineData("Şampiyonluk maçı")]
    [InlineData("Kore'de")]
    [InlineData("a--b")]
    public void Is_idempotent_and_ascii(string text)
    {
        var slug = Slug.From(text);
        Assert.Equal(slug, Slug.From(slug));
        Assert.All(slug, c => Assert.True(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-', $"'{c}' in {slug}"));
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("Dunya", false)]
    [InlineData("dünya", false)]
    [InlineData("-dunya", false)]
    [InlineData("dunya", true)]
    [InlineData("kultur-sanat", true)]
    public void Validates_slugs(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
