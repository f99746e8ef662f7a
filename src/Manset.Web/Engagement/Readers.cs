using System.Text.RegularExpressions;

namespace Manset.Web.Engagement;

/// <summary>Who is a reader: not a crawler, not a link-preview bot, not a prefetch, not the newsroom.</summary>
public static partial class Readers
{
    [GeneratedRegex(@"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|facebot|embedly|preview|whatsapp|telegram|discord|skype|yandex|baidu|duckduck|petalsearch|headlesschrome|phantomjs|lighthouse|pingdom|uptime|monitor|python-|curl/|wget/|go-http-client|java/|okhttp|libwww|httpclient|axios|node-fetch|scrapy|feedfetcher|rss",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bots();

    public static bool IsBot(string? userAgent) => string.IsNullOrWhiteSpace(userAgent) || userAgent.Length > 1000 || Bots().IsMatch(userAgent);

    /// <summary>True for a real reader's page view: a browser, not prefetching or prerendering, not signed in to the newsroom.</summary>
    public static bool IsReaderView(HttpRequest request)
    {
        if (IsBot(request.Headers.UserAgent)) return false;
        var purpose = request.Headers["Sec-Purpose"].ToString() + request.Headers["Purpose"].ToString() + request.Headers["X-Moz"].ToString();
        if (purpose.Contains("prefetch", StringComparison.OrdinalIgnoreCase) || purpose.Contains("prerender", StringComparison.OrdinalIgnoreCase)) return false;
        if (request.Cookies.ContainsKey(".Manset.Oturum")) return false;
        return true;
    }

    /// <summary>
    /// True when a state-changing request comes from our own pages: Sec-Fetch-Site same-origin, or, from browsers
    /// that do not send it, an Origin (or failing that a Referer) on this host.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) origin = request.Headers.Referer.ToString();
        if (origin.Length == 0 || origin == "null") return false;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
