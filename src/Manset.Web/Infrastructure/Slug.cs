using System.Text;

namespace Manset.Web.Infrastructure;

/// <summary>
/// URL slugs the way Turkish news sites write them: ASCII, lower case, Turkish letters transliterated
/// (ş→s, ğ→g, ı→i, İ→i, ç→c, ö→o, ü→u), apostrophes dropped without a break ("Kore'de" → "korede"),
/// everything else a single hyphen. Never empty, never longer than <see cref="MaxLength"/>.
/// </summary>
public static class Slug
{
    public const int MaxLength = 100;

    static readonly string Apostrophes = "'’‘`´ʼ′";

    public static string From(string? text, string fallback = "haber")
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var folded = Turkish.FoldToAscii(text);
        var sb = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var ch in folded)
        {
            if (Apostrophes.Contains(ch)) continue;
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(ch);
            }
            else
            {
                pendingHyphen = true;
            }
        }
        var slug = Trim(sb.ToString());
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>Cuts a long slug at a word boundary.</summary>
    static string Trim(string slug)
    {
        if (slug.Length <= MaxLength) return slug;
        var cut = slug.LastIndexOf('-', MaxLength);
        return cut > MaxLength / 2 ? slug[..cut] : slug[..MaxLength].TrimEnd('-');
    }

    /// <summary>True when the text is already a well-formed slug.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && From(slug, "") == slug;
}
