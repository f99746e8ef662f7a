using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Manset.Web.Wires.Adapters;

/// <summary>
/// AA's HAS API: <c>POST {Url}/abone/search/</c> lists recent text items (JSON), <c>GET {Url}/abone/document/{id}/newsml29</c>
/// brings each as NewsML-G2 with the text as escaped HTML in NITF. HTTP Basic authentication; at least 500 ms between
/// calls; "Dosya Bulunamadı" for a missing document; 429 when too fast. A story is keyed by its group, so a new version
/// updates our copy; an unchanged one is not fetched again.
/// </summary>
public sealed class AaAdapter : IWireAdapter
{
    public string Type => "aa";
    public TimeSpan MinimumSpacing => TimeSpan.Zero;
    public TimeSpan CallGap => TimeSpan.FromMilliseconds(500);

    public const int PageSize = 100;

    public static AuthenticationHeaderValue? Authorization(WireSourceOptions source) =>
        source.UserName is null ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{source.UserName}:{source.Password}")));

    public async Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct)
    {
        var api = fetch.Source.Url.TrimEnd('/');
        var since = (fetch.LastSuccessAt ?? fetch.Now.AddHours(-24)).AddMinutes(-10);
        var search = await fetch.Client.PostFormAsync($"{api}/abone/search/",
        [
            new("start_date", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("end_date", fetch.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("filter_type", "1"),
            new("filter_language", "1"),
            new("offset", "0"),
            new("limit", PageSize.ToString(CultureInfo.InvariantCulture)),
        ], ct);
        var results = ReadSearch(search, fetch);

        // group → newest document of the group
        var newest = results.GroupBy(r => r.Group, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.Date).First()).ToList();
        var known = await fetch.KnownVersions(newest.Select(r => r.Group).ToList(), ct);
        var credit = fetch.Source.Credit ?? "AA";
        var stories = new List<WireStory>();
        var problems = new List<string>();
        foreach (var result in newest)
        {
            if (known.TryGetValue(result.Group, out var version) && version == result.Id) continue; // have it
            WireResponse document;
            try
            {
                document = await fetch.Client.GetAsync($"{api}/abone/document/{Uri.EscapeDataString(result.Id)}/newsml29", ct);
            }
            catch (WireRateLimitedException) when (stories.Count > 0)
            {
                problems.Add("AA çok sık istek yapıldığını bildirdi; kalan haberler bir sonraki çekişte gelecek.");
                break;
            }
            var text = FeedText.Decode(document.Body, document.Charset);
            if (!document.Ok || !text.TrimStart().StartsWith('<'))
            {
                var words = fetch.Client.Redactor.Redact(FeedText.PlainText(text));
                problems.Add($"AA belgesi alınamadı ({result.Id}): HTTP {(int)document.Status} “{AgencyText.Cut(words, 120)}”");
                continue;
            }
            try
            {
                var xml = FeedText.Parse(text, fetch.Client.Redactor, fetch.MaxCharacters);
                var item = NewsMl.NewsItems(xml).FirstOrDefault() ?? throw new FormatException($"AA belgesinde newsItem yok ({result.Id}).");
                var story = NewsMl.ReadItem(item, credit, residref => $"{api}/abone/document/{Uri.EscapeDataString(residref)}/web");
                stories.Add(story with { AgencyId = result.Group, Version = result.Id });
            }
            catch (Exception e) when (e is FormatException or WireFeedException)
            {
                problems.Add($"AA belgesi okunamadı ({result.Id}): {e.Message}");
            }
        }
        return new WireBatch(stories, problems);
    }

    sealed record Result(string Id, string Group, DateTimeOffset Date);

    /// <summary>A JSON value as text; empty for a string that is not text (a lone surrogate escaped as "\ud800").</summary>
    static string Text(JsonElement value)
    {
        try
        {
            return value.ToString();
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>
    /// A member of a JSON object; null when there is none, when the value is not an object at all, or when the object
    /// cannot be searched (a name escaping half a surrogate pair, "\ud800", is not text and stops the lookup).
    /// </summary>
    static JsonElement? Member(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e) return null;
        try
        {
            return e.TryGetProperty(name, out var value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    static List<Result> ReadSearch(WireResponse response, WireFetch fetch)
    {
        var text = FeedText.Decode(response.Body, response.Charset);
        if (!response.Ok)
        {
            throw new WireFeedException($"AA araması HTTP {(int)response.Status} döndürdü: “{AgencyText.Cut(fetch.Client.Redactor.Redact(FeedText.PlainText(text)), 200)}”");
        }
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            var root = json.RootElement;
            if (Member(root, "response") is { } status && Member(status, "success") is { ValueKind: JsonValueKind.False })
            {
                var message = Member(status, "message") is { } m ? Text(m) : "";
                throw new WireFeedException($"AA araması başarısız: {fetch.Client.Redactor.Redact(message)}");
            }
            var list = new List<Result>();
            if (Member(Member(root, "data"), "result") is not { ValueKind: JsonValueKind.Array } result)
            {
                throw new WireFeedException("AA araması beklenen biçimde değil: 'data.result' yok.");
            }
            foreach (var entry in result.EnumerateArray())
            {
                var id = Member(entry, "id") is { } i ? Text(i).Trim() : ""; // an id of spaces (a no-break space too) is no id
                var type = Member(entry, "type") is { } t ? Text(t) : "text";
                if (id.Length == 0 || type != "text") continue;
                var group = Member(entry, "group_id") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } g && Text(g).Trim() is { Length: > 0 } gid ? "g:" + gid : id;
                var date = Member(entry, "date") is { } d ? Read.Instant(Text(d)) ?? DateTimeOffset.MinValue : DateTimeOffset.MinValue;
                list.Add(new Result(id, group, date));
            }
            return list;
        }
        catch (JsonException)
        {
            throw FeedText.AgencyMessage(text, fetch.Client.Redactor);
        }
    }
}
