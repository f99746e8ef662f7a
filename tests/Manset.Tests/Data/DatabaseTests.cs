using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Data;

public class DatabaseTests
{
    [Fact]
    public async Task Sqlite_runs_in_wal_mode_under_the_data_directory()
    {
        TestApp.SkipWhenAllOnPostgres();
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "manset.db")));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Each_sqlite_connection_keeps_a_small_page_cache_of_its_own()
    {
        TestApp.SkipWhenAllOnPostgres();
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        // Two connections open at once (two requests), each set when EF opens it.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        foreach (var scope in new[] { first, second })
        {
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA cache_size;";
            Assert.Equal(-Manset.Web.Data.SqliteConnectionTuning.CacheKilobytes, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Upgrading_sqlite_to_the_contentless_search_index_keeps_every_indexed_story_without_analysing_again()
    {
        TestApp.SkipWhenAllOnPostgres();
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        await db.Database.OpenConnectionAsync();
        var indexed = await IndexedAsync(db);
        Assert.Equal(48, indexed.Count);

        // The schema before it: the index with its own copy of the terms, filled as that version filled it.
        var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
        await migrator.MigrateAsync("20261130124433_HomeAndBreakingIndexes");
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM search_fts"));
        var index = scope.ServiceProvider.GetRequiredService<Manset.Web.Search.ISearchIndex>();
        foreach (var a in await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).ToListAsync())
        {
            await index.UpsertAsync(new Manset.Web.Search.SearchDocument(a.Id, a.Title, a.Spot, Manset.Web.Infrastructure.HtmlText.Plain(a.Body), a.PublishedAt!.Value, a.CategoryId), CancellationToken.None);
        }
        Assert.Equal(48, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM search_fts_content"));
        // Articles changed after the old index was written: the upgrade keeps what the index holds, it does not analyse again.
        await db.Articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Başka bir başlık"));

        await migrator.MigrateAsync();
        Assert.Equal(indexed, await IndexedAsync(db));
        Assert.Equal(["search_fts", "search_fts_config", "search_fts_content", "search_fts_data", "search_fts_docsize", "search_fts_idx"],
            await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE name LIKE 'search%' ORDER BY name").ToListAsync());
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')");
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM search_fts WHERE title IS NOT NULL OR body IS NOT NULL")); // no text kept
    }

    /// <summary>Every indexed story as the index holds it: id, published, category, and its terms by column and position.</summary>
    static async Task<List<string>> IndexedAsync(MansetDb db)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search_fts, instance)");
        var rows = await db.Database.SqlQueryRaw<string>("""
            SELECT f.rowid || '|' || f.published || '|' || f.category || '|' || coalesce(t.terms, '') AS "Value" FROM search_fts AS f
            LEFT JOIN (SELECT doc, group_concat(col || ':' || offset || ':' || term, ' ' ORDER BY col, offset) AS terms FROM temp.search_terms GROUP BY doc) AS t ON t.doc = f.rowid
            ORDER BY f.rowid
            """).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("DROP TABLE temp.search_terms");
        return rows;
    }

    static async Task<int> CountAsync(MansetDb db, string sql) => await db.Database.SqlQueryRaw<int>(sql).SingleAsync();

    [Fact]
    public async Task Demo_content_is_written_only_into_an_empty_database()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        Assert.Equal(48, await db.Articles.CountAsync());
        Assert.Equal(14, await db.Categories.CountAsync());
        Assert.Equal(new[] { "Gündem", "Dünya", "Ekonomi", "Spor", "Politika", "Sağlık", "Teknoloji", "Yaşam", "Kültür-Sanat", "Yerel" },
            await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync());
        Assert.True(await db.Articles.CountAsync(a => a.IsBreaking) >= 3);
        Assert.True(await db.Articles.CountAsync(a => a.VideoId != null) >= 4);
        Assert.True(await db.Articles.AllAsync(a => a.ImageId != null));
        Assert.Equal(6, await db.Videos.CountAsync());
        Assert.True(await db.Articles.Select(a => a.CategoryId).Distinct().CountAsync() >= 10);

        // Starting again over the same data adds nothing.
        await scope.ServiceProvider.GetRequiredService<Manset.Web.Data.DatabaseSetup>().PrepareAsync(withDemoContent: true, CancellationToken.None);
        Assert.Equal(48, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task Postgres_is_refused_until_migrated()
    {
        await Postgres.RequireAsync();
        var connection = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var app = new UnmigratedApp(connection);
            await using var scope = app.Services.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<Manset.Web.Data.DatabaseSetup>();
            var refused = await Assert.ThrowsAsync<Manset.Web.Data.DatabaseNotReadyException>(() => setup.PrepareAsync(withDemoContent: true, CancellationToken.None));
            Assert.Contains("db migrate", refused.Message, StringComparison.Ordinal);

            var applied = await setup.MigrateAsync(CancellationToken.None);
            Assert.NotEmpty(applied);
            await setup.PrepareAsync(withDemoContent: false, CancellationToken.None);
            Assert.Empty(await setup.MigrateAsync(CancellationToken.None));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(connection);
        }
    }

    /// <summary>The site pointed at an empty PostgreSQL database, without running the migration command.</summary>
    sealed class UnmigratedApp(string connection) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Postgres", connection);
            builder.UseSetting("Manset:DataDirectory", Path.Combine(Path.GetTempPath(), "manset-tests", Guid.NewGuid().ToString("N")));
        }
    }
}
