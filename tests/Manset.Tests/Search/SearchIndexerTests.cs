using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Search;

/// <summary>
/// What the index holds after a rebuild and at start, read from the index itself (not through the API, which also
/// filters by status); and the phrase boost, which reads the candidates' headlines and spots from the database.
/// SQLite FTS5 and PostgreSQL.
/// </summary>
public abstract class SearchIndexerTests(Db db) : IAsyncLifetime
{
    TestApp _app = null!;
    HttpClient _api = null!;
    string _category = "";

    public async ValueTask InitializeAsync()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        _app = await TestApp.StartAsync(db);
        _api = await _app.ApiClientAsync();
        _category = await Json.CategoryAsync(_api, "Gündem");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    async Task<int> ArticleAsync(string title, string status = "published", string spot = "", DateTimeOffset? publishedAt = null)
    {
        var created = await Json.ArticleAsync(_api, publishedAt is { } at
            ? new { title, spot, category = _category, status, publishedAt = at }
            : (object)new { title, spot, category = _category, status });
        return (int)created["id"]!;
    }

    async Task<IReadOnlyList<int>> FindAsync(string words)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        return (await index.SearchAsync(new SearchQuery(words, null, null, null, 1, 50), CancellationToken.None)).Ids;
    }

    /// <summary>
    /// A document the index holds for an article that is not published (as an index left behind by a crash might hold);
    /// PostgreSQL's index refers to its article, so the article exists.
    /// </summary>
    async Task StrayAsync(int draft)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        await index.UpsertAsync(new SearchDocument(draft, "Kayıp hayalet manşet", "", "", DateTimeOffset.UtcNow, 1), CancellationToken.None);
    }

    [Fact]
    public async Task A_rebuild_holds_the_published_articles_and_nothing_else()
    {
        var published = await ArticleAsync("Zeytin hasadında bereketli sezon");
        await ArticleAsync("Nar ekşisi festivali yarın başlıyor", "scheduled", publishedAt: DateTimeOffset.UtcNow.AddDays(2));
        var draft = await ArticleAsync("Kestane kebabı tezgâhları kuruldu", "draft");
        await StrayAsync(draft);
        Assert.NotEmpty(await FindAsync("hayalet"));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
            var count = await indexer.RebuildAsync(null, CancellationToken.None);
            var mansetDb = scope.ServiceProvider.GetRequiredService<MansetDb>();
            Assert.Equal(await mansetDb.Articles.CountAsync(a => a.Status == ArticleStatus.Published), count);
            Assert.Equal(count, await scope.ServiceProvider.GetRequiredService<ISearchIndex>().CountAsync(CancellationToken.None));
        }

        Assert.Equal([published], await FindAsync("zeytin"));
        Assert.Empty(await FindAsync("nar ekşisi"));   // scheduled: it has a publication time, but it is not out yet
        Assert.Empty(await FindAsync("kestane"));
        Assert.Empty(await FindAsync("hayalet"));
    }

    [Fact]
    public async Task At_start_an_index_with_documents_is_left_alone_an_empty_one_is_built()
    {
        var published = await ArticleAsync("Çay hasadı erken başladı");
        await StrayAsync(await ArticleAsync("Fındık fiyatları henüz açıklanmadı", "draft"));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SearchIndexer>().EnsureBuiltAsync(CancellationToken.None);
        }
        // Not rebuilt: the stray document is still there.
        Assert.NotEmpty(await FindAsync("hayalet"));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
            await index.ClearAsync(CancellationToken.None);
            Assert.Equal(0, await index.CountAsync(CancellationToken.None));
            await scope.ServiceProvider.GetRequiredService<SearchIndexer>().EnsureBuiltAsync(CancellationToken.None);
            Assert.True(await index.CountAsync(CancellationToken.None) > 0);
        }
        Assert.Equal([published], await FindAsync("çay hasadı"));
        Assert.Empty(await FindAsync("hayalet"));
    }

    [Fact]
    public async Task The_best_match_is_found_among_the_newest_five_hundred_not_only_the_page()
    {
        // The oldest story has the word in its headline, the 24 after it only in their bodies: it ranks first although
        // 24 newer matches would fill a page of ten twice over.
        var best = await ArticleAsync("Lodos İstanbul'da vapur seferlerini durdurdu");
        for (var i = 0; i < 24; i++)
        {
            await Json.ArticleAsync(_api, new { title = $"Günün kısa haberi {i + 1}", body = $"<p>Kıyıda lodos etkili oldu, {i + 1}. bölge.</p>", category = _category, status = "published" });
        }
        await using var scope = _app.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var page = await index.SearchAsync(new SearchQuery("lodos", null, null, null, 1, 10), CancellationToken.None);
        Assert.Equal(25, page.Total);
        Assert.Equal(10, page.Ids.Count);
        Assert.Equal(best, page.Ids[0]);
    }

    [Fact]
    public async Task The_phrase_in_the_headline_triples_a_score_in_the_spot_adds_half()
    {
        var none = await ArticleAsync("Baraj doluluk oranı açıklandı", spot: "Yağışlar suyu artırdı.");
        var inSpot = await ArticleAsync("Yağış raporu yayımlandı", spot: "Baraj doluluk oranında artış var.");
        var inTitle = await ArticleAsync("Doluluk oranı düştü, baraj alarm veriyor", spot: "Uzmanlar uyardı.");
        var both = await ArticleAsync("Baraj doluluk seviyesi ölçüldü", spot: "");
        var words = SearchText.Words("baraj doluluk");
        Assert.Equal(2, words.Count);

        await using var scope = _app.Services.CreateAsyncScope();
        var mansetDb = scope.ServiceProvider.GetRequiredService<MansetDb>();
        // "Baraj doluluk" side by side: in `none`'s and `both`'s headlines, in `inSpot`'s spot; `inTitle` has both words apart.
        // Scores: none 1 × 3 = 3, inTitle 2.75 × 1 = 2.75, inSpot 1.5 × 1.5 = 2.25, both 0.75 × 3 = 2.25 (a tie).
        List<(int, double)> candidates = [(inTitle, 2.75), (inSpot, 1.5), (none, 1.0), (both, 0.75)];
        Assert.Equal([none, inTitle, inSpot, both], await SearchRanking.WithPhraseBoostAsync(mansetDb, candidates, words, CancellationToken.None));
        // A tie keeps the order the candidates came in.
        List<(int, double)> reversed = [(both, 0.75), (none, 1.0), (inSpot, 1.5), (inTitle, 2.75)];
        Assert.Equal([none, inTitle, both, inSpot], await SearchRanking.WithPhraseBoostAsync(mansetDb, reversed, words, CancellationToken.None));
        // Below the boost, a lower score stays below: 0.5 × 3 = 1.5 is under 1.6.
        List<(int, double)> far = [(inTitle, 1.6), (none, 0.5)];
        Assert.Equal([inTitle, none], await SearchRanking.WithPhraseBoostAsync(mansetDb, far, words, CancellationToken.None));
    }
}

public sealed class SearchIndexerTestsOnSqlite() : SearchIndexerTests(Db.Sqlite);
public sealed class SearchIndexerTestsOnPostgres() : SearchIndexerTests(Db.Postgres);
