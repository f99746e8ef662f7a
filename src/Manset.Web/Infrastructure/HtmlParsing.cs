using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Manset.Web.Infrastructure;

/// <summary>
/// AngleSharp's HTML parser, guarded for HTML from outside (editors, the API, agencies). Two things make a text
/// unparseable for us: too many tags (<see cref="HtmlText.HasTooManyTags"/>: parsing could take minutes) and faults of
/// the parser itself, which throws on some malformed markup instead of repairing it (AngleSharp 1.9 to 1.10.3 throws
/// <see cref="NullReferenceException"/> on <c>&lt;p&gt;&lt;select&gt;&lt;xmp&gt;&lt;/xmp&gt;&lt;select&gt;</c>+newline,
/// found by the sanitizer's property test). Callers then read the text as text (<see cref="HtmlText.Lines"/>): the
/// words are kept, nothing fails.
/// </summary>
public static class HtmlParsing
{
    /// <summary>The parsed document, or null when the text has too many tags or the parser fails on it.</summary>
    public static IHtmlDocument? TryParse(string html)
    {
        if (HtmlText.HasTooManyTags(html)) return null;
        try
        {
            return new HtmlParser().ParseDocument(html);
        }
        catch (Exception e) when (IsParserFault(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether an exception out of the parser is its own fault on the markup (a bug, not a condition of the process
    /// such as running out of memory or a cancellation, which must go on up).
    /// </summary>
    public static bool IsParserFault(Exception e) =>
        e is NullReferenceException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or InvalidCastException;
}
