using System.Text.RegularExpressions;
using System.Xml.Linq;
using Manset.Data;

namespace Manset.Web.Wires.Adapters;

/// <summary>
/// DHA's subscriber RSS: credentials as the <c>x</c> and <c>y</c> parameters; items with a 32-hex guid, a title that
/// may end in "(Görüntülü Haber)" or "(Geniş Haber)", a description opening with "ŞEHİR, (DHA) - ", a category
/// prefixed "DHA-", a location, and repeated photos and videos.
/// </summary>
public sealed partial class DhaAdapter : IWireAdapter
{
    public string Type => "dha";
    public TimeSpan MinimumSpacing => TimeSpan.FromSeconds(30);
    public TimeSpan CallGap => TimeSpan.Zero;

    [GeneratedRegex(@"\s*\((Görüntülü|Geniş|Foto|Fotoğraflı)\s+Haber\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffix();

    /// <summary>"ESKİŞEHİR, (DHA) - " or "ESKİŞEHİR (DHA) – " at the start of the text.</summary>
    [GeneratedRegex(@"^\s*([\p{Lu}\p{Lt}][\p{L} '’.-]{1,60}?)\s*,?\s*\(DHA\)\s*[-–—]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[\p{Lu}""“])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    public async Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct)
    {
        var source = fetch.Source;
        var url = IhaAdapter.WithQuery(source.Url, ("x", source.UserName), ("y", source.Password));
        var document = Read.Xml(await fetch.Client.GetAsync(url, ct), fetch);
        var channel = document.Root?.Child("channel") ?? throw new WireFeedException("DHA akışında 'channel' yok.");
        var stories = new List<WireStory>();
        var problems = new List<string>();
        foreach (var item in channel.Children("item"))
        {
            try
            {
                stories.Add(ReadItem(item, source.Credit ?? "DHA"));
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }
        return new WireBatch(stories, problems);
    }

    public static WireStory ReadItem(XElement item, string credit)
    {
        var id = item.Text("guid");
        if (id.Length == 0) throw new FormatException("guid olmayan bir DHA haberi atlandı.");
        var title = TitleSuffix().Replace(AgencyText.Clean(item.Text("title")), "");
        if (title.Length == 0) throw new FormatException($"Başlıksız DHA haberi atlandı ({id}).");

        var lines = AgencyText.Lines(item.Text("description"));
        string? datelineCity = null;
        if (lines.Count > 0 && Dateline().Match(lines[0]) is { Success: true } m)
        {
            datelineCity = m.Groups[1].Value.Trim();
            lines[0] = lines[0][m.Length..].Trim();
        }
        string spot;
        List<string> body;
        if (lines.Count > 1)
        {
            spot = lines[0];
            body = lines.Skip(1).ToList();
        }
        else
        {
            var sentences = lines.Count == 0 ? [] : SentenceBreak().Split(lines[0]).ToList();
            spot = sentences.FirstOrDefault() ?? "";
            body = sentences.Count > 1 ? [string.Join(' ', sentences.Skip(1))] : [];
        }

        var media = new List<WireStoryMedia>();
        foreach (var (kind, element) in item.Children("photos").Select(e => (MediaKind.Image, e)).Concat(item.Children("videos").Select(e => (MediaKind.Video, e))))
        {
            var address = (element.Attr("url") ?? element.Value).Trim();
            if (!WireClient.IsWebAddress(address)) continue;
            media.Add(new WireStoryMedia(IhaAdapter.Hash(address), kind, address, Ready: true, Caption: null, Credit: "DHA"));
        }

        var category = item.Text("category");
        if (category.StartsWith("DHA-", StringComparison.OrdinalIgnoreCase)) category = category[4..];
        return new WireStory
        {
            AgencyId = id,
            Title = title,
            Spot = spot,
            BodyHtml = AgencyText.Body(body),
            Categories = category.Length > 0 ? [category] : [],
            City = Read.City(item.Text("location") is { Length: > 0 } location ? location : datelineCity),
            Breaking = title.StartsWith("SON DAKİKA", StringComparison.Ordinal),
            PublishedAt = Read.Instant(item.Text("pubDate")) ?? DateTimeOffset.MinValue,
            Credit = credit,
            Media = media,
        };
    }
}
