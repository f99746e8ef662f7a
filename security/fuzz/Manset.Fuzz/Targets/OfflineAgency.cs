using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Manset.Web.Wires;
using Manset.Web.Wires.Adapters;

namespace Manset.Fuzz;

/// <summary>
/// Runs a real wire adapter (İHA, DHA, RSS/Atom, NewsML-G2, AA) over bytes given here instead of an agency's
/// answer: the whole read path of a pull (decoding, XML/JSON parsing, items) without a network or a database.
/// </summary>
public static class OfflineAgency
{
    /// <summary>The adapter types, as in <c>Manset:Wires:Sources:N:Type</c>.</summary>
    public static readonly string[] Types = ["iha", "dha", "rss", "newsml", "aa"];

    /// <summary>AA's search answer naming one document, for when the document is what is being tried.</summary>
    public const string AaSearch = """{"response":{"success":true,"message":""},"data":{"result":[{"id":"aa:text:20261129:1","type":"text","group_id":"g-1","date":"2026-11-29T08:10:00Z","title":"Başlık"}]}}""";

    /// <summary>An AA NewsML 2.9 document, for when the search answer is what is being tried.</summary>
    public const string AaDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="aa:text:20261129:1" version="1" standard="NewsML-G2" standardversion="2.9">
          <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-29T08:10:00Z</versionCreated>
            <link rel="irel:seeAlso" residref="aa:picture:20261129:9" contenttype="image/jpeg"/></itemMeta>
          <contentMeta><urgency>4</urgency><contentCreated>2026-11-29T08:10:00Z</contentCreated>
            <located type="cptype:city"><name>Ankara</name></located>
            <subject type="cpnat:abstract" qcode="AAcat:EKO"><name xml:lang="tr">Ekonomi</name></subject>
            <headline>Enflasyon beklentisi açıklandı</headline></contentMeta>
          <contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.head><headline><hl1>Enflasyon beklentisi açıklandı</hl1></headline>
            <abstract>Yıllık beklenti geriledi.</abstract></body.head>
            <body.content>&lt;p&gt;Merkez Bankası'nın anketi.&lt;/p&gt;</body.content></body></nitf></inlineXML></contentSet>
        </newsItem>
        """;

    /// <summary>
    /// Reads <paramref name="body"/> as the given source type would. AA: <paramref name="aaPart"/> says whether the
    /// bytes are the search answer or the document. Returns what the adapter returned; throws what it threw.
    /// </summary>
    public static WireBatch Fetch(string type, byte[] body, string? charset = null, AaPart aaPart = AaPart.Document)
    {
        IWireAdapter adapter = type switch
        {
            "iha" => new IhaAdapter(),
            "dha" => new DhaAdapter(),
            "rss" => new RssAdapter(),
            "newsml" => new NewsMlAdapter(),
            "aa" => new AaAdapter(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown adapter type"),
        };
        var handler = new Answers(request =>
        {
            if (type != "aa") return body;
            var path = request.RequestUri!.AbsolutePath;
            var isSearch = path.EndsWith("/abone/search/", StringComparison.Ordinal);
            return (isSearch, aaPart) switch
            {
                (true, AaPart.Search) or (false, AaPart.Document) => body,
                (true, _) => Encoding.UTF8.GetBytes(AaSearch),
                _ => Encoding.UTF8.GetBytes(AaDocument),
            };
        }, charset);
        using var http = new HttpClient(handler);
        var client = new WireClient(http, new Redactor(["gizli-parola"]), MaxBytes, TimeSpan.Zero);
        var source = new WireSourceOptions { Name = "kaynak", Type = type, Url = "http://ajans.test/akis", UserName = "abone", Password = "gizli-parola", UserCode = "KOD-1" };
        var fetch = new WireFetch(source, client, MaxBytes, DateTimeOffset.UnixEpoch.AddYears(56), null,
            (_, _) => Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>()));
        return adapter.FetchAsync(fetch, CancellationToken.None).GetAwaiter().GetResult();
    }

    public const long MaxBytes = 4 * 1024 * 1024;

    public enum AaPart { Search, Document }

    sealed class Answers(Func<HttpRequestMessage, byte[]> answer, string? charset) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var content = new ByteArrayContent(answer(request));
            content.Headers.ContentType = new MediaTypeHeaderValue(request.RequestUri!.AbsolutePath.EndsWith("/abone/search/", StringComparison.Ordinal) ? "application/json" : "application/xml")
            {
                CharSet = charset,
            };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
