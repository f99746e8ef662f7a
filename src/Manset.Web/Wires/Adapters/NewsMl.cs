using System.Xml.Linq;
using Manset.Data;

namespace Manset.Web.Wires.Adapters;

/// <summary>
/// Reads NewsML-G2 newsItems (IPTC): guid and version, headline, subjects, the city it is located in, urgency,
/// and the text from inline NITF (AA puts escaped HTML in body.content), inline XHTML or inline data.
/// </summary>
public static class NewsMl
{
    public static IEnumerable<XElement> NewsItems(XDocument document)
    {
        var root = document.Root!;
        return root.Name.LocalName == "newsItem" ? [root] : root.Descendants().Where(e => e.Name.LocalName == "newsItem");
    }

    /// <param name="photoUrl">How a linked picture's residref becomes a download address (AA), or null to use href only.</param>
    public static WireStory ReadItem(XElement item, string credit, Func<string, string?>? photoUrl = null)
    {
        var guid = item.Attr("guid") ?? "";
        if (guid.Length == 0) throw new FormatException("guid olmayan bir NewsML-G2 haberi atlandı.");
        var itemMeta = item.Child("itemMeta");
        var contentMeta = item.Child("contentMeta");
        var nitf = item.Child("contentSet")?.Children("inlineXML").SelectMany(x => x.Elements()).FirstOrDefault(e => e.Name.LocalName == "nitf");
        var head = nitf?.Child("body")?.Child("body.head");

        var title = AgencyText.Clean(contentMeta?.Text("headline"));
        if (title.Length == 0) title = AgencyText.Clean(head?.Child("headline")?.Text("hl1"));
        if (title.Length == 0) throw new FormatException($"Başlıksız NewsML-G2 haberi atlandı ({guid}).");

        var abstractText = head?.Child("abstract")?.Value;
        var description = contentMeta?.Children("description").FirstOrDefault()?.Value;
        var html = Body(item, nitf);
        var spotSource = AgencyText.Lines(abstractText is { Length: > 0 } ? abstractText : description);
        string spot, body;
        if (spotSource.Count > 0)
        {
            // A separate summary: the text keeps its own structure (AA's sub-headings, quotes).
            spot = string.Join(' ', spotSource);
            body = html;
        }
        else
        {
            var lines = AgencyText.Lines(html);
            spot = lines.FirstOrDefault() ?? "";
            body = AgencyText.Body(lines.Skip(lines.Count > 1 ? 1 : 0));
        }

        var categories = new List<string>();
        foreach (var subject in contentMeta?.Children("subject") ?? [])
        {
            var names = subject.Children("name").ToList();
            var name = names.FirstOrDefault(n => n.Attribute(XNamespace.Xml + "lang")?.Value.StartsWith("tr", StringComparison.OrdinalIgnoreCase) == true)
                ?? names.FirstOrDefault();
            if (name is not null && AgencyText.Clean(name.Value) is { Length: > 0 } words) categories.Add(words);
            if (subject.Attr("qcode") is { Length: > 0 } qcode) categories.Add(qcode);
        }
        var city = contentMeta?.Children("located").FirstOrDefault(l => l.Attr("type") is null or "cptype:city")?.Text("name");
        var urgency = int.TryParse(contentMeta?.Text("urgency"), out var u) ? u : 9;
        var published = Read.Instant(contentMeta?.Text("contentCreated")) ?? Read.Instant(itemMeta?.Text("firstCreated"))
            ?? Read.Instant(itemMeta?.Text("versionCreated")) ?? DateTimeOffset.MinValue;

        var media = new List<WireStoryMedia>();
        foreach (var link in itemMeta?.Children("link").Where(l => l.Attr("rel") is "irel:seeAlso" or "irel:associatedWith") ?? [])
        {
            var residref = link.Attr("residref");
            var href = link.Attr("href");
            var isPicture = (residref ?? "").Contains("picture", StringComparison.OrdinalIgnoreCase)
                || link.Attr("contenttype")?.StartsWith("image", StringComparison.OrdinalIgnoreCase) == true;
            if (!isPicture) continue;
            var address = residref is not null && photoUrl?.Invoke(residref) is { } built ? built : href;
            if (address is null || !WireClient.IsWebAddress(address)) continue;
            media.Add(new WireStoryMedia(residref ?? IhaAdapter.Hash(address), MediaKind.Image, address, Ready: true, Caption: null, Credit: credit));
        }

        return new WireStory
        {
            AgencyId = guid,
            Version = item.Attr("version"),
            Title = title,
            Spot = spot,
            BodyHtml = body,
            Categories = categories,
            City = Read.City(city),
            Breaking = urgency <= 2,
            PublishedAt = published,
            Credit = credit,
            Media = media,
        };
    }

    /// <summary>The text as HTML: AA's escaped HTML in body.content, real NITF or XHTML elements, or inline data.</summary>
    static string Body(XElement item, XElement? nitf)
    {
        var content = nitf?.Child("body")?.Child("body.content");
        if (content is not null)
        {
            return content.HasElements ? string.Concat(content.Nodes().Select(n => n.ToString())) : content.Value;
        }
        var inline = item.Child("contentSet")?.Children("inlineXML").SelectMany(x => x.Elements()).FirstOrDefault();
        if (inline?.Name.LocalName == "html") return string.Concat((inline.Child("body") ?? inline).Nodes().Select(n => n.ToString()));
        var data = item.Child("contentSet")?.Child("inlineData")?.Value;
        return data is null ? "" : string.Join("", data.Split('\n').Select(l => "<p>" + System.Net.WebUtility.HtmlEncode(l.Trim()) + "</p>"));
    }
}

/// <summary>NewsML-G2 documents from an address (a newsItem, or a newsMessage carrying several).</summary>
public sealed class NewsMlAdapter : IWireAdapter
{
    public string Type => "newsml";
    public TimeSpan MinimumSpacing => TimeSpan.Zero;
    public TimeSpan CallGap => TimeSpan.Zero;

    public async Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct)
    {
        var document = Read.Xml(await fetch.Client.GetAsync(fetch.Source.Url, ct), fetch);
        var items = NewsMl.NewsItems(document).ToList();
        if (items.Count == 0) throw new WireFeedException("NewsML-G2 belgesinde newsItem yok.");
        var credit = fetch.Source.Credit ?? fetch.Source.Name;
        var stories = new List<WireStory>();
        var problems = new List<string>();
        foreach (var item in items)
        {
            try
            {
                stories.Add(NewsMl.ReadItem(item, credit));
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }
        return new WireBatch(stories, problems);
    }
}
