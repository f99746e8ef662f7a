using System.Net;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Manset.Web.Newsroom;

/// <summary>One row of a side-by-side comparison: the old line, the new line, and how they differ.</summary>
public sealed record DiffRow(string? Old, string? New, string Kind);

/// <summary>Side-by-side text comparison for revisions and refused saves (DiffPlex, line by line).</summary>
public static partial class TextDiff
{
    [GeneratedRegex(@"</(p|h[1-6]|li|blockquote|figcaption|tr|div)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>An article body as the lines a reader reads (one per paragraph, heading, list item…).</summary>
    public static string HtmlToLines(string html)
    {
        var text = BlockEnds().Replace(html, "\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, ""));
        return string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    public static IReadOnlyList<DiffRow> SideBySide(string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
        var rows = new List<DiffRow>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var o = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var n = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            var kind = (o?.Type, n?.Type) switch
            {
                (ChangeType.Unchanged, ChangeType.Unchanged) => "same",
                (ChangeType.Deleted, _) or (_, ChangeType.Inserted) when o?.Type != ChangeType.Modified => o?.Type == ChangeType.Deleted ? "removed" : "added",
                _ => "changed",
            };
            rows.Add(new DiffRow(o?.Type == ChangeType.Imaginary ? null : o?.Text, n?.Type == ChangeType.Imaginary ? null : n?.Text, kind));
        }
        return rows;
    }

    public static bool HasChanges(IReadOnlyList<DiffRow> rows) => rows.Any(r => r.Kind != "same");
}
