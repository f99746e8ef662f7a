using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Manset.Web.Infrastructure;

namespace Manset.Web.Site;

/// <summary>schema.org JSON-LD for search engines: NewsArticle and BreadcrumbList on article pages, Organization and WebSite
/// (with the search box) on the home page, CollectionPage and BreadcrumbList on category pages, VideoObject on video pages.</summary>
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
        if (article.Image is { Widths.Length: > 0 } image)
        {
            // The three shapes Google's article images ask for, cut around the picture's focal point (Media/ImageCrops).
            news["image"] = new JsonArray(Media.ImageCrops.Shapes
                .Select(s => (JsonNode?)chrome.Absolute(Media.ImageCrops.Url(image.Key, s.Name))).ToArray());
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

    /// <summary>The paper and the site, with the search box (sitelinks search) pointing at /arama.</summary>
    public static string ForHome(SiteChrome chrome, SharedBlocks blocks)
    {
        var organization = Publisher(chrome);
        organization["@id"] = chrome.Absolute("/") + "#yayinci";
        var profiles = SettingKeys.Social.Select(s => blocks.Setting(s.Key)).Where(u => u.StartsWith("https://", StringComparison.Ordinal)).ToArray();
        if (profiles.Length > 0) organization["sameAs"] = new JsonArray(profiles.Select(u => (JsonNode?)u).ToArray());
        var site = new JsonObject
        {
            ["@type"] = "WebSite",
            ["@id"] = chrome.Absolute("/") + "#site",
            ["name"] = chrome.Name,
            ["url"] = chrome.Absolute("/"),
            ["inLanguage"] = "tr-TR",
            ["publisher"] = new JsonObject { ["@id"] = chrome.Absolute("/") + "#yayinci" },
            ["potentialAction"] = new JsonObject
            {
                ["@type"] = "SearchAction",
                ["target"] = chrome.Absolute("/arama") + "?q={search_term_string}",
                ["query-input"] = "required name=search_term_string",
            },
        };
        return new JsonObject { ["@context"] = "https://schema.org", ["@graph"] = new JsonArray(organization, site) }.ToJsonString(Json);
    }

    /// <summary>A category page: the list itself and where it sits in the tree.</summary>
    public static string ForCategory(CategoryNode category, IReadOnlyList<CategoryNode> path, SiteChrome chrome)
    {
        var url = chrome.Absolute(Links.Category(category.Slug));
        var crumbs = new JsonArray { Crumb(1, "Haber", chrome.Absolute("/")) };
        var position = 2;
        foreach (var c in path) crumbs.Add(Crumb(position++, c.Name, chrome.Absolute(Links.Category(c.Slug))));
        var page = new JsonObject
        {
            ["@type"] = "CollectionPage",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = category.Name,
            ["inLanguage"] = "tr-TR",
            ["isPartOf"] = new JsonObject { ["@id"] = chrome.Absolute("/") + "#site" },
        };
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(page, new JsonObject { ["@type"] = "BreadcrumbList", ["itemListElement"] = crumbs }),
        }.ToJsonString(Json);
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
