namespace Manset.Web.Media;

/// <summary>Video embeds from known providers, in their privacy-enhanced form, and the provider's own page.</summary>
public static class Embeds
{
    /// <summary>The embed address that sets no tracking cookies before play (youtube-nocookie, Vimeo dnt=1).</summary>
    public static string Private(string embedUrl)
    {
        if (!Uri.TryCreate(embedUrl, UriKind.Absolute, out var uri)) return embedUrl;
        if (uri.Host is "www.youtube.com" or "youtube.com") return "https://www.youtube-nocookie.com" + uri.PathAndQuery;
        if (uri.Host == "player.vimeo.com" && !uri.Query.Contains("dnt=", StringComparison.Ordinal))
            return embedUrl + (uri.Query.Length > 0 ? "&" : "?") + "dnt=1";
        return embedUrl;
    }

    /// <summary>Where the video can be watched without JavaScript: the provider's page.</summary>
    public static string Watch(string embedUrl)
    {
        if (!Uri.TryCreate(embedUrl, UriKind.Absolute, out var uri)) return embedUrl;
        var id = uri.Segments.LastOrDefault()?.Trim('/') ?? "";
        return uri.Host switch
        {
            "www.youtube.com" or "youtube.com" or "www.youtube-nocookie.com" when uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) => "https://www.youtube.com/watch?v=" + id,
            "player.vimeo.com" => "https://vimeo.com/" + id,
            "www.dailymotion.com" when uri.AbsolutePath.StartsWith("/embed/video/", StringComparison.Ordinal) => "https://www.dailymotion.com/video/" + id,
            _ => embedUrl,
        };
    }
}
