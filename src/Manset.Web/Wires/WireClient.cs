using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;

namespace Manset.Web.Wires;

/// <summary>An agency's answer, read in full but never beyond the size limit.</summary>
public sealed record WireResponse(HttpStatusCode Status, byte[] Body, string? Charset, string? MediaType)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>
/// HTTP toward one agency during one pull: a timeout per request, a size limit on every answer, the agency's
/// spacing between calls (AA: 500 ms), 429 as a rate-limit signal, and errors that never carry credentials.
/// The spacing is real elapsed time toward the agency, so it uses the system clock whatever the app's clock is.
/// </summary>
public sealed class WireClient(HttpClient http, Redactor redactor, long maxBytes, TimeSpan gap, AuthenticationHeaderValue? authorization = null, string? authorizedHost = null)
{
    long _last;

    public Redactor Redactor => redactor;

    public Task<WireResponse> GetAsync(string url, CancellationToken ct, string? referer = null) =>
        SendAsync(() => Request(HttpMethod.Get, url, referer), maxBytes, ct);

    public Task<WireResponse> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = Request(HttpMethod.Post, url, null);
            request.Content = new FormUrlEncodedContent(fields);
            return request;
        }, maxBytes, ct);

    /// <summary>A photo or video: the bytes, or an exception saying why not.</summary>
    public async Task<byte[]> DownloadAsync(string url, string? referer, long limit, CancellationToken ct)
    {
        var response = await SendAsync(() => Request(HttpMethod.Get, url, referer), limit, ct);
        if (!response.Ok) throw new WireFeedException($"İndirilemedi: HTTP {(int)response.Status} ({Redactor.SafeUrl(url)}).");
        return response.Body;
    }

    /// <summary>
    /// What this client fetches: absolute http and https addresses, well formed. A feed that points a photo at
    /// <c>file:</c>, <c>ftp:</c> or a misspelt scheme gets its photo skipped, not the pull broken.
    /// </summary>
    public static bool IsWebAddress([NotNullWhen(true)] string? url) =>
        Uri.IsWellFormedUriString(url, UriKind.Absolute) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    HttpRequestMessage Request(HttpMethod method, string url, string? referer)
    {
        if (!IsWebAddress(url)) throw new WireFeedException($"Adres bir web adresi değil ({Redactor.SafeUrl(url)}).");
        var request = new HttpRequestMessage(method, url);
        // Credentials go only to the agency's own host, never to a media server a feed points at.
        if (authorization is not null && string.Equals(request.RequestUri!.Host, authorizedHost, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = authorization;
        }
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Manset-Ajans", "1.0"));
        if (referer is not null && Uri.TryCreate(referer, UriKind.Absolute, out var from)) request.Headers.Referrer = from;
        return request;
    }

    async Task<WireResponse> SendAsync(Func<HttpRequestMessage> create, long limit, CancellationToken ct)
    {
        await KeepGapAsync(ct);
        using var request = create();
        var where = Redactor.SafeUrl(request.RequestUri!.ToString());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var after = response.Headers.RetryAfter?.Delta;
                throw new WireRateLimitedException($"Ajans çok sık istek yapıldığını bildirdi (HTTP 429, {where}).", after);
            }
            if (response.Content.Headers.ContentLength > limit) throw TooLarge(limit, where);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) throw TooLarge(limit, where);
                buffer.Write(chunk, 0, read);
            }
            return new WireResponse(response.StatusCode, buffer.ToArray(), response.Content.Headers.ContentType?.CharSet, response.Content.Headers.ContentType?.MediaType);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new WireFeedException($"Ajans zamanında yanıt vermedi ({where}).");
        }
        catch (HttpRequestException e)
        {
            throw new WireFeedException($"Ajansa bağlanılamadı ({where}): {redactor.Redact(e.Message)}");
        }
        finally
        {
            _last = TimeProvider.System.GetTimestamp();
        }
    }

    static WireFeedException TooLarge(long limit, string where) =>
        new($"Yanıt boyut sınırını ({limit / (1024 * 1024)} MB) aşıyor ({where}).");

    async Task KeepGapAsync(CancellationToken ct)
    {
        if (_last == 0 || gap <= TimeSpan.Zero) return;
        var waited = TimeProvider.System.GetElapsedTime(_last);
        if (waited < gap) await Task.Delay(gap - waited, ct);
    }
}
