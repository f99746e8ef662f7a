using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Manset.Web.Wires;

/// <summary>A pull that failed as a whole; the message is safe to log and show (credentials already removed).</summary>
public class WireFeedException(string message) : Exception(message);

/// <summary>The agency said "too soon" (HTTP 429 or its own words): back off and try later.</summary>
public sealed class WireRateLimitedException(string message, TimeSpan? retryAfter = null) : WireFeedException(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Turns what an agency sent into text and XML without trusting it: the encoding is found from the byte order mark,
/// the XML declaration and the HTTP header, and falls back to windows-1254 (Turkish) when bytes are not the UTF-8
/// they claim; DTDs are refused outright (no external entities, no entity expansion); plain-text and HTML answers
/// are recognised as the agency's error messages.
/// </summary>
public static partial class FeedText
{
    static FeedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")]
    private static partial Regex DeclaredEncoding();

    [GeneratedRegex("""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")]
    private static partial Regex EncodingAttribute();

    public static string Decode(byte[] bytes, string? headerCharset)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Utf8OrTurkish(bytes.AsSpan(3));
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);

        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        var declared = DeclaredEncoding().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
        foreach (var name in new[] { declared, headerCharset })
        {
            if (Find(name) is not { } encoding) continue;
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                if (TryUtf8(bytes, out var text)) return text;
                continue; // claims UTF-8 but is not: try the next hint, then Turkish
            }
            return encoding.GetString(bytes);
        }
        return Utf8OrTurkish(bytes);
    }

    static string Utf8OrTurkish(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1254).GetString(bytes);
        }
    }

    static bool TryUtf8(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"'));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null; // unknown, or known but refused (UTF-7 is disabled in .NET): the next hint, then Turkish
        }
    }

    /// <summary>
    /// Parses agency XML safely. Anything that is not XML (an agency's plain-text or HTML answer) becomes a
    /// <see cref="WireFeedException"/> quoting the start of it, credentials removed.
    /// </summary>
    public static XDocument Parse(string text, Redactor redactor, long maxCharacters)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0) throw new WireFeedException("Ajans boş bir yanıt döndürdü.");
        if (trimmed[0] != '<' || trimmed.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            throw AgencyMessage(text, redactor);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            // The declaration's encoding has been applied already; the reader reads characters.
            using var reader = XmlReader.Create(new StringReader(EncodingAttribute().Replace(text, "$1", 1)), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new WireFeedException("Akış bir DTD (DOCTYPE) içeriyor; dış varlık ve varlık genişletme saldırılarına karşı reddedildi.");
        }
        catch (XmlException e)
        {
            throw new WireFeedException($"Akış geçerli XML değil (satır {e.LineNumber}, sütun {e.LinePosition}): {redactor.Redact(e.Message)}");
        }
    }

    /// <summary>The agency answered with words instead of XML: a rate-limit notice, a rights problem, an error page.</summary>
    public static WireFeedException AgencyMessage(string text, Redactor redactor)
    {
        var words = redactor.Redact(PlainText(text));
        if (words.Length > 240) words = words[..240] + "…";
        var folded = Infrastructure.Turkish.FoldToAscii(words).ToLowerInvariant();
        var aboutRequests = folded.Contains("istek", StringComparison.Ordinal) || folded.Contains("istegi", StringComparison.Ordinal);
        if (aboutRequests && (folded.Contains("sure", StringComparison.Ordinal) || folded.Contains("saniye", StringComparison.Ordinal) || folded.Contains("sik", StringComparison.Ordinal)))
        {
            return new WireRateLimitedException($"Ajans istekleri çok sık buldu: “{words}”");
        }
        return new WireFeedException($"Ajans XML yerine bir metin döndürdü: “{words}”");
    }

    /// <summary>Text of an HTML or plain answer, tags and scripts removed, whitespace collapsed.</summary>
    public static string PlainText(string html)
    {
        if (Infrastructure.HtmlParsing.TryParse(html) is not { } document) return string.Join(' ', Infrastructure.HtmlText.Lines(html));
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList()) element.Remove();
        var text = document.Body?.TextContent ?? document.DocumentElement.TextContent;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
