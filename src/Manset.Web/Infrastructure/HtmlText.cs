using System.Net;
using System.Text.RegularExpressions;

namespace Manset.Web.Infrastructure;

/// <summary>The words of HTML we stored ourselves (sanitized bodies), fast: tags become spaces, entities are decoded.</summary>
public static partial class HtmlText
{
    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    public static string Plain(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));
}
