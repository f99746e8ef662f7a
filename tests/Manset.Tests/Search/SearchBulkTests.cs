using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Search;

/// <summary>
/// <c>demo generate</c> writes the search index by its own bulk paths (SQLite: built aside and swapped in, or in
/// place; PostgreSQL: vectors put together here and copied in). What they write must be what the ordinary path
/// (<c>reindex</c>, one <see cref="ISearchIndex.UpsertAsync"/> per story) writes: the same terms for every story and
/// the same stories found for every word.
/// </summary>
public abstract class SearchBulkTests(Db db)
{
    sealed record Snapshot(List<string> Documents, Dictionary<string, string> Found);

    static async Task<Snapshot> SnapshotAsync(TestApp app, IReadOnlyList<string>? words = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var connection = data.Database.GetDbConnection();
        await data.Database.OpenConnectionAsync();
        var documents = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            if (data.Database.IsSqlite())
            {
                // FTS5 checks its index against each story's term counts; then every story's terms, read back from
                // the index in the columns and positions it holds them at (the table keeps no text of its own).
                await data.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')");
                await data.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search_fts, instance)");
                command.CommandText = """
                    SELECT f.rowid || '|' || f.published || '|' || f.category || '|' || coalesce(t.terms, '') FROM search_fts AS f
                    LEFT JOIN (SELECT doc, group_concat(col || ':' || offset || ':' || term, ' ' ORDER BY col, offset) AS terms FROM temp.search_terms GROUP BY doc) AS t ON t.doc = f.rowid
                    ORDER BY f.rowid
                    """;
            }
            else
            {
                command.CommandText = "SELECT article_id || '|' || document::text || '|' || extract(epoch FROM published_at)::bigint || '|' || category_id FROM search_documents ORDER BY article_id";
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) documents.Add(reader.GetString(0));
        }

        // Words from the headlines, searched through the index as a reader would.
        words ??= (await data.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Title).Take(60).ToListAsync())
            .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 3 && w.All(char.IsLetter))
            .Distinct(StringComparer.Ordinal).Take(25).ToList();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var result = await index.SearchAsync(new SearchQuery(word, null, null, null, 1, 2000), CancellationToken.None);
            found[word] = $"{result.Total}: {string.Join(',', result.Ids.Order())}";
        }
        return new Snapshot(documents, found);
    }

    [Fact]
    public async Task Generated_stories_are_indexed_as_a_rebuild_indexes_them()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        await using var app = await TestApp.StartAsync(db, demo: true);
        var demo = await SnapshotAsync(app);
        // SQLite: 60 new stories beside the demo paper's 48 build the index aside (the 48 analysed again into it);
        // then 108 indexed and 30 new ones go in place. (Small, so that mutation testing can afford it.)
        Assert.Equal(0, (await app.RunAsync("demo", "generate", "--articles", "60")).Code);
        Assert.Equal(0, (await app.RunAsync("demo", "generate", "--articles", "30")).Code);
        Assert.Empty(Directory.GetFiles(app.DataDirectory, "*.search-build*", SearchOption.AllDirectories)); // the scratch index is gone
        var generated = await SnapshotAsync(app);
        Assert.Equal(demo.Documents.Count + 90, generated.Documents.Count);
        Assert.Equal(demo.Documents, generated.Documents.Take(demo.Documents.Count));
        Assert.All(generated.Found, f => Assert.False(f.Value.StartsWith("0:", StringComparison.Ordinal), $"{f.Key} found nothing"));

        var (code, output, error) = await app.RunAsync("reindex");
        Assert.True(code == 0, error);
        Assert.Contains($"{generated.Documents.Count} haber", output, StringComparison.Ordinal);
        var rebuilt = await SnapshotAsync(app, [.. generated.Found.Keys]);

        Assert.Equal(rebuilt.Documents, generated.Documents);
        Assert.Equal(rebuilt.Found, generated.Found);
    }
}

public sealed class SearchBulkTestsOnSqlite() : SearchBulkTests(Db.Sqlite);
public sealed class SearchBulkTestsOnPostgres() : SearchBulkTests(Db.Postgres);

/// <summary>
/// Which way SQLite's bulk writer takes, and what it leaves behind: both ways index the same (above), so only this
/// shows that the choice is the one documented on <see cref="SqliteSearchBulk"/> and that each way cleans up.
/// </summary>
public class SqliteSearchBulkTests
{
    [Fact]
    public async Task Aside_when_new_stories_are_at_least_as_many_as_the_indexed_in_place_otherwise_and_each_way_cleans_up()
    {
        TestApp.SkipWhenAllOnPostgres(); // SQLite's own bulk writer; PostgreSQL's is checked by SearchBulkTestsOnPostgres
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        await data.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)data.Database.GetDbConnection();
        var indexed = (int)(long)Scalar(connection, "SELECT count(*) FROM search_fts_docsize")!;
        Assert.True(indexed > 2, $"{indexed} stories indexed");
        var scratch = connection.DataSource + ".search-build";

        foreach (var documents in new[] { indexed + 1, indexed })
        {
            using (var aside = SqliteSearchBulk.Begin(connection, documents))
            {
                Assert.True(aside.BuildsAside, $"{documents} new beside {indexed} indexed");
                Assert.Contains("search_build", Databases(connection));
                Assert.True(File.Exists(scratch));
            }
            Assert.DoesNotContain("search_build", Databases(connection));
            Assert.False(File.Exists(scratch));
        }

        using var inPlace = SqliteSearchBulk.Begin(connection, indexed - 1);
        Assert.False(inPlace.BuildsAside);
        Assert.DoesNotContain("search_build", Databases(connection));
        Assert.False(File.Exists(scratch));
        using (var transaction = connection.BeginTransaction())
        {
            inPlace.Start(transaction);
            // FTS5 keeps 512 MB of terms before it writes a segment, and does not merge while it loads...
            Assert.Equal([("automerge", 0L), ("hashsize", 512L * 1024 * 1024)], Config(connection, transaction));
            inPlace.Finish(transaction);
            // ...and gets its defaults back at the end.
            Assert.Equal([("automerge", 4L), ("hashsize", 1024L * 1024)], Config(connection, transaction));
            transaction.Rollback();
        }
        Assert.Throws<InvalidOperationException>(() => inPlace.BuildAsync(System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<AnalysedDocument>>().Reader, CancellationToken.None).GetAwaiter().GetResult());
    }

    static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    static List<string> Databases(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_database_list";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    static List<(string, long)> Config(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT k, v FROM search_fts_config WHERE k IN ('automerge', 'hashsize') ORDER BY k";
        using var reader = command.ExecuteReader();
        var values = new List<(string, long)>();
        while (reader.Read()) values.Add((reader.GetString(0), reader.GetInt64(1)));
        return values;
    }
}
