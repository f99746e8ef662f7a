using System.Globalization;

namespace Manset.Web.Site;

/// <summary>Paging of a list page: <c>?sayfa=N</c>, page 1 without the parameter.</summary>
public sealed record PagerView(string Path, int Page, int Pages)
{
    public const string Parameter = "sayfa";

    public string Href(int page) => page <= 1 ? Path : $"{Path}{(Path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Parameter}={page.ToString(CultureInfo.InvariantCulture)}";

    public IEnumerable<int> Window()
    {
        var from = Math.Max(1, Page - 3);
        var to = Math.Min(Pages, Page + 3);
        return Enumerable.Range(from, to - from + 1);
    }

    public static int Count(int total, int size) => Math.Max(1, (total + size - 1) / size);

    /// <summary>
    /// How many rows a list need count to draw the pager of <paramref name="page"/>: the pages of its window and one
    /// beyond (the "next" link). A category with a million stories is not counted to the end on every request.
    /// </summary>
    public static int CountLimit(int page, int size) => (int)Math.Min(int.MaxValue, (page + 4L) * size);
}
