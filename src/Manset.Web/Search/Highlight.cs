using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Manset.Web.Search;

/// <summary>Marks, in original text, the words a query matched (by the same Turkish analysis), HTML-encoded.</summary>
public static class Highlight
{
    public static IHtmlContent Mark(string text, IReadOnlyList<SearchWord> query)
    {
        var html = new StringBuilder(text.Length + 32);
        foreach (var (start, length, matched) in Spans(text, query))
        {
            var piece = HtmlEncoder.Default.Encode(text.Substring(start, length));
            if (matched) html.Append("<mark>").Append(piece).Append("</mark>");
            else html.Append(piece);
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>About <paramref name="length"/> characters of the text around its first match, cut at spaces.</summary>
    public static string? Snippet(string text, IReadOnlyList<SearchWord> query, int length = 220)
    {
        var first = Spans(text, query).FirstOrDefault(s => s.Matched);
        if (!first.Matched) return null;
        var from = Math.Max(0, first.Start - length / 3);
        if (from > 0) from = text.IndexOf(' ', from) is var space and >= 0 && space < first.Start ? space + 1 : from;
        var to = Math.Min(text.Length, from + length);
        if (to < text.Length && text.LastIndexOf(' ', to) is var end and > 0 && end > first.Start) to = end;
        return (from > 0 ? "…" : "") + text[from..to].Trim() + (to < text.Length ? "…" : "");
    }

    static IEnumerable<(int Start, int Length, bool Matched)> Spans(string text, IReadOnlyList<SearchWord> query)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var isWord = char.IsLetterOrDigit(text[i]);
            while (i < text.Length && char.IsLetterOrDigit(text[i]) == isWord) i++;
            if (!isWord)
            {
                yield return (start, i - start, false);
                continue;
            }
            var word = SearchText.Words(text.Substring(start, i - start));
            var matched = word.Count == 1 && query.Any(q => word[0].Terms.Any(q.Matches));
            yield return (start, i - start, matched);
        }
    }
}
