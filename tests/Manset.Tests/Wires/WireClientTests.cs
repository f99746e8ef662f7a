using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Manset.Web.Wires;

namespace Manset.Tests.Wires;

/// <summary>
/// HTTP toward an agency (<see cref="WireClient"/>): which addresses it fetches, where credentials go, the size limit,
/// the agency's spacing, and the errors it turns a refusal, a timeout or a broken connection into.
/// </summary>
public class WireClientTests
{
    const string Secret = "Gizli-Parola-7";

    [Theory]
    [InlineData("http://ajans.test/rss", true)]
    [InlineData("https://ajans.test/rss?x=1", true)]
    [InlineData("HTTPS://AJANS.TEST/RSS", true)]
    [InlineData("ftp://ajans.test/foto.jpg", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/foto.jpg", false)]
    [InlineData("http://ajans test/foto.jpg", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_absolute_web_addresses_are_fetched(string? url, bool fetched) => Assert.Equal(fetched, WireClient.IsWebAddress(url));

    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(404, false)]
    public void A_response_is_ok_for_2xx_only(int status, bool ok) => Assert.Equal(ok, new WireResponse((HttpStatusCode)status, [], null, null).Ok);

    [Fact]
    public async Task Credentials_go_to_the_agency_s_host_only_with_our_user_agent_and_the_referer_asked_for()
    {
        var server = new Server(_ => Answer(HttpStatusCode.OK, "<rss/>", "application/rss+xml", "windows-1254"));
        var client = server.Client(authorization: new AuthenticationHeaderValue("Basic", "YWJvbmU6cGFyb2xh"), authorizedHost: "AJANS.test");

        var response = await client.GetAsync("http://ajans.test/rss", CancellationToken.None, referer: "https://site.test/haber");
        Assert.True(response.Ok);
        Assert.Equal("<rss/>", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("windows-1254", response.Charset);
        Assert.Equal("application/rss+xml", response.MediaType);
        await client.GetAsync("http://foto.test/1.jpg", CancellationToken.None, referer: "kötü adres");

        var (toAgency, toPhotos) = (server.Requests[0], server.Requests[1]);
        Assert.Equal("Basic YWJvbmU6cGFyb2xh", toAgency.Headers.Authorization?.ToString());
        Assert.Null(toPhotos.Headers.Authorization);
        Assert.Equal("Manset-Ajans/1.0", toAgency.Headers.UserAgent.ToString());
        Assert.Equal(new Uri("https://site.test/haber"), toAgency.Headers.Referrer);
        Assert.Null(toPhotos.Headers.Referrer);

        await server.Client(authorization: new AuthenticationHeaderValue("Basic", "eA==")).GetAsync("http://ajans.test/rss", CancellationToken.None);
        Assert.Null(server.Requests[2].Headers.Authorization); // no host named: nowhere
    }

    [Fact]
    public async Task A_form_is_posted_as_the_agency_expects()
    {
        var server = new Server(_ => Answer(HttpStatusCode.OK, "{}", "application/json"));
        await server.Client().PostFormAsync("http://ajans.test/ara", [new("start_date", "2026-11-29T08:00:00Z"), new("limit", "100")], CancellationToken.None);
        Assert.Equal(HttpMethod.Post, server.Requests[0].Method);
        Assert.Equal("start_date=2026-11-29T08%3A00%3A00Z&limit=100", server.Forms[0]);
    }

    [Fact]
    public async Task An_address_that_is_not_a_web_address_is_a_feed_error_without_a_request()
    {
        var server = new Server(_ => Answer(HttpStatusCode.OK, "", "text/plain"));
        var e = await Assert.ThrowsAsync<WireFeedException>(() => server.Client().GetAsync($"ftp://ajans.test/rss?p={Secret}", CancellationToken.None));
        Assert.Equal("Adres bir web adresi değil (ftp://ajans.test/rss).", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_a_rate_limit_with_the_agency_s_wait()
    {
        var server = new Server(_ =>
        {
            var response = Answer(HttpStatusCode.TooManyRequests, "yavaş", "text/plain");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return response;
        });
        var e = await Assert.ThrowsAsync<WireRateLimitedException>(() => server.Client().GetAsync($"http://ajans.test/rss?UserPassword={Secret}", CancellationToken.None));
        Assert.Equal("Ajans çok sık istek yapıldığını bildirdi (HTTP 429, http://ajans.test/rss).", e.Message);
        Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);

        var bare = new Server(_ => Answer(HttpStatusCode.TooManyRequests, "", "text/plain"));
        Assert.Null((await Assert.ThrowsAsync<WireRateLimitedException>(() => bare.Client().GetAsync("http://ajans.test/rss", CancellationToken.None))).RetryAfter);
    }

    [Fact]
    public async Task An_answer_over_the_limit_is_refused_whether_or_not_it_says_its_length()
    {
        var body = new byte[3 * 1024 * 1024];
        var declared = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        var e = await Assert.ThrowsAsync<WireFeedException>(() => declared.Client(maxBytes: 2 * 1024 * 1024).GetAsync("http://ajans.test/rss?k=1", CancellationToken.None));
        Assert.Equal("Yanıt boyut sınırını (2 MB) aşıyor (http://ajans.test/rss).", e.Message);

        var streamed = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnknownLength(body)) });
        e = await Assert.ThrowsAsync<WireFeedException>(() => streamed.Client(maxBytes: 2 * 1024 * 1024).GetAsync("http://ajans.test/rss", CancellationToken.None));
        Assert.Equal("Yanıt boyut sınırını (2 MB) aşıyor (http://ajans.test/rss).", e.Message);

        // Exactly at the limit is still an answer, declared or not; one byte more in a single read is not.
        var exact = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnknownLength(new byte[1000])) });
        Assert.Equal(1000, (await exact.Client(maxBytes: 1000).GetAsync("http://ajans.test/rss", CancellationToken.None)).Body.Length);
        var exactDeclared = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1000]) });
        Assert.Equal(1000, (await exactDeclared.Client(maxBytes: 1000).GetAsync("http://ajans.test/rss", CancellationToken.None)).Body.Length);
        var oneMore = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnknownLength(new byte[1001])) });
        e = await Assert.ThrowsAsync<WireFeedException>(() => oneMore.Client(maxBytes: 1000).GetAsync("http://ajans.test/rss", CancellationToken.None));
        Assert.StartsWith("Yanıt boyut sınırını", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        var server = new Server(_ =>
        {
            var content = new StreamContent(new Unreadable());
            content.Headers.ContentLength = 2 * 1024 * 1024 + 1;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var e = await Assert.ThrowsAsync<WireFeedException>(() => server.Client(maxBytes: 2 * 1024 * 1024).GetAsync("http://ajans.test/rss", CancellationToken.None));
        Assert.Equal("Yanıt boyut sınırını (2 MB) aşıyor (http://ajans.test/rss).", e.Message);
    }

    [Fact]
    public async Task A_download_gives_the_bytes_or_says_why_not()
    {
        var server = new Server(r => r.RequestUri!.AbsolutePath == "/var.jpg"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) }
            : Answer(HttpStatusCode.NotFound, "yok", "text/plain"));
        var client = server.Client(maxBytes: 1);
        Assert.Equal([1, 2, 3], await client.DownloadAsync("http://foto.test/var.jpg", null, 10, CancellationToken.None));
        var e = await Assert.ThrowsAsync<WireFeedException>(() => client.DownloadAsync("http://foto.test/yok.jpg?imza=abc", null, 10, CancellationToken.None));
        Assert.Equal("İndirilemedi: HTTP 404 (http://foto.test/yok.jpg).", e.Message);
        e = await Assert.ThrowsAsync<WireFeedException>(() => client.DownloadAsync("http://foto.test/var.jpg", null, 2, CancellationToken.None));
        Assert.StartsWith("Yanıt boyut sınırını", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_connection_and_a_timeout_are_feed_errors_without_the_password()
    {
        var broken = new Server(_ => throw new HttpRequestException($"Bağlantı kurulamadı: ajans.test?UserPassword={Secret}"));
        var e = await Assert.ThrowsAsync<WireFeedException>(() => broken.Client().GetAsync($"http://ajans.test/rss?UserPassword={Secret}", CancellationToken.None));
        Assert.Equal($"Ajansa bağlanılamadı (http://ajans.test/rss): Bağlantı kurulamadı: ajans.test?UserPassword={Redactor.Mask}", e.Message);

        var slow = new Server(_ => throw new TaskCanceledException("zaman aşımı"));
        e = await Assert.ThrowsAsync<WireFeedException>(() => slow.Client().GetAsync("http://ajans.test/rss", CancellationToken.None));
        Assert.Equal("Ajans zamanında yanıt vermedi (http://ajans.test/rss).", e.Message);

        // Our own cancellation (the app stopping) stays a cancellation.
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var waiting = new Server(_ => throw new TaskCanceledException());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Client().GetAsync("http://ajans.test/rss", stopping.Token));
    }

    [Fact]
    public async Task Calls_keep_the_agency_s_spacing_and_the_first_does_not_wait()
    {
        var server = new Server(_ => Answer(HttpStatusCode.OK, "", "text/plain"));
        // A gap long enough that a busy machine's slowness cannot pass for it.
        var client = server.Client(gap: TimeSpan.FromSeconds(3));
        var started = TimeProvider.System.GetTimestamp();
        await client.GetAsync("http://ajans.test/1", CancellationToken.None);
        var first = TimeProvider.System.GetElapsedTime(started);
        await client.GetAsync("http://ajans.test/2", CancellationToken.None);
        var second = TimeProvider.System.GetElapsedTime(started);
        Assert.True(first < TimeSpan.FromSeconds(2), $"the first call waited {first.TotalMilliseconds:0} ms");
        Assert.True(second - first >= TimeSpan.FromMilliseconds(2900), $"the second call came {(second - first).TotalMilliseconds:0} ms after the first");
        // Time spent elsewhere counts toward the gap: after 1.5 s, a call waits for the rest only.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        started = TimeProvider.System.GetTimestamp();
        await client.GetAsync("http://ajans.test/3", CancellationToken.None);
        var third = TimeProvider.System.GetElapsedTime(started);
        Assert.True(third >= TimeSpan.FromMilliseconds(1000) && third < TimeSpan.FromMilliseconds(2800), $"the third call waited {third.TotalMilliseconds:0} ms");

        // A failed call counts too: the agency saw it.
        var failing = new Server(_ => Answer(HttpStatusCode.InternalServerError, "", "text/plain"));
        var spaced = failing.Client(gap: TimeSpan.FromMilliseconds(400));
        await spaced.GetAsync("http://ajans.test/1", CancellationToken.None);
        started = TimeProvider.System.GetTimestamp();
        await spaced.GetAsync("http://ajans.test/2", CancellationToken.None);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Redaction_is_case_blind_longest_first_and_covers_html_escapes()
    {
        var redactor = new Redactor(["abc", "abcdef", "Tom&Jerry", ""]);
        Assert.Equal($"x={Redactor.Mask} y={Redactor.Mask}", redactor.Redact("x=ABCDEF y=abc"));
        Assert.Equal($"<p>{Redactor.Mask}</p>", redactor.Redact("<p>Tom&amp;Jerry</p>"));
        Assert.Equal("", redactor.Redact(null));
        Assert.Equal("", redactor.Redact(""));
        Assert.Equal("(geçersiz adres)", Redactor.SafeUrl("ajans.test/rss?p=1"));
        Assert.Equal("https://ajans.test/a/b", Redactor.SafeUrl("https://kullanici:parola@ajans.test/a/b?p=1#x"));
        Assert.Equal("http://ajans.test:8080/rss", Redactor.SafeUrl("http://ajans.test:8080/rss?UserPassword=1"));
        Assert.Equal("file:///etc/passwd", Redactor.SafeUrl("file:///etc/passwd"));
    }

    static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType, string? charset = null)
    {
        var content = new StringContent(body, Encoding.UTF8, mediaType);
        content.Headers.ContentType!.CharSet = charset;
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>A stream that does not know its length, so the client must count as it reads.</summary>
    /// <summary>A body that must not be read.</summary>
    sealed class Unreadable : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the body was read");
        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("the body was read");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => throw new InvalidOperationException("the body was read");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => throw new InvalidOperationException("the body was read");
    }

    sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }

    sealed class Server(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];
        public List<string> Forms { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            Requests.Add(request);
            Forms.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct));
            var response = answer(request);
            response.RequestMessage = request;
            return response;
        }

        public WireClient Client(long maxBytes = 1024 * 1024, TimeSpan gap = default, AuthenticationHeaderValue? authorization = null, string? authorizedHost = null) =>
            new(new HttpClient(this, disposeHandler: false), new Redactor([Secret]), maxBytes, gap, authorization, authorizedHost);
    }
}
