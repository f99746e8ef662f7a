using System.Text;
using System.Text.RegularExpressions;
using Manset.Web.Infrastructure;
using Manset.Web.Wires;

namespace Manset.Fuzz;

/// <summary>A promise the code under test broke for some input (as opposed to an input it rightly refused).</summary>
public sealed class InvariantBrokenException(string message) : Exception(message);

/// <summary>
/// The fuzz targets, by name. Each takes any bytes and returns when the code behaved: a wire adapter returned
/// stories or refused the feed with its documented <see cref="WireFeedException"/>; the sanitizer's output is
/// safe; slugs and folded text keep their rules. Anything else escapes as an exception, which afl-fuzz records
/// as a crash and the regression tests (tests/Manset.Tests/Fuzz) replay.
/// </summary>
public static partial class FuzzTargets
{
    // Made on first use, not when the targets are listed: under afl-fuzz, instrumented code (this constructor is)
    // may only run once SharpFuzz has attached the shared coverage map.
    static readonly Lazy<BodySanitizer> LazySanitizer = new(() => new BodySanitizer());

    static BodySanitizer Sanitizer => LazySanitizer.Value;

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["iha"] = input => Wire("iha", input),
        ["dha"] = input => Wire("dha", input),
        ["rss"] = input => Wire("rss", input),
        ["newsml"] = input => Wire("newsml", input),
        ["aa-search"] = input => Wire("aa", input, OfflineAgency.AaPart.Search),
        ["aa-document"] = input => Wire("aa", input, OfflineAgency.AaPart.Document),
        ["sanitizer"] = input => SanitizerPath(Text(input)),
        ["slug"] = input => SlugAndFolding(Text(input)),
    };

    /// <summary>Bytes as the text a form, an API call or an agency would give us (invalid UTF-8 replaced).</summary>
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    public static void Wire(string type, byte[] input, OfflineAgency.AaPart aaPart = OfflineAgency.AaPart.Document)
    {
        WireBatch batch;
        try
        {
            batch = OfflineAgency.Fetch(type, input, null, aaPart);
        }
        catch (WireFeedException)
        {
            return; // the documented way to refuse a feed
        }
        foreach (var story in batch.Stories) Story(story);
    }

    /// <summary>A story as the adapters promise it, taken through what ingest does with it next.</summary>
    public static void Story(WireStory story)
    {
        if (string.IsNullOrWhiteSpace(story.AgencyId)) throw new InvariantBrokenException("a story without an agency id");
        if (string.IsNullOrWhiteSpace(story.Title)) throw new InvariantBrokenException($"{story.AgencyId}: a story without a title");
        foreach (var address in story.Media.SelectMany(m => new[] { m.Url, m.PosterUrl }).OfType<string>())
        {
            // Only web addresses reach the downloader: a file:, ftp: or misspelt scheme must be skipped by the adapter.
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvariantBrokenException($"{story.AgencyId}: media address {address} is not http(s)");
            }
        }
        var title = AgencyText.Cut(AgencyText.Clean(story.Title), 400);
        var body = Sanitizer.Sanitize(story.BodyHtml);
        Safe(body, "wire body");
        SlugRules(Slug.From(title), "haber");
        NearDuplicates.Signature(NearDuplicates.Normalise(title, AgencyText.Cut(AgencyText.Clean(story.Spot), 4000), HtmlText.Plain(body)));
    }

    /// <summary>Article HTML from an editor or the API, and agency copy turned into paragraphs: both come out safe.</summary>
    public static void SanitizerPath(string html)
    {
        Safe(Sanitizer.Sanitize(html), "sanitized body");
        Safe(Sanitizer.Sanitize(AgencyText.Body(AgencyText.Lines(html))), "agency body");
        FeedText.PlainText(html);
    }

    public static void Safe(string html, string what)
    {
        if (HtmlSafety.Violations(html) is { Count: > 0 } violations)
        {
            throw new InvariantBrokenException($"{what} is unsafe: {string.Join("; ", violations)} in {html}");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex WellFormedSlug();

    /// <summary>Slugs are ASCII [a-z0-9-] without stray hyphens, at most 100 long, stable; folding is idempotent.</summary>
    public static void SlugAndFolding(string text)
    {
        SlugRules(Slug.From(text), "haber");
        var bare = Slug.From(text, "");
        if (bare.Length > 0) SlugRules(bare, "");

        var folded = Turkish.FoldToAscii(text);
        var again = Turkish.FoldToAscii(folded);
        if (again != folded) throw new InvariantBrokenException($"folding is not idempotent: \"{text}\" → \"{folded}\" → \"{again}\"");
        if (folded.FirstOrDefault(c => "şğıçöüŞĞİÇÖÜ".Contains(c) || c is >= 'A' and <= 'Z') is var left and not '\0')
        {
            throw new InvariantBrokenException($"folding \"{text}\" left '{left}' in \"{folded}\"");
        }
    }

    static void SlugRules(string slug, string fallback)
    {
        if (!WellFormedSlug().IsMatch(slug)) throw new InvariantBrokenException($"slug \"{slug}\" is not [a-z0-9] words joined by single hyphens");
        if (slug.Length > Slug.MaxLength) throw new InvariantBrokenException($"slug \"{slug}\" is {slug.Length} characters long");
        if (Slug.From(slug, fallback) != slug) throw new InvariantBrokenException($"slug \"{slug}\" is not stable: it becomes \"{Slug.From(slug, fallback)}\"");
        if (!Slug.IsValid(slug)) throw new InvariantBrokenException($"Slug.IsValid refuses its own slug \"{slug}\"");
    }
}
