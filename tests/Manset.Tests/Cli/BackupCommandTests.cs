using System.Net;
using Manset.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Manset.Tests.Cli;

/// <summary><c>db backup --out FILE</c>: an online copy on SQLite; on PostgreSQL the advice to use pg_dump.</summary>
public class BackupCommandTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    static object Article(string category, string title) => new
    {
        title,
        spot = "Yedekleme sırasında yazılan bir haber.",
        body = "<p>Eskişehir'de sabah saatlerinde başlayan çalışma sürüyor.</p>",
        category,
        source = "İHA",
        status = "published",
    };

    static string NewPath(string name) =>
        Path.Combine(Path.GetTempPath(), "manset-tests", "yedek-" + Guid.NewGuid().ToString("N"), name);

    [Fact]
    public async Task A_backup_taken_while_articles_are_written_opens_with_every_article_written_before_it()
    {
        TestApp.SkipWhenAllOnPostgres();
        var app = await fixture.AppAsync();
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api, "Yedek");
        var before = new List<(int Id, string Url, string Title)>();
        for (var i = 0; i < 5; i++)
        {
            var title = $"Yedekten önce yazılan haber {i} {Guid.NewGuid():N}";
            var created = await Json.ArticleAsync(api, Article(category, title));
            before.Add(((int)created["id"]!, (string)created["url"]!, title));
        }

        // A writer posts articles through the API for as long as the backup runs.
        using var stop = new CancellationTokenSource();
        var writtenDuring = 0;
        var firstWrite = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 500 && !stop.IsCancellationRequested; i++)
            {
                await Json.ArticleAsync(api, Article(category, $"Yedek sırasında yazılan haber {i}"));
                Interlocked.Increment(ref writtenDuring);
                firstWrite.TrySetResult();
            }
        });
        await firstWrite.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var file = NewPath("manset.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var result = await app.RunAsync("db", "backup", "--out", file);
        var writtenWhenDone = Volatile.Read(ref writtenDuring);
        await stop.CancelAsync();
        await writer;

        Assert.True(result.Code == 0, result.Error);
        Assert.Contains(file, result.Output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("bayt", result.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!)); // one self-contained file: no -wal, -shm or leftovers

        await using (var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            await using var titles = copy.CreateCommand();
            titles.CommandText = "SELECT Title FROM Articles";
            var inCopy = new List<string>();
            await using (var reader = await titles.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) inCopy.Add(reader.GetString(0));
            }
            Assert.All(before, a => Assert.Contains(a.Title, inCopy));
            // A snapshot of one instant: none, some or all of the concurrent writes, never more than had finished by then.
            var concurrent = inCopy.Count(t => t.StartsWith("Yedek sırasında", StringComparison.Ordinal));
            Assert.InRange(concurrent, 1, writtenWhenDone + 1);
        }

        // The copy is a working database: a site started on it serves the articles.
        await using var restored = await TestApp.StartAsync(Db.Sqlite, configure: s => File.Copy(file, Path.Combine(s["Manset:DataDirectory"]!, "manset.db")));
        var reader2 = restored.Reader();
        foreach (var article in before)
        {
            var page = await reader2.GetAsync(article.Url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(article.Title, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task A_backup_never_overwrites_an_existing_file()
    {
        TestApp.SkipWhenAllOnPostgres();
        var app = await fixture.AppAsync();
        var file = NewPath("var-olan.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "dokunma");

        var result = await app.RunAsync("db", "backup", "--out", file);

        Assert.Equal(1, result.Code);
        Assert.Contains("zaten var", result.Error, StringComparison.Ordinal);
        Assert.Equal("dokunma", await File.ReadAllTextAsync(file));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task A_backup_needs_a_target_in_an_existing_folder()
    {
        TestApp.SkipWhenAllOnPostgres();
        var app = await fixture.AppAsync();
        Assert.Equal(1, (await app.RunAsync("db", "backup")).Code);
        var missingFolder = await app.RunAsync("db", "backup", "--out", NewPath("yok.db"));
        Assert.Equal(1, missingFolder.Code);
        Assert.Contains("klasörü yok", missingFolder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_backup_verb()
    {
        var app = await fixture.AppAsync();
        Assert.Contains("db backup --out", (await app.RunAsync("help")).Output, StringComparison.Ordinal);
    }
}

/// <summary>On PostgreSQL the command does not copy anything: it names pg_dump with the command line and exits 2.</summary>
public class BackupCommandOnPostgresTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task On_PostgreSQL_the_backup_verb_points_to_pg_dump_and_exits_2()
    {
        var app = await fixture.AppAsync();
        var file = Path.Combine(Path.GetTempPath(), "manset-tests", $"yedek-{Guid.NewGuid():N}.dump");

        var result = await app.RunAsync("db", "backup", "--out", file);

        Assert.Equal(2, result.Code);
        Assert.Contains("pg_dump -Fc", result.Error, StringComparison.Ordinal);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnection).Database!;
        Assert.Contains($"-d {database} -f {file}", result.Error, StringComparison.Ordinal);
        if (new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnection).Password is { Length: > 0 } password)
            Assert.DoesNotContain(password, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
