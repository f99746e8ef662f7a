using System.Globalization;
using System.Text;

namespace Manset.Web.Infrastructure;

/// <summary>
/// The product's language rules in one place: the tr-TR culture, the Europe/Istanbul clock,
/// Turkish-aware case changes and the date lines printed on every article.
/// </summary>
public static class Turkish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("tr-TR");

    public static readonly TimeZoneInfo TimeZone = FindIstanbul();

    /// <summary>Upper case under Turkish rules: "son dakika" → "SON DAKİKA".</summary>
    public static string Upper(string text) => text.ToUpper(Culture);

    /// <summary>Lower case under Turkish rules: "IĞDIR" → "ığdır", "İSTANBUL" → "istanbul".</summary>
    public static string Lower(string text) => text.ToLower(Culture);

    public static DateTimeOffset ToIstanbul(DateTimeOffset instant) => System.TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The article date line: "19 Haziran 2024 Çarşamba - 11:29".</summary>
    public static string DateLine(DateTimeOffset instant) =>
        ToIstanbul(instant).ToString("d MMMM yyyy dddd - HH:mm", Culture);

    /// <summary>A date without the time: "19 Haziran 2024".</summary>
    public static string Date(DateTimeOffset instant) => ToIstanbul(instant).ToString("d MMMM yyyy", Culture);

    /// <summary>ISO 8601 with the Istanbul offset, for &lt;time datetime&gt; and JSON-LD.</summary>
    public static string Iso(DateTimeOffset instant) => ToIstanbul(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// How long ago, the way a Turkish news list says it: "az önce", "12 dakika önce", "3 saat önce",
    /// "Dün 14:05", then the date.
    /// </summary>
    public static string Ago(DateTimeOffset instant, DateTimeOffset now)
    {
        var age = now - instant;
        if (age < TimeSpan.FromMinutes(1) && age > TimeSpan.FromMinutes(-5)) return "az önce";
        if (age < TimeSpan.Zero) return DateLine(instant);
        if (age < TimeSpan.FromHours(1)) return $"{(int)age.TotalMinutes} dakika önce";
        var local = ToIstanbul(instant);
        var today = ToIstanbul(now).Date;
        if (age < TimeSpan.FromHours(12) || local.Date == today) return $"{(int)age.TotalHours} saat önce";
        if (local.Date == today.AddDays(-1)) return "Dün " + local.ToString("HH:mm", Culture);
        return local.Year == ToIstanbul(now).Year
            ? local.ToString("d MMMM", Culture)
            : local.ToString("d MMMM yyyy", Culture);
    }

    /// <summary>Compares names the way a Turkish reader sorts them (ç after c, ı before i, ş after s).</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    /// <summary>
    /// Folds Turkish text to plain ASCII lower case for keys and slugs: "Iğdır" → "igdir", "Şampiyonluk" → "sampiyonluk".
    /// Other accented Latin letters lose their marks; letters of other scripts stay as they are (lower case), and
    /// <see cref="Slug"/> drops them. Folding folded text changes nothing.
    /// </summary>
    public static string FoldToAscii(string text)
    {
        var lower = Lower(Normalizable(text));
        var sb = new StringBuilder(lower.Length);
        foreach (var ch in lower.Normalize(NormalizationForm.FormD))
        {
            switch (ch)
            {
                case 'ı': sb.Append('i'); break;
                case 'ş': sb.Append('s'); break;
                case 'ğ': sb.Append('g'); break;
                case 'ç': sb.Append('c'); break;
                case 'ö': sb.Append('o'); break;
                case 'ü': sb.Append('u'); break;
                case 'ß': sb.Append("ss"); break;
                case 'æ': sb.Append("ae"); break;
                case 'ø': sb.Append('o'); break;
                case 'đ': sb.Append('d'); break;
                case 'ł': sb.Append('l'); break;
                default:
                    if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
                    break;
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Unicode normalisation refuses a whole string for half a surrogate pair on its own or for the noncharacter
    /// U+FFFE (which valid UTF-8 such as "%EF%BF%BE" in an address, or "&amp;#xFFFE;" in agency HTML, can carry):
    /// each becomes U+FFFD, the replacement character.
    /// </summary>
    static string Normalizable(string text)
    {
        StringBuilder? repaired = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                repaired?.Append(ch).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(ch) || ch == '\uFFFE')
            {
                repaired ??= new StringBuilder(text.Length).Append(text, 0, i);
                repaired.Append('\uFFFD');
                continue;
            }
            repaired?.Append(ch);
        }
        return repaired?.ToString() ?? text;
    }

    static TimeZoneInfo FindIstanbul()
    {
        try
        {
            return System.TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Without tzdata: Türkiye has kept UTC+3 all year since 2016.
            return System.TimeZoneInfo.CreateCustomTimeZone("Europe/Istanbul", TimeSpan.FromHours(3), "Türkiye", "TRT");
        }
    }
}
