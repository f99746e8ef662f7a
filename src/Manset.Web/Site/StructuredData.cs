using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Manset.Web.Infrastructure;

namespace Manset.Web.Site;

/// <summary>schema.org JSON-LD for search engines: NewsArticle and BreadcrumbList on article pages.</summary>
public static class StructuredData
{
    /// <summary>Keeps Turkish letters readable while still escaping &lt; &gt; &amp; so the script tag cannot be closed early.</summary>
    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string ForArticle(ArticleView article, IReadOnlyList<CategoryNode> path, SiteChrome chrome)
    {
        var url = chrome.Absolute(article.Url);
        var news = new JsonObject
        {
            ["@type"] = "NewsArticle",
            ["@id"] = url + "#haber",
            ["mainEntityOfPage"] = url,
            ["headline"] = article.Title.Length > 110 ? article.Title[..110] : article.Title,
            ["description"] = article.Spot,
            ["datePublished"] = Turkish.Iso(article.PublishedAt),
            ["dateModified"] = Turkish.Iso(article.EditedAt ?? article.PublishedAt),
            ["inLanguage"] = "tr-TR",
            ["articleSection"] = path.LastOrDefault()?.Name,
            ["keywords"] = new JsonArray(article.Tags.Select(t => (JsonNode?)JsonValue.Create(t.Name)).ToArray()),
            ["author"] = article.Authors.Count > 0
                ? new JsonArray(article.Authors.Select(a => (JsonNode?)new JsonObject
                {
                    ["@type"] = "Person",
                    ["name"] = a.Name,
                    ["url"] = chrome.Absolute(Links.Author(a.Slug)),
                }).ToArray())
                : new JsonArray(new JsonObject { ["@type"] = "Organization", ["name"] = chrome.Name }),
            ["publisher"] = Publisher(chrome),
        };
        if (article.Image is { } image)
        {
            news["image"] = new JsonArray(image.Widths.Where(w => w >= 640).DefaultIfEmpty(image.Widths.LastOrDefault())
                .Select(w => (JsonNode?)chrome.Absolute(image.Src(w))).ToArray());
        }
        if (article.Source is not null) news["sourceOrganization"] = new JsonObject { ["@type"] = "Organization", ["name"] = article.Source };

        var crumbs = new JsonArray();
        var position = 1;
        crumbs.Add(Crumb(position++, "Haber", chrome.Absolute("/")));
        foreach (var c in path) crumbs.Add(Crumb(position++, c.Name, chrome.Absolute(Links.Category(c.Slug))));
        crumbs.Add(Crumb(position, article.Title, url));

        var graph = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(news, new JsonObject { ["@type"] = "BreadcrumbList", ["itemListElement"] = crumbs }),
        };
        return graph.ToJsonString(Json);
    }

    /// <summary>VideoObject for a video page: what Google needs for video results.</summary>
    public static string ForVideo(VideoView video, string description, DateTimeOffset publishedAt, SiteChrome chrome)
    {
        var node = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "VideoObject",
            ["name"] = video.Title,
            ["description"] = description.Length > 0 ? description : video.Title,
            ["uploadDate"] = Turkish.Iso(publishedAt),
            ["inLanguage"] = "tr-TR",
            ["publisher"] = Publisher(chrome),
            ["mainEntityOfPage"] = chrome.Absolute(video.Url),
        };
        if (video.Poster is { } poster) node["thumbnailUrl"] = new JsonArray((JsonNode?)chrome.Absolute(poster.Src(1280)));
        if (video.DurationSeconds > 0) node["duration"] = System.Xml.XmlConvert.ToString(TimeSpan.FromSeconds(video.DurationSeconds));
        if (video.FileKey is not null) node["contentUrl"] = chrome.Absolute(Media.ImageRef.UrlPrefix + video.FileKey);
        if (video.EmbedUrl is not null) node["embedUrl"] = video.EmbedUrl;
        return node.ToJsonString(Json);
    }

    static JsonObject Publisher(SiteChrome chrome) => new()
    {
        ["@type"] = "NewsMediaOrganization",
        ["name"] = chrome.Name,
        ["legalName"] = chrome.Publisher,
        ["url"] = chrome.Absolute("/"),
        ["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = chrome.Absolute("/img/logo.png"), ["width"] = 600, ["height"] = 60 },
    };

    static JsonObject Crumb(int position, string name, string url) => new()
    {
        ["@type"] = "ListItem",
        ["position"] = position,
        ["name"] = name,
        ["item"] = url,
    };
}
