using Manset.Web.Cluster;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Manset.Tests.Cluster;

/// <summary>The node's memory for pages without Redis: bounded, and past half full kept for pages asked for twice.</summary>
public class PageStoreTests
{
    static PageStore Store(int megabytes)
    {
        var options = Options.Create(new MansetOptions { OutputCache = { MemoryMegabytes = megabytes } });
        var redis = new RedisConnection(new ConfigurationBuilder().Build(), options, NullLogger<RedisConnection>.Instance);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new PageStore(redis, options, new MansetMetrics(meters));
    }

    static byte[] Page(int kilobytes) => new byte[kilobytes * 1024];

    /// <summary>Eviction callbacks run on the thread pool: waits (up to 10 s) until the condition holds.</summary>
    static async Task SettledAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    [Fact]
    public async Task Past_half_full_a_page_asked_for_once_is_not_kept_and_one_asked_for_twice_is()
    {
        using var store = Store(1);
        var life = TimeSpan.FromMinutes(5);
        // 26 × 20 KB: each kept at once while below half of 1 MB, the last one taking it past half.
        for (var i = 0; i < 26; i++) await store.SetAsync($"/haber-{i}", Page(20), ["a:" + i], life, default);
        Assert.NotNull(await store.GetAsync("/haber-0", default));
        Assert.NotNull(await store.GetAsync("/haber-25", default));

        await store.SetAsync("/bir-kez", Page(20), [], life, default);
        Assert.Null(await store.GetAsync("/bir-kez", default));

        await store.SetAsync("/iki-kez", Page(20), [], life, default);
        await store.SetAsync("/iki-kez", Page(20), [], life, default);
        Assert.NotNull(await store.GetAsync("/iki-kez", default));
    }

    [Fact]
    public async Task Below_half_full_every_page_is_kept_at_once_and_evicted_by_its_tag()
    {
        using var store = Store(64);
        await store.SetAsync("/gundem", Page(40), ["c:1", "site"], TimeSpan.FromMinutes(5), default);
        Assert.NotNull(await store.GetAsync("/gundem", default));
        await store.EvictByTagAsync("c:1", default);
        Assert.Null(await store.GetAsync("/gundem", default));
    }

    [Fact]
    public async Task It_never_holds_more_than_its_memory()
    {
        using var store = Store(1);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 200; i++) await store.SetAsync($"/arsiv-{i}", Page(20), [], TimeSpan.FromMinutes(5), default);
        }
        await Task.Delay(200); // the memory cache compacts in the background
        Assert.InRange(store.LocalCount, 1, 1024 / 20);
    }

    [Fact]
    public async Task Tags_are_forgotten_with_their_last_page()
    {
        using var store = Store(1);
        var life = TimeSpan.FromMinutes(5);
        // A crawl: every page with its own article tag, far more than fit; each evicted page takes its tags along.
        for (var i = 0; i < 400; i++)
        {
            await store.SetAsync($"/arsiv-{i}", Page(20), ["a:" + i, "site"], life, default);
            await store.SetAsync($"/arsiv-{i}", Page(20), ["a:" + i, "site"], life, default); // asked for twice: kept
        }
        await SettledAsync(() => store.LocalTagCount <= store.LocalCount + 1);
        Assert.InRange(store.LocalCount, 1, 1024 / 20);
        Assert.Equal(store.LocalCount + 1, store.LocalTagCount); // one article tag per page kept, and "site"

        for (var i = 0; i < 400; i++) await store.EvictByTagAsync("a:" + i, default);
        Assert.Equal(0, store.LocalCount);
        await SettledAsync(() => store.LocalTagCount == 0);
        Assert.Equal(0, store.LocalTagCount); // "site" went with the last page naming it

        // Stored again with other tags: the old copy's eviction leaves the new tags alone and takes the old ones.
        using var roomy = Store(64);
        await roomy.SetAsync("/gundem", Page(20), ["c:1", "site"], life, default);
        await roomy.SetAsync("/gundem", Page(20), ["c:1", "c:7"], life, default);
        await SettledAsync(() => roomy.LocalTagCount <= 2);
        Assert.Equal(2, roomy.LocalTagCount);
        await roomy.EvictByTagAsync("site", default);
        Assert.NotNull(await roomy.GetAsync("/gundem", default));
        await roomy.EvictByTagAsync("c:7", default);
        Assert.Null(await roomy.GetAsync("/gundem", default));
        await SettledAsync(() => roomy.LocalTagCount == 0);
        Assert.Equal(0, roomy.LocalTagCount);
    }
}
