using System.Net;
using System.Text;

namespace Manset.Web.Infrastructure;

/// <summary>
/// The words of HTML, fast and without parsing: tags become spaces, entities are decoded. For HTML we stored ourselves
/// (sanitized bodies), and for HTML too large to parse (<see cref="HasTooManyTags"/>).
/// </summary>
public static class HtmlText
{
    /// <summary>
    /// The most tags an HTML text may have and still be parsed as HTML. The parser spends time in proportion to the
    /// elements still open (and the formatting elements still active) on every tag, so ten thousand nested tags take
    /// seconds and a hundred thousand take minutes. A long article has a few hundred tags, a big results table a few
    /// thousand; a text with more is read as text.
    /// </summary>
    public const int MaxTags = 10_000;

    /// <summary>
    /// Whether the text has more than <see cref="MaxTags"/> tags, counting every '&lt;' followed by a letter: never
    /// fewer than the start tags a parser would see, whatever comments, attributes or scripts hide them.
    /// </summary>
    public static bool HasTooManyTags(string html)
    {
        var count = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i + 1 < html.Length; i = html.IndexOf('<', i + 1))
        {
            if (char.IsAsciiLetter(html[i + 1]) && ++count > MaxTags) return true;
        }
        return false;
    }

    /// <summary>Tags replaced by spaces (an unclosed '&lt;' stays text), then entities decoded. Linear in the length.</summary>
    public static string Plain(string html)
    {
        var sb = new StringBuilder(html.Length);
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf('<', at);
            var close = open < 0 ? -1 : html.IndexOf('>', open + 1);
            if (close < 0)
            {
                sb.Append(html, at, html.Length - at);
                break;
            }
            sb.Append(html, at, open - at).Append(' ');
            at = close + 1;
        }
        return WebUtility.HtmlDecode(sb.ToString());
    }

    /// <summary>The lines of <see cref="Plain"/> text, whitespace collapsed, empty lines dropped.</summary>
    public static List<string> Lines(string html) =>
        Plain(html).Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0)
            .ToList();
}
