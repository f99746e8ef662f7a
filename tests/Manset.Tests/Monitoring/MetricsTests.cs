using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Manset.Tests.Support;
using Manset.Tests.Wires;
using Manset.Web.Engagement;
using Manset.Web.Monitoring;
using Manset.Web.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Monitoring;

/// <summary>
/// OpenTelemetry listens to every meter of its name in the process: one app per process in production, but here an
/// app's scrape would merge in what other tests' apps record, and an app being disposed meanwhile ends the series
/// they share (OpenTelemetry 1.20). So these tests run alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics, alone in the process";
}

/// <summary>
/// <c>/metrics</c>: Prometheus text with the request, runtime and Manset metrics, answered to loopback and the allowed
/// networks only; everyone else gets the site's ordinary 404. Exact values are read from this app's own meter
/// (<see cref="OwnMeter"/>); the scrape is checked for the same series, growing by at least this test's share.
/// </summary>
[Collection(MetricsCollection.Name)]
public class MetricsTests
{
    /// <summary>
    /// TestServer connections have no address (RemoteIpAddress is null, which /metrics refuses), so each request says
    /// which address it comes from in this header, and a startup filter, first in the pipeline, sets it.
    /// </summary>
    const string From = "X-Test-Remote-Address";

    sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                if (context.Request.Headers.TryGetValue(From, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextStep(context);
            });
            next(app);
        };
    }

    static Task<TestApp> StartAsync(bool demo = false, FakeTimeProvider? clock = null, Action<Dictionary<string, string?>>? configure = null) =>
        TestApp.StartAsync(Db.Sqlite, demo, clock, configure, services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());

    static async Task<HttpResponseMessage> GetAsync(TestApp app, string path, string? from)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (from is not null) request.Headers.Add(From, from);
        return await app.Reader().SendAsync(request);
    }

    static async Task<string> ScrapeAsync(TestApp app)
    {
        var response = await GetAsync(app, "/metrics", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample of a metric whose labels include all of <paramref name="labels"/>.</summary>
    static double Sample(string metrics, string name, params string[] labels)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal)) continue;
            if (!labels.All(l => line.Contains(l, StringComparison.Ordinal))) continue;
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        Assert.Fail($"{name} {string.Join(",", labels)} not in /metrics:\n{metrics}");
        return 0;
    }

    static string WithoutNonces(string html) => Regex.Replace(html, "nonce=\"[^\"]*\"", "");

    [Fact]
    public async Task Loopback_and_allowed_networks_read_metrics_everyone_else_gets_the_sites_404()
    {
        await using var app = await StartAsync(configure: s => s["Manset:Metrics:AllowedNetworks:0"] = "10.0.0.0/8");

        foreach (var allowed in new[] { "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "10.1.2.3", "::ffff:10.1.2.3" })
        {
            var response = await GetAsync(app, "/metrics", allowed);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{allowed}: {(int)response.StatusCode}");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        var unknown = await GetAsync(app, "/olmayan-bir-sayfa-9f3c", "203.0.113.5");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownPage = WithoutNonces(await unknown.Content.ReadAsStringAsync());
        foreach (var refused in new[] { "203.0.113.5", "11.0.0.1", "192.168.1.10", "fd00::5", null })
        {
            var response = await GetAsync(app, "/metrics", refused);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{refused ?? "no address"}: {(int)response.StatusCode}");
            // The same page as any address that does not exist: nothing says there is something here.
            Assert.Equal(unknown.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentType?.ToString());
            Assert.Equal(unknownPage, WithoutNonces(await response.Content.ReadAsStringAsync()));
        }

        var openApi = await (await GetAsync(app, "/openapi/v1.json", "127.0.0.1")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("/metrics", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_requests_runtime_and_what_the_newsroom_did()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(demo: true, clock: clock);
        using var own = new OwnMeter(app);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var reader = app.Reader();

        var before = await ScrapeAsync(app);
        // A page rendered once, then served from the output cache's memory.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
        // Publishing purges the cache.
        var article = await Json.ArticleAsync(api, new { title = "Ölçümler için bir haber", category, status = "published" });
        var (id, url) = ((int)article["id"]!, (string)article["url"]!);
        // A scheduled article published when its time comes.
        await Json.ArticleAsync(api, new { title = "Zamanı gelince çıkan haber", category, status = "scheduled", publishedAt = clock.GetUtcNow().AddMinutes(30) });
        clock.Advance(TimeSpan.FromMinutes(31));
        await app.Services.GetRequiredService<PublishingScheduler>().TickAsync(CancellationToken.None);
        // A reader's view, counted by the beacon and flushed; a reaction.
        var browser = await app.BrowserReaderAsync(url);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/okunma/{id}")).StatusCode);
        Assert.Equal(1, await app.Services.GetRequiredService<ViewFlusher>().FlushAsync(CancellationToken.None));
        var react = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
        react.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(react)).StatusCode);
        // A page listening to the SON DAKİKA stream.
        using var stream = await reader.GetAsync("/son-dakika/akis", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        var metrics = await ScrapeAsync(app);
        Assert.True(Sample(metrics, "http_server_request_duration_seconds_count", "http_route=\"/\"", "http_response_status_code=\"200\"") >= 2);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_thread_count", metrics, StringComparison.Ordinal);
        // Routing's per-match counter is not collected (MonitoringExtensions.StreamOf); the request durations are.
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics, StringComparison.Ordinal);
        // The scrape itself is not counted as a request.
        Assert.DoesNotContain(metrics.Split('\n'), l => l.StartsWith("http_server_request_duration", StringComparison.Ordinal) && l.Contains("/metrics", StringComparison.Ordinal));
        // Counters grow by at least what this test did (a scrape shows the whole process).
        foreach (var (name, labels, atLeast) in new (string, string[], double)[]
        {
            ("manset_page_store_misses_total", [], 1),
            ("manset_page_store_hits_total", ["store=\"memory\""], 1),
            ("manset_cache_purges_total", ["origin=\"local\""], 2),
            ("manset_scheduler_published_total", [], 1),
            ("manset_views_counted_total", [], 1),
            ("manset_views_flushed_total", [], 1),
            ("manset_reactions_total", ["reaction=\"begendim\""], 1),
        })
        {
            var was = SampleOrZero(before, name, labels);
            Assert.True(Sample(metrics, name, labels) - was >= atLeast, $"{name} {string.Join(",", labels)}: {was} -> {Sample(metrics, name, labels)}");
        }
        Assert.Equal(1, Sample(metrics, "manset_breaking_streams"));
        Assert.Equal(0, Sample(metrics, "manset_renders_waiting"));
        // Without Redis there is no Redis to be available or not; with it (the all-on-PostgreSQL pass), it is there.
        if (app.Settings.TryGetValue("ConnectionStrings:Redis", out var redis) && redis is not null) Assert.Equal(1, Sample(metrics, "manset_redis_available"));
        else Assert.DoesNotContain("manset_redis_available", metrics, StringComparison.Ordinal);

        Assert.Equal(1, own["manset.views.counted"]);
        Assert.Equal(1, own["manset.views.flushed"]);
        Assert.Equal(1, own["manset.reactions{reaction=begendim}"]);
        Assert.Equal(1, own["manset.scheduler.published"]);
        Assert.True(own["manset.cache.purges{origin=local}"] >= 2);
        var gauges = own.Gauges();
        Assert.Equal(1, gauges["manset.breaking.streams"]);
        Assert.Equal(0, gauges["manset.renders.waiting"]);
        Assert.Equal(app.Settings.TryGetValue("ConnectionStrings:Redis", out var withRedis) && withRedis is not null, gauges.ContainsKey("manset.redis.available"));
    }

    [Fact]
    public void Per_block_and_per_match_counters_are_not_collected_the_rest_keep_a_series_budget()
    {
        using var pool = new Meter("Microsoft.AspNetCore.MemoryPool");
        using var routing = new Meter("Microsoft.AspNetCore.Routing");
        using var hosting = new Meter("Microsoft.AspNetCore.Hosting");
        foreach (var dropped in new Instrument[]
        {
            pool.CreateCounter<long>("aspnetcore.memory_pool.rented"),
            pool.CreateUpDownCounter<long>("aspnetcore.memory_pool.pooled"),
            routing.CreateCounter<long>("aspnetcore.routing.match_attempts"),
        })
        {
            Assert.Same(OpenTelemetry.Metrics.MetricStreamConfiguration.Drop, MonitoringExtensions.StreamOf(dropped));
        }
        var allocated = MonitoringExtensions.StreamOf(pool.CreateCounter<long>("aspnetcore.memory_pool.allocated"));
        Assert.NotSame(OpenTelemetry.Metrics.MetricStreamConfiguration.Drop, allocated);
        Assert.Equal(100, allocated.CardinalityLimit);
        Assert.Equal(1000, MonitoringExtensions.StreamOf(hosting.CreateHistogram<double>("http.server.request.duration")).CardinalityLimit);
    }

    static double SampleOrZero(string metrics, string name, string[] labels)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if ((line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)) &&
                labels.All(l => line.Contains(l, StringComparison.Ordinal))) return Sample(line, name, labels);
        }
        return 0;
    }

    [Fact]
    public async Task Wire_items_are_counted_by_source_and_outcome_as_the_pull_summary_says()
    {
        await using var site = await WireTestSite.StartAsync((agency, s) => WireTestSite.Source(s, 0, "iha", "iha", agency.Url("/iha/rss"), "draft", "gundem",
            ("UserCode", "KOD-1"), ("UserName", "abone"), ("Password", "Parola-2026!")));
        using var own = new OwnMeter(site.App);
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null }, Feeds.Mac()));
        var first = WireTestSite.Summary((await site.PullAsync()).Output);
        site.Agency.Xml("/iha/rss", Feeds.Iha(Feeds.Tramvay("x") with { Photo = null },
            Feeds.Mac() with { Description = "Eskişehirspor deplasmanda kazandı.", Updated = "29.11.2026 17:31:00" }));
        var second = WireTestSite.Summary((await site.PullAsync()).Output);
        Assert.Equal("new=2 updated=0 unchanged=0 failed=0", first);
        Assert.Equal("new=0 updated=1 unchanged=1 failed=0", second);

        Assert.Equal(2, own["manset.wires.items{outcome=new,source=iha}"]);
        Assert.Equal(1, own["manset.wires.items{outcome=updated,source=iha}"]);
        Assert.Equal(1, own["manset.wires.items{outcome=unchanged,source=iha}"]);
        Assert.Equal(0, own["manset.wires.items{outcome=failed,source=iha}"]);
    }

    /// <summary>What this app's own <c>Manset</c> meter records, from now on: counter sums and gauge readings by name and tags.</summary>
    sealed class OwnMeter : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);
        readonly ConcurrentDictionary<string, long> _gauges = new(StringComparer.Ordinal);

        public OwnMeter(TestApp app)
        {
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == MansetMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _sums.AddOrUpdate(Key(instrument.Name, tags), value, (_, sum) => sum + value));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _gauges[Key(instrument.Name, tags)] = value);
            _listener.Start();
        }

        public long this[string key] => _sums.TryGetValue(key, out var sum) ? sum : throw new KeyNotFoundException($"{key} not recorded: {string.Join(", ", _sums.Keys)}");

        public Dictionary<string, long> Gauges()
        {
            _gauges.Clear();
            _listener.RecordObservableInstruments();
            return new(_gauges, StringComparer.Ordinal);
        }

        static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty) return name;
            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags) pairs.Add($"{key}={value}");
            pairs.Sort(StringComparer.Ordinal);
            return $"{name}{{{string.Join(',', pairs)}}}";
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Disabled_metrics_answer_404_even_to_loopback()
    {
        await using var app = await StartAsync(configure: s => s["Manset:Metrics:Enabled"] = "false");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(app, "/metrics", "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/health", "127.0.0.1")).StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.1.2.3/8")]
    [InlineData("intranet")]
    [InlineData("10.0.0.5")]
    public async Task A_network_that_is_not_CIDR_stops_the_start_with_a_Turkish_message(string network)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(configure: s =>
        {
            s["Manset:Metrics:AllowedNetworks:0"] = "192.168.0.0/16";
            s["Manset:Metrics:AllowedNetworks:1"] = network;
        }));
        var message = failure.ToString();
        Assert.Contains($"Manset:Metrics:AllowedNetworks: '{network}' geçerli bir ağ değil", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'192.168.0.0/16'", message, StringComparison.Ordinal);
    }
}
