using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Manset.Data;
using Manset.Data.Postgres;
using Manset.Tests.Support;
using Manset.Tests.Wires;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Manset.Tests.Cluster;

/// <summary>
/// Two real Kestrel processes over one PostgreSQL database and one Redis, as behind a load balancer: what one node
/// does, the other shows; jobs run once; a dead node's work is taken over; Redis and PostgreSQL may go away and come back.
/// </summary>
public sealed class TwoNodeTests
{
    const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    sealed record Cluster(Dictionary<string, string?> Settings, string Postgres, string DataDirectory)
    {
        public PostgresMansetDb Db() => new(new DbContextOptionsBuilder<PostgresMansetDb>().UseNpgsql(Postgres).Options);

        public async Task<T> QueryAsync<T>(Func<PostgresMansetDb, Task<T>> query)
        {
            await using var db = Db();
            return await query(db);
        }
    }

    static async Task<Cluster> ClusterAsync(string redis, bool demo = true, Action<Dictionary<string, string?>>? configure = null)
    {
        await Postgres.RequireAsync();
        var postgres = await Postgres.CreateDatabaseAsync();
        await using (var db = new PostgresMansetDb(new DbContextOptionsBuilder<PostgresMansetDb>().UseNpgsql(postgres).Options))
        {
            await db.Database.MigrateAsync();
        }
        var data = Path.Combine(Path.GetTempPath(), "manset-tests", "cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
            ["Manset:Redis:KeyPrefix"] = Support.Redis.NewPrefix(),
            // One shared volume for media, as the compose file mounts it on every node.
            ["Manset:DataDirectory"] = data,
            ["Manset:DemoContent"] = demo ? "true" : "false",
            ["Manset:Site:BaseUrl"] = "http://manset.test",
            ["Manset:Publishing:SchedulerSeconds"] = "1",
            ["Manset:Engagement:ViewFlushSeconds"] = "1",
            ["Manset:Wires:AutoPull"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Manset.Web.Data"] = "Information",
            ["Logging:LogLevel:Manset.Web.Cluster"] = "Information",
        };
        configure?.Invoke(settings);
        return new Cluster(settings, postgres, data);
    }

    static async Task<HttpClient> EditorApiAsync(Cluster cluster, Node node)
    {
        var email = $"editor-{Guid.NewGuid():N}@manset.test";
        var created = await Node.RunAsync(cluster.Settings, "admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--name", "Düğüm Editörü", "--role", "editor");
        Assert.True(created.Code == 0, created.Output);
        var token = await Node.RunAsync(cluster.Settings, "token", "create", "--email", email, "--name", "test");
        Assert.True(token.Code == 0, token.Output);
        var secret = token.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var api = new HttpClient { BaseAddress = node.Http.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return api;
    }

    static async Task<string> BodyAsync(Node node, string path) => await (await node.Http.GetAsync(path)).Content.ReadAsStringAsync();

    static async Task<TimeSpan> WaitForAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var started = watch.Elapsed;
            var met = await condition();
            var took = watch.Elapsed - started;
            // A check that starts in time counts: what it waits for had happened by the time it was answered. When
            // one check alone is slow (a busy machine, a node's first render), say so: the figure printed is not the
            // propagation time then.
            if (took > TimeSpan.FromSeconds(1))
            {
                TestContext.Current.SendDiagnosticMessage("{0}: one check started at {1:0} ms took {2:0} ms", what, started.TotalMilliseconds, took.TotalMilliseconds);
            }
            if (met) return watch.Elapsed;
            Assert.True(watch.Elapsed < within, $"{what}: not within {within.TotalSeconds} s");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Two_nodes_share_pages_counters_and_jobs()
    {
        await Support.Redis.RequireAsync();
        var cluster = await ClusterAsync(Support.Redis.ConnectionString!);
        // Started at the same moment over an empty database.
        await using var a = Node.Start("A", cluster.Settings);
        await using var b = Node.Start("B", cluster.Settings);
        await Task.WhenAll(a.WaitUntilServingAsync(), b.WaitUntilServingAsync());

        // The demo newspaper was written once, by one of them, under the start-up lock.
        Assert.Equal(1, a.Output.Concat(b.Output).Count(l => l.Contains("demo gazete yazılıyor", StringComparison.Ordinal)));
        var (articles, titles, categories, slugs) = await cluster.QueryAsync(async db => (
            await db.Articles.CountAsync(), await db.Articles.Select(x => x.Title).Distinct().CountAsync(),
            await db.Categories.CountAsync(), await db.Categories.Select(c => c.Slug).Distinct().CountAsync()));
        Assert.True(articles > 20, $"{articles} demo articles");
        Assert.Equal(articles, titles);
        Assert.Equal(categories, slugs);

        // B holds the category page in its cache…
        Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync("/gundem")).StatusCode);
        var cached = await b.Http.GetAsync("/gundem");
        Assert.True(cached.Headers.Age.HasValue, "B serves /gundem from its cache");

        // …an editor publishes on A, and B's cached category page has it within a second.
        using var api = await EditorApiAsync(cluster, a);
        var title = "İki düğümde yayın " + Guid.NewGuid().ToString("N")[..6];
        var created = await Json.ArticleAsync(api, new { title, category = "gundem", status = "published", spot = "A düğümünde yayımlandı.", body = "<p>Metin.</p>" });
        var seen = await WaitForAsync(async () => (await BodyAsync(b, "/gundem")).Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(1), "the article on B's category page");
        TestContext.Current.SendDiagnosticMessage("Published on A, on B's cached category page after {0:0} ms", seen.TotalMilliseconds);
        var id = (int)created["id"]!;
        var url = (string)created["url"]!;

        // Readers on both nodes: each reader's cookie (made by one node) is good on the other (shared keys);
        // views and reactions add up exactly.
        const int readers = 10;
        for (var i = 0; i < readers; i++)
        {
            var cookies = new CookieContainer();
            using var onA = Reader(a, cookies);
            using var onB = Reader(b, cookies);
            var (first, second) = i % 2 == 0 ? (onA, onB) : (onB, onA);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/okunma/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/okunma/{id}")).StatusCode);
            var react = new HttpRequestMessage(HttpMethod.Post, $"/tepki/{id}") { Content = new FormUrlEncodedContent([new("tepki", "begendim")]) };
            react.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var reacted = await second.SendAsync(react);
            Assert.True(reacted.StatusCode == HttpStatusCode.OK, $"reaction {i}: {(int)reacted.StatusCode} {await reacted.Content.ReadAsStringAsync()}");
        }
        await WaitForAsync(async () => await cluster.QueryAsync(db => db.ArticleStats.Where(s => s.ArticleId == id).Select(s => s.Views).SingleAsync()) >= 2 * readers,
            TimeSpan.FromSeconds(15), "the views of both nodes flushed");
        await Task.Delay(2500); // one more flush on each node: nothing more may arrive
        var stats = await cluster.QueryAsync(db => db.ArticleStats.AsNoTracking().SingleAsync(s => s.ArticleId == id));
        Assert.Equal(2 * readers, stats.Views);
        Assert.Equal(readers, stats.Like);
        Assert.Equal(readers, await cluster.QueryAsync(db => db.ArticleReactions.CountAsync(r => r.ArticleId == id)));

        // A scheduled article is published once, by the node holding the scheduler lease.
        var at = DateTimeOffset.UtcNow.AddSeconds(4);
        var scheduled = await Json.ArticleAsync(api, new { title = "Zamanlı iki düğüm haberi", category = "gundem", status = "scheduled", publishedAt = at.ToString("O"), body = "<p>Zamanı gelince.</p>" });
        var scheduledId = (int)scheduled["id"]!;
        await WaitForAsync(async () => await cluster.QueryAsync(db => db.Articles.Where(x => x.Id == scheduledId).Select(x => x.Status).SingleAsync()) == ArticleStatus.Published,
            TimeSpan.FromSeconds(20), "the scheduled article published");
        await Task.Delay(3000); // a few more scheduler rounds on both nodes
        var publishes = await cluster.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == Manset.Web.Newsroom.AuditActions.Publish && e.Target.StartsWith($"#{scheduledId} ")));
        Assert.Equal(1, publishes);
        Assert.Equal(1, await cluster.QueryAsync(db => db.Leases.CountAsync(l => l.Name == Manset.Web.Cluster.Leases.Scheduler)));
    }

    static HttpClient Reader(Node node, CookieContainer cookies)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.Http.BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        return client;
    }

    [Fact]
    public async Task Killing_the_node_that_pulls_a_wire_source_lets_the_other_take_over_within_a_minute()
    {
        await Support.Redis.RequireAsync();
        await using var agency = await AgencyServer.StartAsync();
        var hanging = new TaskCompletionSource();
        var requests = 0;
        agency.Route("/bolge/rss", async context =>
        {
            // The first pull never gets an answer: its node holds the source's lease until it dies.
            if (Interlocked.Increment(ref requests) == 1)
            {
                hanging.TrySetResult();
                await Task.Delay(TimeSpan.FromMinutes(5), context.RequestAborted).ContinueWith(_ => { });
                return;
            }
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(Feeds.Rss(3));
        });
        var cluster = await ClusterAsync(Support.Redis.ConnectionString!, demo: false, s =>
        {
            WireTestSite.Source(s, 0, "bolge", "rss", agency.Url("/bolge/rss"), "draft", null);
            s["Manset:Wires:Sources:0:IntervalSeconds"] = "5";
            s["Manset:Wires:AutoPull"] = "true";
        });
        await using var a = Node.Start("A", cluster.Settings);
        await a.WaitUntilServingAsync();
        await hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var owner = await cluster.QueryAsync(db => db.WireSourceStates.Where(s => s.Name == "bolge").Select(s => s.LeaseOwner).SingleAsync());
        Assert.Contains($":{a.ProcessId}:", owner, StringComparison.Ordinal);

        await using var b = Node.Start("B", cluster.Settings);
        await b.WaitUntilServingAsync();
        await Task.Delay(2000);
        Assert.Equal(0, await cluster.QueryAsync(db => db.WireItems.CountAsync())); // B waits: A holds the lease

        a.Kill();
        var taken = await WaitForAsync(async () => await cluster.QueryAsync(db => db.WireItems.CountAsync()) == 3, TimeSpan.FromMinutes(1), "B pulling the source");
        TestContext.Current.SendDiagnosticMessage("Wire source taken over {0:0.0} s after the kill", taken.TotalSeconds);
        owner = await cluster.QueryAsync(db => db.WireSourceStates.Where(s => s.Name == "bolge").Select(s => s.LeaseOwner).SingleAsync());
        Assert.DoesNotContain($":{a.ProcessId}:", owner ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_held_by_a_node_on_another_machine_is_taken_when_it_expires()
    {
        // The same, when the dead holder is not a process this machine can look at: only the expiry frees it.
        await Support.Redis.RequireAsync();
        var cluster = await ClusterAsync(Support.Redis.ConnectionString!, demo: false);
        await using (var db = cluster.Db())
        {
            db.Leases.Add(new Lease { Name = Manset.Web.Cluster.Leases.Scheduler, Holder = "baska-makine:4242:deadbeef", ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(6) });
            await db.SaveChangesAsync();
        }
        await using var a = Node.Start("A", cluster.Settings);
        await a.WaitUntilServingAsync();
        using var api = await EditorApiAsync(cluster, a);
        var category = await Json.CategoryAsync(api, "Kilit");
        var created = await Json.ArticleAsync(api, new { title = "Başka makinenin kilidi", category, status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"), body = "<p>.</p>" });
        var id = (int)created["id"]!;
        await Task.Delay(2000);
        var holder = await cluster.QueryAsync(db => db.Leases.Where(l => l.Name == Manset.Web.Cluster.Leases.Scheduler).Select(l => l.Holder).SingleAsync());
        if (holder == "baska-makine:4242:deadbeef")
        {
            Assert.Equal(ArticleStatus.Scheduled, await cluster.QueryAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.Status).SingleAsync()));
        }
        await WaitForAsync(async () => await cluster.QueryAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.Status).SingleAsync()) == ArticleStatus.Published,
            TimeSpan.FromSeconds(30), "the article published after the foreign lease expired");
        Assert.Contains($":{a.ProcessId}:", await cluster.QueryAsync(db => db.Leases.Where(l => l.Name == Manset.Web.Cluster.Leases.Scheduler).Select(l => l.Holder).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_redis_the_nodes_keep_serving_from_memory_and_share_again_when_it_returns()
    {
        await using var redis = await OwnRedis.StartAsync();
        var cluster = await ClusterAsync(redis.ConnectionString, demo: false);
        await using var a = Node.Start("A", cluster.Settings);
        await a.WaitUntilServingAsync();
        await using var b = Node.Start("B", cluster.Settings);
        await b.WaitUntilServingAsync();
        using var api = await EditorApiAsync(cluster, a);
        var category = await Json.CategoryAsync(api, "Kesinti");
        await BodyAsync(b, "/" + category);

        redis.Stop();
        // Pages, publishing and counting go on.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync("/" + category)).StatusCode);
        }
        var during = "Redis yokken " + Guid.NewGuid().ToString("N")[..6];
        await Json.ArticleAsync(api, new { title = during, category, status = "published", body = "<p>.</p>" });
        await WaitForAsync(async () => (await BodyAsync(a, "/" + category)).Contains(during, StringComparison.Ordinal), TimeSpan.FromSeconds(2), "the article on A's own page");
        // B cannot be told, but its copies now live only a few seconds (Manset:OutputCache:FallbackSeconds).
        HttpResponseMessage? last = null;
        try
        {
            await WaitForAsync(async () =>
            {
                last?.Dispose();
                last = await b.Http.GetAsync("/" + category);
                return (await last.Content.ReadAsStringAsync()).Contains(during, StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(15), "the article on B without Redis");
        }
        catch (Xunit.Sdk.XunitException)
        {
            // What B was doing, so that a failure here says why (seen once, on a loaded CI machine).
            var health = await BodyAsync(b, "/health");
            Assert.Fail($"the article on B without Redis: not within 15 s; B's last answer {(int?)last?.StatusCode}, Age {last?.Headers.Age}; " +
                        $"B noticed Redis gone: {b.Output.Any(l => l.Contains("Redis'e ulaşılamıyor", StringComparison.Ordinal))}; /health: {health}; " +
                        $"B's last lines: {string.Join(" | ", b.Output.TakeLast(15))}");
        }
        Assert.Contains(a.Output, l => l.Contains("Redis'e ulaşılamıyor", StringComparison.Ordinal));

        await redis.StartAgainAsync();
        await WaitForAsync(() => Task.FromResult(a.Output.Any(l => l.Contains("Redis bağlantısı geri geldi", StringComparison.Ordinal)) &&
                                                 b.Output.Any(l => l.Contains("Redis bağlantısı geri geldi", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "both nodes reconnected");
        await Task.Delay(500); // the pub/sub subscription is restored with the connection
        await BodyAsync(b, "/" + category);
        Assert.True((await b.Http.GetAsync("/" + category)).Headers.Age.HasValue, "B caches again");
        var after = "Redis döndükten sonra " + Guid.NewGuid().ToString("N")[..6];
        await Json.ArticleAsync(api, new { title = after, category, status = "published", body = "<p>.</p>" });
        await WaitForAsync(async () => (await BodyAsync(b, "/" + category)).Contains(after, StringComparison.Ordinal), TimeSpan.FromSeconds(1), "the article on B's cached page after Redis returned");
    }

    [Fact]
    public async Task When_postgresql_goes_away_requests_fail_cleanly_and_the_site_recovers_by_itself()
    {
        await Support.Redis.RequireAsync();
        var cluster = await ClusterAsync(Support.Redis.ConnectionString!, demo: true);
        await using var a = Node.Start("A", cluster.Settings);
        await a.WaitUntilServingAsync();
        Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync("/")).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(cluster.Postgres).Database!;

        // The server restarting, as the site sees it: every connection dropped, new ones refused for a while.
        await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        var watch = Stopwatch.StartNew();
        var health = await a.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var uncached = await a.Http.GetAsync("/arama?q=deprem");
        Assert.True((int)uncached.StatusCode >= 500, $"a page that needs the database: {(int)uncached.StatusCode}");
        var cached = await a.Http.GetAsync("/");
        Assert.True(cached.StatusCode == HttpStatusCode.OK || (int)cached.StatusCode >= 500);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answers came in {watch.Elapsed.TotalSeconds:0.0} s, no hanging");
        Assert.False(a.Exited);

        await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        await WaitForAsync(async () => (await a.Http.GetAsync("/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy again");
        Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync("/arama?q=deprem")).StatusCode);
        using var api = await EditorApiAsync(cluster, a);
        var title = "Veritabanı döndü " + Guid.NewGuid().ToString("N")[..6];
        await Json.ArticleAsync(api, new { title, category = "gundem", status = "published", body = "<p>.</p>" });
        await WaitForAsync(async () => (await BodyAsync(a, "/gundem")).Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(2), "a new article after recovery");
    }

    static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
