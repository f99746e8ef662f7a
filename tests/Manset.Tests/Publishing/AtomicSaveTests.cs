using System.Net;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Publishing;

/// <summary>
/// One save is one transaction: when a save fails half-way (here the search index throws after the article row and
/// its revision are written; a killed process stops at the same point), nothing of it stays, and the next save works.
/// </summary>
public sealed class AtomicSaveTests
{
    sealed class SearchFault
    {
        public volatile bool Fail;
    }

    sealed class FailingIndex(ISearchIndex inner, SearchFault fault) : ISearchIndex
    {
        public Task UpsertAsync(SearchDocument document, CancellationToken ct) =>
            fault.Fail ? throw new InvalidOperationException("search index down (test)") : inner.UpsertAsync(document, ct);
        public Task RemoveAsync(int articleId, CancellationToken ct) =>
            fault.Fail ? throw new InvalidOperationException("search index down (test)") : inner.RemoveAsync(articleId, ct);
        public Task ClearAsync(CancellationToken ct) => inner.ClearAsync(ct);
        public Task<int> CountAsync(CancellationToken ct) => inner.CountAsync(ct);
        public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct) => inner.SearchAsync(query, ct);
    }

    static void Decorate(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(ISearchIndex));
        services.Remove(real);
        services.AddSingleton<SearchFault>();
        services.AddScoped<ISearchIndex>(sp => new FailingIndex((ISearchIndex)real.ImplementationFactory!(sp), sp.GetRequiredService<SearchFault>()));
    }

    static async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("(test)", StringComparison.Ordinal))
        {
            return null; // the test server may hand the exception to the client instead of a 500
        }
    }

    [Fact]
    public async Task A_save_that_fails_half_way_leaves_no_article_no_revision_and_no_new_version()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, services: Decorate);
        var api = await app.ApiClientAsync("editor");
        var category = await Json.CategoryAsync(api);
        var fault = app.Services.GetRequiredService<SearchFault>();
        var kept = await Json.ArticleAsync(api, new { title = "Önce yazılan haber", category, status = "published", body = "<p>ilk hâli</p>" });
        var id = (int)kept["id"]!;

        fault.Fail = true;
        var create = await SendAsync(() => api.PostAsync("/api/v1/articles", Json.Body(new { title = "Yarıda kalan haber", category, status = "published", body = "<p>yarım</p>" })));
        Assert.True(create is null || create.StatusCode == HttpStatusCode.InternalServerError, $"{(int?)create?.StatusCode}");
        var update = await SendAsync(() => api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { body = "<p>yarım kalan düzeltme</p>" })));
        Assert.True(update is null || update.StatusCode == HttpStatusCode.InternalServerError, $"{(int?)update?.StatusCode}");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            Assert.False(await db.Articles.AnyAsync(a => a.Title == "Yarıda kalan haber"));
            Assert.False(await db.ArticleRevisions.AnyAsync(r => r.Title == "Yarıda kalan haber"));
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal((1, "<p>ilk hâli</p>"), (article.Version, article.Body));
            Assert.Equal(1, await db.ArticleRevisions.CountAsync(r => r.ArticleId == id));
        }

        fault.Fail = false;
        var again = await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { body = "<p>düzeltme</p>" }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (int)(await Json.ReadAsync(await api.GetAsync($"/api/v1/articles/{id}/revisions"))).AsArray().Count);
    }
}
