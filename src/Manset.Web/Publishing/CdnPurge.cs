using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Publishing;

/// <summary>
/// Purges a CDN by tag: every purge's tags are POSTed as <c>{"tags":[…]}</c> to <c>Manset:Cdn:PurgeUrl</c> (a relay to
/// Fastly's or Cloudflare's purge API, or the operator's own), in the background so a publish never waits on it,
/// with a few retries. The pages carry the same tags in their <c>Surrogate-Key</c> and <c>Cache-Tag</c> headers.
/// </summary>
public sealed class CdnPurge(IHttpClientFactory http, IOptions<MansetOptions> options, ILogger<CdnPurge> log) : BackgroundService
{
    public const string Client = "cdn-purge";
    readonly Channel<string[]> _queue = Channel.CreateBounded<string[]>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Cdn.PurgeUrl);

    public void Enqueue(string[] tags)
    {
        if (Enabled && tags.Length > 0) _queue.Writer.TryWrite(tags);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Everything waiting goes in one request.
                var tags = new SortedSet<string>(StringComparer.Ordinal);
                while (_queue.Reader.TryRead(out var more)) tags.UnionWith(more);
                await SendAsync([.. tags], stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    async Task SendAsync(string[] tags, CancellationToken ct)
    {
        var cdn = options.Value.Cdn;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, cdn.PurgeUrl) { Content = JsonContent.Create(new { tags }) };
                if (!string.IsNullOrEmpty(cdn.PurgeToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cdn.PurgeToken);
                using var response = await http.CreateClient(Client).SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                log.LogWarning("CDN temizliği reddedildi (HTTP {Status}), deneme {Attempt}/3.", (int)response.StatusCode, attempt);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                log.LogWarning("CDN temizlik adresine ulaşılamadı ({Reason}), deneme {Attempt}/3.", e.GetBaseException().Message, attempt);
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
        }
        log.LogError("CDN {Count} etiket için temizlenemedi; sayfalar CDN'de ömürleri dolana dek eski kalabilir.", tags.Length);
    }
}
