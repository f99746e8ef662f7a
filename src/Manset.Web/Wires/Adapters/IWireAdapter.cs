using System.Globalization;
using System.Xml.Linq;
using Manset.Web.Infrastructure;

namespace Manset.Web.Wires.Adapters;

/// <summary>One agency's format: fetches a source and reads its items into <see cref="WireStory"/>s.</summary>
public interface IWireAdapter
{
    /// <summary>The <c>Type</c> value in configuration.</summary>
    string Type { get; }

    /// <summary>The agency's own minimum time between two pulls (İHA: 30 s); the configured interval never goes below it.</summary>
    TimeSpan MinimumSpacing { get; }

    /// <summary>The agency's minimum time between two calls within a pull (AA: 500 ms).</summary>
    TimeSpan CallGap { get; }

    Task<WireBatch> FetchAsync(WireFetch fetch, CancellationToken ct);
}

/// <summary>What an adapter gets for one pull.</summary>
public sealed record WireFetch(
    WireSourceOptions Source,
    WireClient Client,
    long MaxCharacters,
    DateTimeOffset Now,
    DateTimeOffset? LastSuccessAt,
    Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, string?>>> KnownVersions);

/// <summary>Reading helpers the adapters share.</summary>
static class Read
{
    /// <summary>The first child element with this local name, whatever its namespace.</summary>
    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static string Text(this XElement element, string localName) => element.Child(localName)?.Value.Trim() ?? "";

    public static string? Attr(this XElement element, string name) => element.Attribute(name)?.Value.Trim();

    /// <summary>An answer that must be XML: non-success statuses and words instead of XML become errors.</summary>
    public static XDocument Xml(WireResponse response, WireFetch fetch)
    {
        var text = FeedText.Decode(response.Body, response.Charset);
        if (!response.Ok)
        {
            var words = fetch.Client.Redactor.Redact(FeedText.PlainText(text));
            if (words.Length > 200) words = words[..200] + "…";
            throw new WireFeedException($"Ajans HTTP {(int)response.Status} döndürdü: “{words}”");
        }
        return FeedText.Parse(text, fetch.Client.Redactor, fetch.MaxCharacters);
    }

    /// <summary>İHA's "19.06.2024 11:29:00", Istanbul time.</summary>
    public static DateTimeOffset? TurkishTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "-") return null;
        string[] formats = ["dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy HH:mm:ss", "d.M.yyyy H:mm:ss"];
        if (!DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return Instant(value);
        return Istanbul(local);
    }

    /// <summary>RFC 822/1123 (RSS), ISO 8601 (Atom, NewsML); without an offset, Istanbul time.</summary>
    public static DateTimeOffset? Instant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            var hasZone = text.EndsWith('Z') || text.Contains("GMT", StringComparison.OrdinalIgnoreCase) || text.Contains("UT", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
            return hasZone ? parsed.ToUniversalTime() : Istanbul(parsed.DateTime);
        }
        return null;
    }

    /// <summary>
    /// A wall-clock time in Istanbul as an instant; null at the very ends of the calendar ("01.01.0001 00:00:00"),
    /// where the instant would fall outside what a <see cref="DateTimeOffset"/> can hold.
    /// </summary>
    static DateTimeOffset? Istanbul(DateTime local)
    {
        var offset = Turkish.TimeZone.GetUtcOffset(local);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return null;
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    /// <summary>"ESKİŞEHİR" → "Eskişehir": agencies often shout city names.</summary>
    public static string? City(string? value)
    {
        var city = AgencyText.Clean(value);
        if (city.Length == 0 || city == "-") return null;
        if (city.Length > 80) city = city[..80];
        return city.Any(char.IsLower) ? city : Turkish.Culture.TextInfo.ToTitleCase(Turkish.Lower(city));
    }
}
