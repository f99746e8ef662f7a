using System.Net;
using System.Text;
using Manset.Data;
using Manset.Web.Infrastructure;

namespace Manset.Web.Wires;

/// <summary>An agency story as an adapter reads it, before it meets our database.</summary>
public sealed record WireStory
{
    public required string AgencyId { get; init; }
    /// <summary>The agency's version marker, when it gives one (AA document id, İHA update time).</summary>
    public string? Version { get; init; }
    public required string Title { get; init; }
    public string Spot { get; init; } = "";
    /// <summary>HTML (paragraphs and sub-headings); sanitized on ingest.</summary>
    public string BodyHtml { get; init; } = "";
    /// <summary>The agency's category words, most specific first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? City { get; init; }
    public bool Breaking { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public string? Credit { get; init; }
    public IReadOnlyList<WireStoryMedia> Media { get; init; } = [];
}

public sealed record WireStoryMedia(string Key, MediaKind Kind, string Url, bool Ready, string? Caption = null, string? Credit = null, string? PosterUrl = null, int DurationSeconds = 0);

/// <summary>What one fetch brought: the stories, and the items that could not be read (counted as failed).</summary>
public sealed record WireBatch(IReadOnlyList<WireStory> Stories, IReadOnlyList<string> Problems);

/// <summary>Text helpers for agency copy: lines out of HTML-ish descriptions, paragraphs and sub-headings back in.</summary>
public static class AgencyText
{
    static readonly string[] Dangerous = ["script", "style", "noscript", "template", "iframe", "object", "embed", "head", "title", "svg", "math"];
    static readonly string[] Blocks = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"];

    /// <summary>The text lines of an agency description: &lt;br&gt; and block ends break lines; scripts and styles vanish.</summary>
    public static List<string> Lines(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return [];
        if (HtmlParsing.TryParse("<body>" + html + "</body>") is not { } document) return HtmlText.Lines(html);
        var body = document.Body!;
        foreach (var element in body.QuerySelectorAll(string.Join(',', Dangerous)).ToList()) element.Remove();
        foreach (var br in body.QuerySelectorAll("br").ToList()) br.Replace(document.CreateTextNode("\n"));
        foreach (var block in body.QuerySelectorAll(string.Join(',', Blocks)).ToList())
        {
            block.Before(document.CreateTextNode("\n"));
            block.AppendChild(document.CreateTextNode("\n"));
        }
        return body.TextContent.Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0)
            .ToList();
    }

    /// <summary>
    /// Paragraphs, with İHA's convention for sub-headings: a short line wrapped in double quotes becomes an &lt;h2&gt;.
    /// </summary>
    public static string Body(IEnumerable<string> lines)
    {
        var html = new StringBuilder();
        foreach (var line in lines)
        {
            if (SubHeading(line) is { } heading) html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>");
            else html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }
        return html.ToString();
    }

    static string? SubHeading(string line)
    {
        if (line.Length is < 4 or > 140) return null;
        var quoted = (line[0], line[^1]) is ('"', '"') or ('“', '”') or ('”', '”');
        if (!quoted) return null;
        var inner = line[1..^1].Trim();
        return inner.Length > 0 && !inner.Contains('"', StringComparison.Ordinal) ? inner : null;
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word and marked with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>One line: whitespace collapsed, control characters gone.</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : new string(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Where(c => !char.IsControl(c)).ToArray());
}
