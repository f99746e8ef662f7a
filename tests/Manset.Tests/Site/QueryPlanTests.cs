using System.Text.RegularExpressions;
using Manset.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Manset.Tests.Site;

/// <summary>
/// How SQLite reads the public pages of a paper of thousands of stories when none is breaking now: every statement the
/// pages run on Articles, explained (EXPLAIN QUERY PLAN) with the planner statistics <c>demo generate</c> leaves. Guards
/// what a million-article paper taught: a filter on the SON DAKİKA flag answered from the PublishedAt index walks every
/// article when no flagged story is there to stop it (1.5–3 s a page), and the home page's latest 300 are read from
/// an index alone.
/// </summary>
public sealed partial class QueryPlanTests
{
    [GeneratedRegex(@"^Information Microsoft\.EntityFrameworkCore\.Database\.Command: Executed DbCommand [^\n]*\n(?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Executed();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^\s*WHERE .*""IsBreaking""", RegexOptions.Multiline)]
    private static partial Regex FiltersOnBreaking();

    static string Shorten(string text) => text.Length <= 160 ? text : text[..160];

    [Fact]
    public async Task Breaking_news_and_the_latest_stories_are_read_through_their_own_indexes_not_by_walking_every_article()
    {
        TestApp.SkipWhenAllOnPostgres(); // SQLite's planner, on SQLite's file
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: true, configure: s =>
        {
            s["Manset:OutputCache:Enabled"] = "false";
            s["Manset:OutputCache:DataSeconds"] = "0";
            s["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        Assert.Equal(0, (await app.RunAsync("demo", "generate", "--articles", "3000")).Code);
        var database = Path.Combine(app.DataDirectory, "manset.db");
        // Nothing is breaking now: the band falls back to the flagged stories of the last two days.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var expire = connection.CreateCommand();
            expire.CommandText = "UPDATE Articles SET BreakingUntil = 1 WHERE IsBreaking";
            Assert.True(await expire.ExecuteNonQueryAsync(TestContext.Current.CancellationToken) > 0, "the generated paper has no breaking story");
        }

        // From the first request on: the shared blocks (the band among them) are read by the first page and kept 30 s.
        logs.Lines.Clear();
        var reader = app.Reader();
        var category = await reader.GetStringAsync("/gundem", TestContext.Current.CancellationToken);
        var article = Regex.Match(category, "href=\"(/gundem/[a-z0-9-]+-[0-9]+)\"").Groups[1].Value;
        Assert.NotEqual("", article);
        foreach (var url in new[] { "/", "/son-dakika", "/gundem", article })
        {
            var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        }

        var statements = logs.Lines.Select(l => Executed().Match(l)).Where(m => m.Success).Select(m => m.Groups["sql"].Value.Trim())
            .Where(sql => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("FROM \"Articles\"", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        await using var plans = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await plans.OpenAsync(TestContext.Current.CancellationToken);
        var explained = new List<(string Sql, string Plan)>();
        foreach (var sql in statements)
        {
            await using var explain = plans.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
                explain.Parameters.AddWithValue(name, DBNull.Value);
            await using var rows = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var plan = new List<string>();
            while (await rows.ReadAsync(TestContext.Current.CancellationToken)) plan.Add(rows.GetString(3));
            explained.Add((sql, string.Join(" | ", plan)));
        }
        TestContext.Current.SendDiagnosticMessage("Query plans of the public pages:\n{0}",
            string.Join("\n", explained.Select(e => $"{e.Plan}  <=  {Shorten(e.Sql.ReplaceLineEndings(" "))}")));

        // Never the whole table.
        Assert.All(explained, e => Assert.DoesNotMatch(@"SCAN a\b|SCAN ""Articles""", e.Plan));
        // The live band, its two-day fallback and the SON DAKİKA page: each from a partial index of the flagged stories.
        var breaking = explained.Where(e => FiltersOnBreaking().IsMatch(e.Sql)).ToList();
        Assert.True(breaking.Count >= 3, $"expected the band, its fallback and the SON DAKİKA page among:\n{string.Join("\n", statements)}");
        Assert.All(breaking, e => Assert.Contains("USING INDEX IX_Articles_Breaking_", e.Plan, StringComparison.Ordinal));
        // The live ones by the range of their BreakingUntil, however many stories were ever flagged.
        var live = Assert.Single(breaking, e => e.Sql.Contains("\"BreakingUntil\" > @now", StringComparison.Ordinal));
        Assert.Contains("USING INDEX IX_Articles_Breaking_BreakingUntil (BreakingUntil>?)", live.Plan, StringComparison.Ordinal);
        // The home page's latest 300: ids, categories and pictures from the index alone.
        var latest = Assert.Single(explained, e => e.Sql.Contains("\"a\".\"ImageId\" IS NOT NULL", StringComparison.Ordinal) && e.Sql.Contains("LIMIT", StringComparison.Ordinal));
        Assert.Contains("USING COVERING INDEX IX_Articles_Status_PublishedAt_CategoryId_ImageId", latest.Plan, StringComparison.Ordinal);
    }
}
