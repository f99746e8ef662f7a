using System.Diagnostics;
using System.Text.Json.Nodes;
using Manset.Tests.Support;

namespace Manset.Tests.Breaking;

/// <summary>The SON DAKİKA band's live stream: server-sent events to every open page.</summary>
public abstract class BreakingStreamTests(Db db)
{
    [Fact]
    public async Task A_published_breaking_story_reaches_an_open_stream_within_two_seconds()
    {
        await using var app = await TestApp.StartAsync(db);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        using var reader = app.Reader();
        using var stream = await reader.GetStreamAsync("/son-dakika/akis");
        using var lines = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await NextBandAsync(lines, timeout.Token);
        Assert.False((bool)first["live"]!);

        var watch = Stopwatch.StartNew();
        await Json.ArticleAsync(api, new { title = "Son dakika: Porsuk taştı, iki köprü kapatıldı", category, status = "published", breaking = true });
        var next = await NextBandAsync(lines, timeout.Token);
        watch.Stop();
        Assert.True((bool)next["live"]!);
        Assert.Equal("Son dakika: Porsuk taştı, iki köprü kapatıldı", (string?)next["items"]![0]!["title"]);
        Assert.StartsWith($"/{category}/", (string?)next["items"]![0]!["url"], StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_stream_starts_with_the_current_band_and_a_retry_hint()
    {
        await using var app = await TestApp.StartAsync(db);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        await Json.ArticleAsync(api, new { title = "Köprüde kaza", category, status = "published", breaking = true });
        using var response = await app.Reader().GetAsync("/son-dakika/akis", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 3000", await lines.ReadLineAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var band = await NextBandAsync(lines, timeout.Token);
        Assert.Equal("Köprüde kaza", (string?)band["items"]![0]!["title"]);
    }

    static async Task<JsonNode> NextBandAsync(StreamReader lines, CancellationToken ct)
    {
        var isBand = false;
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            if (line == "event: band") isBand = true;
            else if (isBand && line.StartsWith("data: ", StringComparison.Ordinal)) return JsonNode.Parse(line["data: ".Length..])!;
        }
        throw new EndOfStreamException();
    }
}

public sealed class BreakingStreamTestsOnSqlite() : BreakingStreamTests(Db.Sqlite);
public sealed class BreakingStreamTestsOnPostgres() : BreakingStreamTests(Db.Postgres);
