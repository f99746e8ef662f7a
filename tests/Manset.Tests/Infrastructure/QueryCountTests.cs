using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Manset.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// What each public page costs the database (Infrastructure/QueryCounter.cs): at most a stated number of commands,
/// and the same number with 30 more articles on the page (no query per article, tag or author). Counted on a warm
/// process: the category tree and the shared blocks (band, most read, video, latest, settings) are in memory, as they
/// are for every request but the first after a publish.
/// </summary>
public abstract partial class QueryCountTests(Db db)
{
    const string Category = "Manset.Web.Infrastructure.QueryCounter";

    /// <summary>The most commands each page may run, rendered from the database (output cache off, DataSeconds 0).</summary>
    static readonly Dictionary<string, int> Limits = new()
    {
        ["home"] = 4,
        ["category"] = 2,
        ["article"] = 6,
        ["tag"] = 4, // the tag, its size (a small tag is read through its index), the count, the page
        ["videos"] = 3,
        ["rss"] = 2,
        ["sitemap"] = 5,
    };

    [GeneratedRegex(@"^Debug Manset\.Web\.Infrastructure\.QueryCounter: (?<method>[A-Z]+) (?<path>\S+): (?<count>\d+) sorgu, (?<ms>[\d.]+) ms")]
    private static partial Regex Line();

    sealed record Site(TestApp App, LogCapture Logs, HttpClient Reader) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    async Task<Site> StartAsync(bool demo = true, bool debug = true, Action<Dictionary<string, string?>>? configure = null)
    {
        var logs = new LogCapture();
        var app = await TestApp.StartAsync(db, demo, configure: s =>
        {
            if (debug) s[$"Logging:LogLevel:{Category}"] = "Debug";
            configure?.Invoke(s);
        }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        return new Site(app, logs, app.Reader());
    }

    static Action<Dictionary<string, string?>> FromTheDatabase => s =>
    {
        s["Manset:OutputCache:Enabled"] = "false";
        s["Manset:OutputCache:DataSeconds"] = "0";
    };

    /// <summary>Requests the page and returns the commands its request ran, as logged.</summary>
    static async Task<int> QueriesAsync(Site site, string url)
    {
        site.Logs.Lines.Clear();
        var response = await site.Reader.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
        var path = url.Split('?')[0];
        // The line is written when the middleware returns, which may be a moment after the client has the body.
        for (var i = 0; i < 200; i++)
        {
            foreach (var line in site.Logs.Lines)
            {
                if (Line().Match(line) is { Success: true } m && m.Groups["path"].Value == path && m.Groups["method"].Value == "GET")
                    return int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
            await Task.Delay(25);
        }
        Assert.Fail($"no query count logged for {url}:\n{site.Logs.All}");
        return -1;
    }

    static async Task<Dictionary<string, int>> MeasureAsync(Site site, Dictionary<string, string> pages)
    {
        // Warm: the category tree and the shared blocks are loaded by the first request after start or a publish.
        foreach (var url in pages.Values) await QueriesAsync(site, url);
        var counts = new Dictionary<string, int>();
        foreach (var (page, url) in pages) counts[page] = await QueriesAsync(site, url);
        return counts;
    }

    static void Report(string when, Dictionary<string, int> counts) =>
        TestContext.Current.SendDiagnosticMessage("Queries per page {0}: {1}", when, string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));

    static string FirstArticle(string html) =>
        Regex.Match(html, "href=\"(/[a-z0-9-]+/[a-z0-9-]+-[0-9]+)\"").Groups[1].Value;

    [Fact]
    public async Task Each_page_runs_a_bounded_number_of_queries_that_does_not_grow_with_its_articles()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using var site = await StartAsync(configure: FromTheDatabase);
        var article = FirstArticle(await site.Reader.GetStringAsync("/gundem"));
        Assert.NotEqual("", article);
        var pages = new Dictionary<string, string>
        {
            ["home"] = "/",
            ["category"] = "/gundem",
            ["article"] = article,
            ["tag"] = "/etiket/tepebasi",
            ["videos"] = "/video",
            ["rss"] = "/rss",
            ["sitemap"] = "/sitemap.xml",
        };
        var before = await MeasureAsync(site, pages);
        Report("on the demo paper", before);
        foreach (var (page, count) in before) Assert.True(count <= Limits[page], $"{page} ran {count} queries, more than {Limits[page]}");
        Assert.All(before, c => Assert.True(c.Value > 0, $"{c.Key} counted no query"));

        // 30 more stories in Gündem, each with three tags (one of them Tepebaşı) and two authors: the category page and
        // the tag page now list a full page of 20, the home page's latest and Gündem block are all new stories.
        var api = await site.App.ApiClientAsync();
        string? added = null;
        for (var i = 0; i < 30; i++)
        {
            var created = await Json.ArticleAsync(api, new
            {
                title = $"Sorgu sayımı haberi {i + 1}: Tepebaşı'nda yeni dönem",
                spot = "Belediye meclisi yeni projeleri görüştü.",
                body = "<p>Toplantı iki saat sürdü.</p><p>Kararlar oy birliğiyle alındı.</p>",
                category = "gundem",
                tags = new[] { "Tepebaşı", "Eskişehir", $"Sorgu {i + 1}" },
                authors = new[] { "elif-karaca", "zeynep-aydin" },
                source = "İHA",
                publishedAt = DateTimeOffset.UtcNow.AddMinutes(-30 + i),
                status = "published",
            });
            added ??= (string?)created["url"];
        }
        var list = await TestApp.ParseAsync(await site.Reader.GetAsync("/gundem"));
        Assert.Equal(20, list.QuerySelectorAll(".list .card").Count(c => c.TextContent.Contains("Sorgu sayımı haberi", StringComparison.Ordinal)));

        var after = await MeasureAsync(site, pages);
        Report("with 30 more articles", after);
        foreach (var page in new[] { "home", "category", "tag", "videos", "rss", "sitemap" }) Assert.Equal((page, before[page]), (page, after[page]));

        // A story with three tags and two authors costs what a demo story costs, related stories included.
        var story = await QueriesAsync(site, added!);
        TestContext.Current.SendDiagnosticMessage("Queries for a new story with 3 tags and 2 authors: {0}", story);
        Assert.True(story <= Limits["article"], $"the new article ran {story} queries");
    }

    [Fact]
    public async Task On_a_paper_of_hundreds_of_stories_the_home_page_fills_its_quiet_sections_in_one_query()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using var site = await StartAsync(configure: FromTheDatabase);
        Assert.Equal(0, (await site.App.RunAsync("demo", "generate", "--articles", "400")).Code);
        // Three quiet sections: a few stories each, three years old, far behind the latest 300 the page reads first.
        var api = await site.App.ApiClientAsync();
        var quiet = new Dictionary<string, List<string>>();
        foreach (var (name, stories) in new[] { ("Arşiv", 1), ("Tarih", 2), ("Kitap", 5) })
        {
            var slug = await Json.CategoryAsync(api, name);
            quiet[slug] = [];
            for (var i = 0; i < stories; i++)
            {
                var title = $"{name} köşesinden eski bir haber {i + 1}";
                await Json.ArticleAsync(api, new
                {
                    title,
                    spot = "Yıllar önce yazılmıştı.",
                    body = "<p>Eski bir haber.</p>",
                    category = slug,
                    tags = new[] { name },
                    publishedAt = DateTimeOffset.UtcNow.AddYears(-3).AddDays(i),
                    status = "published",
                });
                quiet[slug].Insert(0, title);
            }
        }
        await QueriesAsync(site, "/");
        var count = await QueriesAsync(site, "/");
        TestContext.Current.SendDiagnosticMessage("Home page with 400 more articles and 3 quiet sections: {0} queries", count);
        Assert.True(count <= Limits["home"], $"the home page ran {count} queries");

        var home = await TestApp.ParseAsync(await site.Reader.GetAsync("/"));
        foreach (var (slug, titles) in quiet)
        {
            var block = home.QuerySelector($"section.category-block[aria-labelledby='cat-{slug}']");
            Assert.NotNull(block);
            Assert.Equal(titles.Take(4), block.QuerySelectorAll(".card").Select(c => titles.First(t => c.TextContent.Contains(t, StringComparison.Ordinal))));
        }
    }

    [Fact]
    public async Task With_the_page_data_kept_an_article_renders_a_second_time_without_the_database()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using var site = await StartAsync(configure: s => s["Manset:OutputCache:Enabled"] = "false");
        var article = FirstArticle(await site.Reader.GetStringAsync("/gundem"));
        var first = await QueriesAsync(site, article);
        var second = await QueriesAsync(site, article);
        TestContext.Current.SendDiagnosticMessage("Article page with the page data cache: first render {0}, second {1}", first, second);
        Assert.True(first > 0);
        Assert.True(second <= 1, $"the second render ran {second} queries");
    }

    [Fact]
    public async Task A_page_from_the_output_cache_counts_0_and_nothing_is_logged_without_debug()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using (var site = await StartAsync(demo: false))
        {
            Assert.True(await QueriesAsync(site, "/") > 0);
            Assert.Equal(0, await QueriesAsync(site, "/"));
        }
        await using (var quiet = await StartAsync(demo: false, debug: false))
        {
            var response = await quiet.Reader.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
            Assert.DoesNotContain(quiet.Logs.Lines, l => l.Contains(Category, StringComparison.Ordinal));
        }
    }
}

public sealed class QueryCountTestsOnSqlite() : QueryCountTests(Db.Sqlite);
public sealed class QueryCountTestsOnPostgres() : QueryCountTests(Db.Postgres);
