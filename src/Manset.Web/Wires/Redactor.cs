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

    /// <summary>An address as it may be shown: scheme, host and path; the query (where İHA puts credentials) dropped.</summary>
    public static string SafeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(geçersiz adres)";
}
