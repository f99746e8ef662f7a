namespace Manset.Web.Newsroom;

/// <summary>Two versions side by side, part by part (headline, spot, body).</summary>
public sealed record DiffView(string Left, string Right, IReadOnlyList<(string Label, IReadOnlyList<DiffRow> Rows)> Parts);
