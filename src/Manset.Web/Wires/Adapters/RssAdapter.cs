using System.Xml.Linq;
using Manset.Data;

namespace Manset.Web.Wires.Adapters;

/// <summary>
/// Any site's RSS 2.0 or Atom feed: the full text from content:encoded (or Atom content), the spot from the
/// description or summary, photos and videos from enclosures and Media RSS, the credit from the feed's own title.
/// </summary>
public sealed class RssAdapter : IWireAdapter
{
    public string Type => "rss";
    public TimeSpan MinimumSpacing => TimeSpan.Zero;
    public TimeSpan CallGap => TimeSpan.Zero;

    public async Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct)
    {
        var document = Read.Xml(await fetch.Client.GetAsync(fetch.Source.Url, ct), fetch);
        var root = document.Root!;
        var atom = root.Name.LocalName == "feed";
        var channel = atom ? root : root.Child("channel") ?? throw new WireFeedException("Akış ne RSS 2.0 ne Atom: 'channel' ya da 'feed' yok.");
        var credit = fetch.Source.Credit ?? AgencyText.Cut(AgencyText.Clean(channel.Text("title")), 40);
        if (credit.Length == 0) credit = fetch.Source.Name;
        var stories = new List<WireStory>();
        var problems = new List<string>();
        foreach (var item in channel.Children(atom ? "entry" : "item"))
        {
            try
            {
                stories.Add(atom ? ReadEntry(item, credit) : ReadItem(item, credit));
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }
        return new WireBatch(stories, problems);
    }

    static WireStory ReadItem(XElement item, string credit)
    {
        var title = AgencyText.Clean(FeedText.PlainText(item.Text("title")));
        if (title.Length == 0) throw new FormatException("Başlıksız bir haber atlandı.");
        var link = item.Text("link");
        var published = item.Text("pubDate") is { Length: > 0 } pub ? pub : item.Text("date");
        var id = item.Text("guid") is { Length: > 0 } guid ? guid : link.Length > 0 ? link : IhaAdapter.Hash(title + published);
        var description = item.Text("description");
        var content = item.Children("encoded").FirstOrDefault()?.Value ?? "";
        return Story(id, title, description, content, item.Children("category").Select(c => c.Value), published, credit, Media(item));
    }

    static WireStory ReadEntry(XElement entry, string credit)
    {
        var title = AgencyText.Clean(FeedText.PlainText(entry.Text("title")));
        if (title.Length == 0) throw new FormatException("Başlıksız bir haber atlandı.");
        var link = entry.Children("link").FirstOrDefault(l => l.Attr("rel") is null or "alternate")?.Attr("href") ?? "";
        var published = entry.Text("published") is { Length: > 0 } p ? p : entry.Text("updated");
        var id = entry.Text("id") is { Length: > 0 } given ? given : link.Length > 0 ? link : IhaAdapter.Hash(title + published);
        var media = Media(entry).Concat(entry.Children("link")
            .Where(l => l.Attr("rel") == "enclosure" && l.Attr("href") is { Length: > 0 })
            .Select(l => MediaFor(l.Attr("href")!, l.Attr("type"), null, null))
            .OfType<WireStoryMedia>()).ToList();
        return Story(id, title, entry.Text("summary"), entry.Text("content"), entry.Children("category").Select(c => c.Attr("term") ?? c.Value), published, credit, media) with
        {
            Version = entry.Text("updated") is { Length: > 0 } updated ? updated : null,
        };
    }

    static WireStory Story(string id, string title, string description, string content, IEnumerable<string> categories, string published, string credit, List<WireStoryMedia> media)
    {
        var spotLines = AgencyText.Lines(description);
        var spot = string.Join(' ', spotLines);
        var body = content.Length > 0 ? content : AgencyText.Body(spotLines.Skip(1));
        if (content.Length == 0 && spotLines.Count > 1) spot = spotLines[0];
        return new WireStory
        {
            AgencyId = id.Length > 200 ? IhaAdapter.Hash(id) : id,
            Title = title,
            Spot = spot,
            BodyHtml = body,
            Categories = categories.Select(AgencyText.Clean).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            PublishedAt = Read.Instant(published) ?? DateTimeOffset.MinValue,
            Credit = credit,
            Media = media,
        };
    }

    /// <summary>Enclosures and Media RSS (media:content, media:group, media:thumbnail as a last resort).</summary>
    static List<WireStoryMedia> Media(XElement item)
    {
        var found = new List<WireStoryMedia>();
        foreach (var enclosure in item.Children("enclosure"))
        {
            if (MediaFor(enclosure.Attr("url"), enclosure.Attr("type"), null, null) is { } m) found.Add(m);
        }
        var contents = item.Children("content").Concat(item.Children("group").SelectMany(g => g.Children("content")));
        foreach (var content in contents.Where(c => c.Attr("url") is not null))
        {
            // A media:group's description covers its contents; an item's own description is the story's spot, not a caption.
            var group = content.Parent is { Name.LocalName: "group" } g ? g : null;
            var caption = content.Child("description")?.Value ?? group?.Child("description")?.Value;
            var credit = content.Child("credit")?.Value;
            if (MediaFor(content.Attr("url"), content.Attr("type") ?? content.Attr("medium"), caption, credit) is { } m) found.Add(m);
        }
        if (found.Count == 0 && item.Children("thumbnail").FirstOrDefault()?.Attr("url") is { } thumbnail && MediaFor(thumbnail, "image", null, null) is { } t)
        {
            found.Add(t);
        }
        return found.GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    static WireStoryMedia? MediaFor(string? url, string? type, string? caption, string? credit)
    {
        if (url is null || !WireClient.IsWebAddress(url)) return null;
        var kind = type switch
        {
            not null when type.StartsWith("image", StringComparison.OrdinalIgnoreCase) => MediaKind.Image,
            not null when type.StartsWith("video", StringComparison.OrdinalIgnoreCase) => MediaKind.Video,
            _ => (MediaKind?)null,
        };
        if (kind is null)
        {
            var path = new Uri(url).AbsolutePath;
            kind = path.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".webm", StringComparison.OrdinalIgnoreCase) ? MediaKind.Video
                : path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
                  || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".webp", StringComparison.OrdinalIgnoreCase) ? MediaKind.Image
                : null;
        }
        return kind is { } k
            ? new WireStoryMedia(IhaAdapter.Hash(url), k, url, Ready: true, AgencyText.Clean(caption) is { Length: > 0 } c ? c : null, AgencyText.Clean(credit) is { Length: > 0 } cr ? cr : null)
            : null;
    }
}
