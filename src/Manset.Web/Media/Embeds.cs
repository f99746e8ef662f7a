namespace Manset.Web.Media;

/// <summary>Video embeds from known providers, in their privacy-enhanced form, and the provider's own page.</summary>
public static class Embeds
{
    /// <summary>
    /// Where an embedded frame may point, as host and path prefix (https only): frames in article bodies
    /// (<see cref="Infrastructure.BodySanitizer"/>), the video player's facade, and the Content-Security-Policy's
    /// <c>frame-src</c> (<see cref="Infrastructure.SecurityHeaders"/>), so that what the site keeps is what browsers allow.
    /// </summary>
    public static readonly IReadOnlyList<(string Host, string PathPrefix)> Frames =
    [
        ("www.youtube.com", "/embed/"),
        ("youtube.com", "/embed/"),
        ("www.youtube-nocookie.com", "/embed/"),
        ("player.vimeo.com", "/video/"),
        ("www.dailymotion.com", "/embed/"),
        ("geo.dailymotion.com", "/player"),
        ("www.google.com", "/maps/embed"),
    ];

    /// <summary>Video players the newsroom's Videolar page accepts as a video's embed address (all of them in <see cref="Frames"/>).</summary>
    public static readonly IReadOnlyList<string> VideoHosts = ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com", "www.dailymotion.com"];

    /// <summary>Whether a frame's address is one of <see cref="Frames"/>.</summary>
    public static bool IsAllowedFrame(string? src)
    {
        if (!Uri.TryCreate(src, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return false;
        return Frames.Any(f =>
            string.Equals(uri.Host, f.Host, StringComparison.OrdinalIgnoreCase) &&
            uri.AbsolutePath.StartsWith(f.PathPrefix, StringComparison.Ordinal));
    }

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
