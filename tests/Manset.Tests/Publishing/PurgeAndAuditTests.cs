using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Tests.Wires;
using Manset.Web.Infrastructure;
using Manset.Web.Newsroom;
using Manset.Web.Publishing;
using Manset.Web.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Publishing;

/// <summary>
/// What follows each write of <see cref="ArticleService"/>: the pages purged by tag (read off the CDN purge webhook,
/// which receives every purge), the audit line, the revision and the search index, for the scheduler's publications
/// and take-downs, for a move between categories and tags, and for taking a story down or deleting a draft.
/// </summary>
public sealed class PurgeAndAuditTests : IAsyncLifetime
{
    static readonly Actor Editor = new("editor-1", "Zeynep Editör", Permissions.All.ToHashSet(StringComparer.Ordinal));
    static readonly Actor Colleague = new("editor-2", "Veli Muhabir", Permissions.All.ToHashSet(StringComparer.Ordinal));
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    readonly ConcurrentQueue<string[]> _purges = new();
    AgencyServer _cdn = null!;
    TestApp _app = null!;
    string _category = "";
    HttpClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _cdn = await AgencyServer.StartAsync();
        _cdn.Route("/purge", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            _purges.Enqueue(body["tags"]!.AsArray().Select(t => (string)t!).ToArray());
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        _app = await TestApp.StartAsync(Db.Sqlite, clock: _clock, configure: s => s["Manset:Cdn:PurgeUrl"] = _cdn.Url("/purge"));
        _api = await _app.ApiClientAsync();
        _category = await Json.CategoryAsync(_api, "Gündem");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cdn.DisposeAsync();
    }

    async Task<T> WithAsync<T>(Func<ArticleService, MansetDb, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ArticleService>(), scope.ServiceProvider.GetRequiredService<MansetDb>());
    }

    async Task<Article> CreatedAsync(ArticleInput input, Actor? actor = null) =>
        Assert.IsType<SaveOutcome.Saved>(await WithAsync((s, _) => s.CreateAsync(input with { Category = input.Category ?? _category }, actor ?? Editor, CancellationToken.None))).Article;

    /// <summary>The tags of the purge that names the article, once the webhook has it; earlier purges are dropped.</summary>
    async Task<HashSet<string>> PurgedAsync(int id)
    {
        var tag = CacheTags.Article(id);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            while (_purges.TryDequeue(out var tags))
            {
                if (tags.Contains(tag)) return tags.ToHashSet(StringComparer.Ordinal);
            }
            await Task.Delay(25);
        }
        Assert.Fail($"no purge of {tag} reached the CDN");
        return [];
    }

    /// <summary>Waits until the purges of these stories' creation have reached the webhook (they may come as one) and drops them.</summary>
    async Task SettleAsync(params int[] ids)
    {
        var waiting = ids.Select(CacheTags.Article).ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (waiting.Count > 0 && DateTime.UtcNow < deadline)
        {
            while (_purges.TryDequeue(out var tags)) waiting.ExceptWith(tags);
            if (waiting.Count > 0) await Task.Delay(25);
        }
        Assert.Empty(waiting);
    }

    async Task<int> CategoryIdAsync(string slug) => await WithAsync((_, db) => db.Categories.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    async Task<Dictionary<string, int>> TagIdsAsync(params string[] names) =>
        await WithAsync((_, db) => db.Tags.Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id));

    async Task<List<string>> AuthorTagsAsync(int id) =>
        (await WithAsync((_, db) => db.Set<ArticleAuthor>().Where(a => a.ArticleId == id).Select(a => a.AuthorId).ToListAsync())).Select(CacheTags.Author).ToList();

    async Task<List<AuditEntry>> AuditAsync(Article article) =>
        await WithAsync((_, db) => db.AuditEntries.AsNoTracking().Where(e => e.Target == $"#{article.Id} {article.Title}").OrderBy(e => e.Id).ToListAsync());

    async Task<IReadOnlyList<int>> FoundAsync(string word) =>
        (await _app.Services.GetRequiredService<ISearchIndex>().SearchAsync(new SearchQuery(word, null, null, null, 1, 20), CancellationToken.None)).Ids;

    [Fact]
    public async Task The_scheduler_s_publications_and_take_downs_are_audited_revised_searched_and_purged_page_by_page()
    {
        var now = _clock.GetUtcNow();
        var expiring = await CreatedAsync(new ArticleInput
        {
            Title = "Kandilli açıkladı: deprem fırtınası dindi", Body = "<p>Artçılar sürüyor.</p>", Status = "published",
            Breaking = true, Tags = ["Deprem", "Kandilli"], UnpublishAt = now.AddMinutes(5),
        });
        var scheduled = await CreatedAsync(new ArticleInput
        {
            Title = "Seçim takvimi zamanında açıklandı", Body = "<p>Takvim belli oldu.</p>", Status = "scheduled",
            Tags = ["Seçim"], PublishedAt = now.AddMinutes(5),
        });
        Assert.Empty(await FoundAsync("takvimi"));
        Assert.Equal([expiring.Id], await FoundAsync("fırtınası"));
        await SettleAsync(expiring.Id, scheduled.Id);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await WithAsync((s, _) => s.PublishDueAsync(CancellationToken.None)));

        var category = CacheTags.Category(await CategoryIdAsync(_category));
        var tags = await TagIdsAsync("Deprem", "Kandilli", "Seçim");
        // One tick, one purge (ArticleService sends what its write touched at the end): both stories' pages.
        var purged = await PurgedAsync(expiring.Id);
        string[] expected =
        [
            CacheTags.Article(expiring.Id), CacheTags.Tag(tags["Deprem"]), CacheTags.Tag(tags["Kandilli"]), CacheTags.Site, .. await AuthorTagsAsync(expiring.Id),
            CacheTags.Article(scheduled.Id), CacheTags.Tag(tags["Seçim"]), .. await AuthorTagsAsync(scheduled.Id),
            CacheTags.Home, category,
        ];
        Assert.Equal(expected.ToHashSet(), purged);

        var takenDown = Assert.Single(await AuditAsync(expiring), e => e.Action == AuditActions.Unpublish);
        Assert.Equal(("zamanı geldi", Actor.System.Name, (string?)null), (takenDown.Detail, takenDown.UserName, takenDown.UserId));
        var published = Assert.Single(await AuditAsync(scheduled), e => e.Action == AuditActions.Publish && e.Detail == "zamanı geldi");
        Assert.Equal(Actor.System.Name, published.UserName);

        var states = await WithAsync((_, db) => db.Articles.AsNoTracking().Where(a => a.Id == expiring.Id || a.Id == scheduled.Id).ToDictionaryAsync(a => a.Id));
        Assert.Equal((ArticleStatus.Unpublished, 2), (states[expiring.Id].Status, states[expiring.Id].Version));
        Assert.Equal((ArticleStatus.Published, 2), (states[scheduled.Id].Status, states[scheduled.Id].Version));
        var revision = await WithAsync((_, db) => db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == expiring.Id).OrderByDescending(r => r.Version).FirstAsync());
        Assert.Equal((2, ArticleStatus.Unpublished, "Deprem\nKandilli"), (revision.Version, revision.Status, revision.Tags));

        Assert.Equal([scheduled.Id], await FoundAsync("takvimi"));
        Assert.Empty(await FoundAsync("fırtınası"));
    }

    [Fact]
    public async Task A_move_purges_the_pages_that_showed_the_story_before_and_those_that_show_it_now()
    {
        var other = await Json.CategoryAsync(_api, "Ekonomi");
        var colleagues = await CreatedAsync(new ArticleInput { Title = "Meslektaşın haberi", Body = "<p>Haber.</p>" }, Colleague);
        var article = await CreatedAsync(new ArticleInput { Title = "Faiz kararı açıklandı", Body = "<p>Karar.</p>", Status = "published", Tags = ["Faiz", "Merkez Bankası"] });
        var authors = await AuthorTagsAsync(article.Id);
        var colleague = Assert.Single(await AuthorTagsAsync(colleagues.Id));
        Assert.NotEqual([colleague], authors);
        await SettleAsync(colleagues.Id, article.Id);

        var moved = await WithAsync((s, _) => s.UpdateAsync(article.Id, new ArticleInput { Category = other, Tags = ["Enflasyon", "Faiz"], Authors = ["veli-muhabir"] }, null, Editor, CancellationToken.None));
        Assert.IsType<SaveOutcome.Saved>(moved);
        var tags = await TagIdsAsync("Faiz", "Merkez Bankası", "Enflasyon");
        var purged = await PurgedAsync(article.Id);
        string[] expected =
        [
            CacheTags.Article(article.Id), CacheTags.Home, CacheTags.Category(await CategoryIdAsync(_category)), CacheTags.Category(await CategoryIdAsync(other)),
            CacheTags.Tag(tags["Faiz"]), CacheTags.Tag(tags["Merkez Bankası"]), CacheTags.Tag(tags["Enflasyon"]), .. authors, colleague,
        ];
        Assert.Equal(expected.ToHashSet(), purged);
        Assert.DoesNotContain(CacheTags.Site, purged);

        Assert.IsType<SaveOutcome.Saved>(await WithAsync((s, _) => s.UpdateAsync(article.Id, new ArticleInput { Breaking = true }, null, Editor, CancellationToken.None)));
        Assert.Contains(CacheTags.Site, await PurgedAsync(article.Id));
        Assert.Equal(["Enflasyon", "Faiz"], await WithAsync((_, db) => db.ArticleTags.Where(t => t.ArticleId == article.Id).OrderBy(t => t.Order).Select(t => t.Tag.Name).ToListAsync()));
    }

    [Fact]
    public async Task Taking_a_story_down_keeps_it_with_a_revision_and_deleting_a_draft_removes_it_each_audited_as_what_it_was()
    {
        var story = await CreatedAsync(new ArticleInput { Title = "Köprü trafiğe kapandı", Body = "<p>Bakım.</p>", Status = "published", Breaking = true, Slot = "manset" });
        var draft = await CreatedAsync(new ArticleInput { Title = "Yarım kalmış taslak", Body = "<p>Taslak.</p>" });
        await SettleAsync(story.Id, draft.Id);

        Assert.Equal(new SaveOutcome.Deleted(Kept: true), await WithAsync((s, _) => s.DeleteAsync(story.Id, Editor, CancellationToken.None)));
        var kept = await WithAsync((_, db) => db.Articles.AsNoTracking().SingleAsync(a => a.Id == story.Id));
        Assert.Equal((ArticleStatus.Unpublished, LeadSlot.None, false, 2), (kept.Status, kept.Slot, kept.IsBreaking, kept.Version));
        Assert.Equal([1, 2], await WithAsync((_, db) => db.ArticleRevisions.Where(r => r.ArticleId == story.Id).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync()));
        // It was breaking: the band on every page goes with it.
        Assert.Contains(CacheTags.Site, await PurgedAsync(story.Id));
        var down = Assert.Single(await AuditAsync(story), e => e.Action == AuditActions.Unpublish);
        Assert.Equal((Editor.Name, Editor.UserId, ""), (down.UserName, down.UserId, down.Detail));
        Assert.Empty(await FoundAsync("Köprü"));

        Assert.Equal(new SaveOutcome.Deleted(Kept: false), await WithAsync((s, _) => s.DeleteAsync(draft.Id, Editor, CancellationToken.None)));
        Assert.False(await WithAsync((_, db) => db.Articles.AnyAsync(a => a.Id == draft.Id)));
        Assert.Contains(CacheTags.Home, await PurgedAsync(draft.Id));
        Assert.Equal([AuditActions.Delete], (await AuditAsync(draft)).Select(e => e.Action));
    }
}
