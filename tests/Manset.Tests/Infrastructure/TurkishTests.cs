using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

public class TurkishTests
{
    [Fact]
    public void Date_line_is_tr_TR_in_Istanbul_time()
    {
        var instant = DateTimeOffset.Parse("2024-06-19T08:29:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("19 Haziran 2024 Çarşamba - 11:29", Turkish.DateLine(instant));
    }

    [Theory]
    [InlineData("2024-01-01T00:30:00+03:00", "1 Ocak 2024 Pazartesi - 00:30")]
    [InlineData("2025-02-28T21:05:00Z", "1 Mart 2025 Cumartesi - 00:05")]
    [InlineData("2026-08-30T09:00:00+03:00", "30 Ağustos 2026 Pazar - 09:00")]
    [InlineData("2026-10-29T12:00:00+03:00", "29 Ekim 2026 Perşembe - 12:00")]
    public void Date_line_for_any_offset(string iso, string expected) =>
        Assert.Equal(expected, Turkish.DateLine(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Iso_carries_the_Istanbul_offset() =>
        Assert.Equal("2024-06-19T11:29:00+03:00", Turkish.Iso(DateTimeOffset.Parse("2024-06-19T08:29:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("son dakika", "SON DAKİKA")]
    [InlineData("çok okunanlar", "ÇOK OKUNANLAR")]
    [InlineData("video", "VİDEO")]
    [InlineData("ılık", "ILIK")]
    public void Upper_case_is_Turkish(string text, string expected) => Assert.Equal(expected, Turkish.Upper(text));

    [Theory]
    [InlineData("İSTANBUL", "istanbul")]
    [InlineData("IĞDIR", "ığdır")]
    public void Lower_case_is_Turkish(string text, string expected) => Assert.Equal(expected, Turkish.Lower(text));

    [Theory]
    [InlineData("Iğdır", "igdir")]
    [InlineData("Şampiyonluk", "sampiyonluk")]
    [InlineData("ÇOCUKLAR", "cocuklar")]
    [InlineData("İnanılmaz", "inanilmaz")]
    public void Folds_to_ascii(string text, string expected) => Assert.Equal(expected, Turkish.FoldToAscii(text));

    [Fact]
    public void Sorting_follows_the_Turkish_alphabet()
    {
        var names = new[] { "Zonguldak", "Çorum", "Istanbul", "İzmir", "Şanlıurfa", "Sakarya", "Cide", "Ordu", "Ödemiş" };
        var sorted = names.Order(Turkish.Comparer).ToArray();
        Assert.Equal(new[] { "Cide", "Çorum", "Istanbul", "İzmir", "Ordu", "Ödemiş", "Sakarya", "Şanlıurfa", "Zonguldak" }, sorted);
    }

    [Fact]
    public void Ago_reads_like_a_news_list()
    {
        var now = DateTimeOffset.Parse("2026-11-29T12:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("az önce", Turkish.Ago(now.AddSeconds(-20), now));
        Assert.Equal("12 dakika önce", Turkish.Ago(now.AddMinutes(-12), now));
        Assert.Equal("3 saat önce", Turkish.Ago(now.AddHours(-3), now));
        Assert.Equal("Dün 20:15", Turkish.Ago(DateTimeOffset.Parse("2026-11-28T20:15:00+03:00", System.Globalization.CultureInfo.InvariantCulture), now));
        Assert.Equal("3 Kasım", Turkish.Ago(DateTimeOffset.Parse("2026-11-03T10:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture), now));
        Assert.Equal("3 Kasım 2025", Turkish.Ago(DateTimeOffset.Parse("2025-11-03T10:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture), now));
    }
}
