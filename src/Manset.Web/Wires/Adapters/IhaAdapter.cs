using System.Xml.Linq;
using Manset.Data;

namespace Manset.Web.Wires.Adapters;

/// <summary>
/// İHA's subscriber RSS: credentials as query parameters, one <c>item</c> per story with İHA's own elements
/// (HaberKodu, Sehir, Kategori, UstKategori, SonDakika, images, videos, Aciklamalar). At least 30 s between
/// requests; asked sooner, İHA answers with a Turkish sentence instead of XML.
/// </summary>
public sealed class IhaAdapter : IWireAdapter
{
    public string Type => "iha";
    public TimeSpan MinimumSpacing => TimeSpan.FromSeconds(30);
    public TimeSpan CallGap => TimeSpan.Zero;

    public async Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct)
    {
        var source = fetch.Source;
        var url = WithQuery(source.Url, ("UserCode", source.UserCode), ("UserName", source.UserName), ("UserPassword", source.Password));
        var document = Read.Xml(await fetch.Client.GetAsync(url, ct), fetch);
        var channel = document.Root?.Child("channel") ?? throw new WireFeedException("İHA akışında 'channel' yok.");
        var stories = new List<WireStory>();
        var problems = new List<string>();
        foreach (var item in channel.Children("item"))
        {
            try
            {
                stories.Add(ReadItem(item, source.Credit ?? "İHA"));
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
        var id = item.Text("HaberKodu");
        if (id.Length == 0) throw new FormatException("HaberKodu olmayan bir İHA haberi atlandı.");
        var title = AgencyText.Clean(item.Text("title"));
        if (title.Length == 0) throw new FormatException($"Başlıksız İHA haberi atlandı ({id}).");
        var lines = AgencyText.Lines(item.Text("description"));
        var captions = item.Child("Aciklamalar")?.Children("Aciklama")
            .Where(a => a.Attr("ResimKodu") is { Length: > 0 })
            .GroupBy(a => a.Attr("ResimKodu")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => AgencyText.Clean(g.First().Value), StringComparer.Ordinal) ?? [];

        var media = new List<WireStoryMedia>();
        foreach (var image in item.Child("images")?.Children("image") ?? [])
        {
            var address = image.Value.Trim();
            if (!WireClient.IsWebAddress(address)) continue;
            var key = image.Attr("ResimKodu") is { Length: > 0 } code ? code : Hash(address);
            var ready = !long.TryParse(image.Attr("filesize"), out var size) || size > 0;
            media.Add(new WireStoryMedia(key, MediaKind.Image, address, ready, captions.GetValueOrDefault(key), "İHA"));
        }
        foreach (var video in item.Child("videos")?.Children("video") ?? [])
        {
            if (video.Child("path_video") is not { } file) continue;
            var address = file.Value.Trim();
            if (!WireClient.IsWebAddress(address)) continue;
            var ready = !long.TryParse(file.Attr("filesize"), out var size) || size > 0;
            _ = int.TryParse(file.Attr("duration"), out var seconds);
            var poster = video.Text("path_poster");
            media.Add(new WireStoryMedia(Hash(address), MediaKind.Video, address, ready, AgencyText.Clean(video.Text("Aciklama")), "İHA",
                WireClient.IsWebAddress(poster) ? poster : null, seconds));
        }

        return new WireStory
        {
            AgencyId = id,
            Version = item.Text("SonHaberGuncellenmeTarihi") is { Length: > 1 } updated ? updated : null,
            Title = title,
            Spot = lines.Count > 0 ? lines[0] : "",
            BodyHtml = AgencyText.Body(lines.Skip(1)),
            Categories = new[] { item.Text("Kategori"), item.Text("UstKategori") }.Where(c => c.Length > 0).ToList(),
            City = Read.City(item.Text("Sehir")),
            Breaking = string.Equals(item.Text("SonDakika"), "Evet", StringComparison.OrdinalIgnoreCase),
            PublishedAt = Read.TurkishTime(item.Text("pubDate")) ?? DateTimeOffset.MinValue,
            Credit = credit,
            Media = media,
        };
    }

    public static string WithQuery(string url, params (string Name, string? Value)[] parameters)
    {
        var builder = new UriBuilder(url);
        var query = builder.Query.TrimStart('?');
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value)) continue;
            query += (query.Length > 0 ? "&" : "") + name + "=" + Uri.EscapeDataString(value);
        }
        builder.Query = query;
        // AbsoluteUri keeps the escapes: Uri.ToString() would turn a password's "%20" back into a space, and the
        // address would no longer be one the client fetches.
        return builder.Uri.AbsoluteUri;
    }

    public static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
}
