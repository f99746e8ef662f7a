using Manset.Data;
using Manset.Web.Publishing;
using Manset.Web.Wires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Wires;

/// <summary>
/// An agency story becoming an article (<see cref="WireArticles"/>): when it is dated, whether it flashes in the SON
/// DAKİKA band, where it goes, on a clock the test holds still.
/// </summary>
public sealed class WireArticlesTests : IAsyncLifetime
{
    WireTestSite _site = null!;
    int _next;

    public async ValueTask InitializeAsync() => _site = await WireTestSite.StartAsync((_, _) => { });

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    DateTimeOffset Now => _site.Clock!.GetUtcNow();

    WireItem Item(DateTimeOffset publishedAt, bool breaking = false, string? category = "dunya", string title = "Sel bölgesinde tahliyeler sürüyor") => new()
    {
        Source = "iha",
        AgencyId = $"TEST{Interlocked.Increment(ref _next)}",
        Title = title,
        Spot = "Bölgede tahliyeler sabah saatlerinde başladı.",
        Body = "<p>Ekipler bölgede çalışıyor.</p>",
        Credit = "İHA",
        City = "Rize",
        Category = category,
        IsBreaking = breaking,
        PublishedAt = publishedAt,
        ReceivedAt = Now,
        UpdatedAt = Now,
        ContentHash = "x",
    };

    async Task<(SaveOutcome Outcome, WireItem Item, Article? Article)> CreateAsync(WireItem item, bool publish)
    {
        using var scope = _site.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        db.WireItems.Add(item);
        await db.SaveChangesAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<WireArticles>().CreateAsync(item, publish, WireArticles.AgencyActor(item.Credit), CancellationToken.None);
        await db.SaveChangesAsync();
        var article = item.ArticleId is { } id
            ? await db.Articles.AsNoTracking().Include(a => a.Category).Include(a => a.Tags).ThenInclude(t => t.Tag).SingleAsync(a => a.Id == id)
            : null;
        return (outcome, item, article);
    }

    [Fact]
    public async Task A_fresh_breaking_story_published_keeps_the_agency_s_time_and_flashes_for_the_configured_minutes()
    {
        var at = Now.AddMinutes(-30);
        var (outcome, item, article) = await CreateAsync(Item(at, breaking: true), publish: true);
        Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(ArticleStatus.Published, article!.Status);
        Assert.Equal(at, article.PublishedAt);
        Assert.True(article.IsBreaking);
        Assert.Equal(at.AddMinutes(180), article.BreakingUntil);
        Assert.Equal(WireItemState.Published, item.State);
        Assert.Equal(article.Version, item.ArticleVersion);
        Assert.False(item.AgencyUpdated);
        Assert.Equal("dunya", article.Category.Slug);
        Assert.Equal("İHA", article.Source);
        Assert.Equal(["Rize"], article.Tags.Select(t => t.Tag.Name));
    }

    [Fact]
    public async Task A_breaking_story_published_after_its_minutes_is_not_flashed()
    {
        var at = Now.AddMinutes(-181);
        var (_, _, article) = await CreateAsync(Item(at, breaking: true), publish: true);
        Assert.Equal(at, article!.PublishedAt);
        Assert.False(article.IsBreaking);
        Assert.Null(article.BreakingUntil);
        // At the very end of its minutes it is no longer news either.
        (_, _, article) = await CreateAsync(Item(Now.AddMinutes(-180), breaking: true), publish: true);
        Assert.False(article!.IsBreaking);
    }

    [Fact]
    public async Task A_story_dated_in_the_future_by_the_agency_s_clock_is_published_now()
    {
        var (_, _, article) = await CreateAsync(Item(Now.AddMinutes(10)), publish: true);
        Assert.Equal(Now, article!.PublishedAt);
        Assert.Equal(ArticleStatus.Published, article.Status);
    }

    [Fact]
    public async Task A_draft_keeps_the_agency_s_breaking_flag_for_the_editor_without_the_agency_s_times()
    {
        var (_, item, article) = await CreateAsync(Item(Now.AddHours(-5), breaking: true), publish: false);
        Assert.Equal(ArticleStatus.Draft, article!.Status);
        Assert.Null(article.PublishedAt);
        Assert.True(article.IsBreaking);
        // Not the agency's time (long past): a breaking draft's band time counts from now, as any draft's does.
        Assert.Equal(Now.AddMinutes(180), article.BreakingUntil);
        Assert.Equal(WireItemState.Draft, item.State);
        (_, _, article) = await CreateAsync(Item(Now.AddHours(-5)), publish: false);
        Assert.False(article!.IsBreaking);
    }

    [Fact]
    public async Task A_story_whose_category_is_gone_goes_to_gundem_and_a_long_headline_is_cut()
    {
        var title = string.Join(" ", Enumerable.Repeat("Karadeniz'de sağanak", 14)); // 293 characters: over the article's 200, within the wire item's 400
        var (_, _, article) = await CreateAsync(Item(Now.AddMinutes(-5), category: "silinmis-kategori", title: title), publish: false);
        Assert.Equal("gundem", article!.Category.Slug);
        Assert.True(article.Title.Length <= 200, $"{article.Title.Length} characters");
        Assert.EndsWith("…", article.Title, StringComparison.Ordinal);
        (_, _, article) = await CreateAsync(Item(Now.AddMinutes(-5), category: null), publish: false);
        Assert.Equal("gundem", article!.Category.Slug);
    }
}
