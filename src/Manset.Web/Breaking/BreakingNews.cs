using System.Text.Json;
using System.Threading.Channels;
using Manset.Web.Infrastructure;
using Manset.Web.Site;

namespace Manset.Web.Breaking;

/// <summary>
/// The SON DAKİKA band as data, and everyone listening for it: open pages subscribe over server-sent events and get
/// the new band as soon as a breaking story is published, changed or expires.
/// </summary>
public sealed class BreakingNews(SiteBlocks blocks, ILogger<BreakingNews> log)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly Lock _gate = new();
    readonly List<Channel<string>> _listeners = [];
    string? _last;

    public int Listeners
    {
        get { lock (_gate) return _listeners.Count; }
    }

    /// <summary>The band as it is now, as the JSON the stream sends.</summary>
    public async Task<string> CurrentAsync(CancellationToken ct = default)
    {
        var shared = await blocks.GetAsync(ct);
        return JsonSerializer.Serialize(new
        {
            live = shared.BreakingIsLive,
            items = shared.Breaking.Select(b => new
            {
                b.Id,
                b.Title,
                b.Url,
                time = Turkish.ToIstanbul(b.PublishedAt).ToString("HH:mm", Turkish.Culture),
                iso = Turkish.Iso(b.PublishedAt),
            }),
        }, Json);
    }

    /// <summary>Recomputes the band and sends it to every open page if it changed.</summary>
    public async Task NotifyAsync(CancellationToken ct = default)
    {
        var band = await CurrentAsync(ct);
        List<Channel<string>> listeners;
        lock (_gate)
        {
            if (band == _last) return;
            _last = band;
            listeners = [.. _listeners];
        }
        foreach (var listener in listeners) listener.Writer.TryWrite(band);
        log.LogDebug("Son dakika bandı {Count} açık sayfaya gönderildi.", listeners.Count);
    }

    /// <summary>A new listener; dispose the subscription when the page goes away.</summary>
    public Subscription Subscribe()
    {
        // A slow reader only ever needs the newest band.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _listeners.Add(channel);
        return new Subscription(this, channel);
    }

    public sealed class Subscription(BreakingNews owner, Channel<string> channel) : IDisposable
    {
        public ChannelReader<string> Reader => channel.Reader;

        public void Dispose()
        {
            lock (owner._gate) owner._listeners.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
