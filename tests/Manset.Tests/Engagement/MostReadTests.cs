using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Engagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Engagement;

/// <summary>
/// ÇOK OKUNANLAR computed from the hourly view buckets: which hours count for the day and the week, how views add up,
/// the order, the limit of ten, the fill from the week and from all-time views, and the stored lists other nodes read.
/// </summary>
public abstract class MostReadTests(Db db)
{
    sealed record Paper(TestApp App, FakeTimeProvider Clock, int[] Ids) : IAsyncDisposable
    {
        public MostRead MostRead => App.Services.GetRequiredService<MostRead>();

        public int Hour => MostRead.HourOf(Clock.GetUtcNow());

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>A paper of <paramref name="count"/> published stories, one minute apart (the last is the newest).</summary>
    async Task<Paper> PaperAsync(int count)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero));
        var app = await TestApp.StartAsync(db, clock: clock);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            ids[i] = (int)(await Json.ArticleAsync(api, new { title = $"Okunma sırası haberi {i}", category, status = "published" }))["id"]!;
        }
        return new Paper(app, clock, ids);
    }

    static async Task ViewsAsync(Paper paper, params (int Article, int Hour, long Views)[] buckets)
    {
        await using var scope = paper.App.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        foreach (var (article, hour, views) in buckets) data.ArticleViewHours.Add(new ArticleViewHour { ArticleId = article, Hour = hour, Views = views });
        await data.SaveChangesAsync();
    }

    static async Task AllTimeViewsAsync(Paper paper, int article, long views)
    {
        await using var scope = paper.App.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        await data.ArticleStats.Where(s => s.ArticleId == article).ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, views));
    }

    static async Task<Dictionary<string, string>> StoredAsync(Paper paper)
    {
        await using var scope = paper.App.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        return await data.MostReadLists.AsNoTracking().ToDictionaryAsync(l => l.Period, l => l.ArticleIds);
    }

    static int[] Ids(IEnumerable<Manset.Web.Site.ArticleCard> cards) => cards.Select(c => c.Id).ToArray();

    [Fact]
    public async Task The_day_counts_the_last_24_hours_and_the_week_the_last_168_with_views_added_up_and_ties_newest_first()
    {
        await using var paper = await PaperAsync(8);
        var a = paper.Ids;
        var h = paper.Hour;
        await ViewsAsync(paper,
            (a[0], h - 24, 100),            // a day and an hour ago: the week's, not the day's
            (a[1], h - 23, 50), (a[1], h, 5), // 55 in all: above a[2]'s single 52
            (a[2], h, 52),
            (a[3], h - 168, 1000),          // eight days ago: in neither list by its hours
            (a[4], h - 167, 30),            // the week's first hour
            (a[5], h, 7), (a[6], h, 7));    // a tie: the newer story first
        // All-time views fill what the hours leave empty: most viewed first, then the newest.
        await AllTimeViewsAsync(paper, a[3], 900);
        await AllTimeViewsAsync(paper, a[7], 800);

        await paper.MostRead.RefreshAsync(CancellationToken.None);

        var lists = paper.MostRead.Current;
        Assert.Equal(new[] { a[1], a[2], a[6], a[5], a[0], a[4], a[3], a[7] }, Ids(lists.Day));
        Assert.Equal(new[] { a[0], a[1], a[2], a[4], a[6], a[5], a[3], a[7] }, Ids(lists.Week));
        Assert.Equal(paper.Clock.GetUtcNow(), lists.ComputedAt);
        var stored = await StoredAsync(paper);
        Assert.Equal(string.Join(',', Ids(lists.Day)), stored["day"]);
        Assert.Equal(string.Join(',', Ids(lists.Week)), stored["week"]);
    }

    [Fact]
    public async Task Each_list_holds_ten_and_a_short_day_is_filled_from_the_week_before_all_time_views()
    {
        await using var paper = await PaperAsync(14);
        var a = paper.Ids;
        var h = paper.Hour;
        // Fourteen stories read two days ago, a[i] by 100 + 10 i readers; two of them also read this hour.
        await ViewsAsync(paper, a.Select((id, i) => (id, h - 48, 100L + 10 * i)).ToArray());
        await ViewsAsync(paper, (a[0], h, 1), (a[1], h, 2));
        // A story with many more readers long ago does not push into a full list.
        await AllTimeViewsAsync(paper, a[2], 1_000_000);

        await paper.MostRead.RefreshAsync(CancellationToken.None);

        var lists = paper.MostRead.Current;
        var week = Enumerable.Range(0, 10).Select(i => a[13 - i]).ToArray(); // the ten most read of the 14
        Assert.Equal(week, Ids(lists.Week));
        Assert.Equal(new[] { a[1], a[0] }.Concat(week.Take(8)).ToArray(), Ids(lists.Day));
    }

    [Fact]
    public async Task Views_of_stories_no_longer_published_are_left_out_and_the_next_ones_move_up()
    {
        await using var paper = await PaperAsync(12);
        var a = paper.Ids;
        var h = paper.Hour;
        await ViewsAsync(paper, a.Select((id, i) => (id, h, 10L + i)).ToArray());
        await using (var scope = paper.App.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
            await data.Articles.Where(x => x.Id == a[11] || x.Id == a[10]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ArticleStatus.Draft));
        }

        await paper.MostRead.RefreshAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => a[9 - i]).ToArray(), Ids(paper.MostRead.Current.Day));
    }

    [Fact]
    public async Task Another_node_prints_the_stored_lists_and_reads_them_again_only_when_they_change()
    {
        await using var paper = await PaperAsync(3);
        var a = paper.Ids;
        var h = paper.Hour;
        await ViewsAsync(paper, (a[0], h, 5), (a[1], h, 9), (a[2], h, 1));
        await paper.MostRead.RefreshAsync(CancellationToken.None);

        // A second node: it never computes, it reads what the lease holder stored.
        var other = ActivatorUtilities.CreateInstance<MostRead>(paper.App.Services);
        Assert.Equal(DateTimeOffset.MinValue, other.Current.ComputedAt);
        var read = await other.GetAsync(CancellationToken.None);
        Assert.Equal(new[] { a[1], a[0], a[2] }, Ids(read.Day));
        Assert.Equal(new[] { a[1], a[0], a[2] }, Ids(read.Week));
        Assert.Equal(paper.MostRead.Current.ComputedAt, read.ComputedAt);
        Assert.Same(read, await other.GetAsync(CancellationToken.None));
        Assert.False(await other.ReloadAsync(CancellationToken.None));

        paper.Clock.Advance(TimeSpan.FromMinutes(1));
        await ViewsAsync(paper, (a[2], paper.Hour - 1, 20));
        await paper.MostRead.RefreshAsync(CancellationToken.None);
        Assert.True(await other.ReloadAsync(CancellationToken.None));
        Assert.Equal(new[] { a[2], a[1], a[0] }, Ids(other.Current.Day));
        Assert.Equal(Ids(paper.MostRead.Current.Week), Ids(other.Current.Week));
        Assert.False(await other.ReloadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_nothing_stored_yet_a_node_computes_the_lists_for_itself_without_storing_them()
    {
        await using var paper = await PaperAsync(2);
        var a = paper.Ids;
        await ViewsAsync(paper, (a[0], paper.Hour, 2), (a[1], paper.Hour, 1));
        await using (var scope = paper.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MansetDb>().MostReadLists.ExecuteDeleteAsync();
        }

        var other = ActivatorUtilities.CreateInstance<MostRead>(paper.App.Services);
        Assert.False(await other.ReloadAsync(CancellationToken.None));
        var lists = await other.GetAsync(CancellationToken.None);

        Assert.Equal(new[] { a[0], a[1] }, Ids(lists.Day));
        Assert.Equal(paper.Clock.GetUtcNow(), lists.ComputedAt);
        Assert.Empty(await StoredAsync(paper));
    }
}

public sealed class MostReadTestsOnSqlite() : MostReadTests(Db.Sqlite);
public sealed class MostReadTestsOnPostgres() : MostReadTests(Db.Postgres);
