using System.Net;

namespace Manset.Web.Wires;

/// <summary>
/// Removes a source's credentials from any text before it is logged, stored or shown: agencies echo them back
/// in their error answers, and exception messages may carry the request address.
/// </summary>
public sealed class Redactor
{
    public const string Mask = "•••";
    readonly string[] _secrets;

    public Redactor(IEnumerable<string> secrets)
    {
        _secrets = secrets
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s), WebUtility.UrlEncode(s), WebUtility.HtmlEncode(s) })
            .Where(s => s.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        foreach (var secret in _secrets) text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    /// <summary>
    /// An address as it may be shown: scheme, host, port and path; the query (where İHA puts credentials) and any
    /// "user:password@" dropped.
    /// </summary>
    public static string SafeUrl(string url)
    {
        // Cut before parsing: for schemes without a query (ftp:, file:) the parser would keep "?…" in the path.
        var end = url.AsSpan().IndexOfAny('?', '#');
        return Uri.TryCreate(end < 0 ? url : url[..end], UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(geçersiz adres)";
    }
}
