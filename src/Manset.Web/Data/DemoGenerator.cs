using System.Text;
using System.Threading.Channels;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Manset.Web.Data;

/// <summary>
/// <c>demo generate --articles N</c>: N synthetic published articles for benchmarks and scale tests, written fast.
/// Turkish news prose from word lists and sentence templates (a headline, a spot, a body of about 2.3 KB with
/// paragraphs, sub-headings and quotes), spread over the categories, tags (a few used far more than the rest),
/// reporters and the last <c>years</c> years (oldest first, as a newspaper's ids grow), each with its counters
/// (<see cref="ArticleStats"/>), bylines and tags, and in the search index. The demo newspaper's pictures are reused.
/// <para>
/// Speed (1,000,000 articles in under two minutes on two cores): one thread writes the texts and their index
/// terms (put together from fragments analysed once) while the others write. SQLite: one transaction (all or
/// nothing), rollback journal and no syncs while it runs, statements prepared once, the texts handed over in small
/// chunks; the search index is built aside on a core of its own and put in place at the end (<see cref="SqliteSearchBulk"/>). PostgreSQL: two sessions
/// write alternate chunks of 1,000 with binary COPY, each chunk a transaction (<see cref="PostgresSearchBulk"/>).
/// Run it while the site is stopped (SQLite) or quiet (PostgreSQL).
/// </para>
/// </summary>
public sealed class DemoGenerator(MansetDb db, TimeProvider clock, ILogger<DemoGenerator> log)
{
    /// <summary>Articles made from one seed (the same articles for the same count, whatever the backend).</summary>
    const int SeedBlock = 1000;
    /// <summary>PostgreSQL: articles handed to a writing session at a time, each chunk a transaction.</summary>
    const int PostgresChunk = 1000;
    /// <summary>
    /// SQLite: articles handed to the writers at a time. Small, so that the texts in flight die young: chunks of
    /// 1,000 kept ~100 MB of them alive across collections and made an old generation of them (85 full collections
    /// for 300,000 articles against 5, 5.5 s of pauses against 0.8; 300,000 articles in 34–37 s against 43–44).
    /// </summary>
    const int SqliteChunk = 50;

    public async Task<int> GenerateAsync(int count, IProgress<(int Done, int Total)>? progress, CancellationToken ct) =>
        await GenerateAsync(count, years: 3, progress, ct);

    public async Task<int> GenerateAsync(int count, int years, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        if (categories.Count == 0) throw new InvalidOperationException("Kategori yok: önce siteyi bir kez başlatın (demo gazete) ya da kategori ekleyin.");
        var images = await db.Media.AsNoTracking().Where(m => m.Kind == MediaKind.Image).OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(ct);
        var authors = await EnsureAuthorsAsync(ct);
        var (cityTags, topicTags, otherTags) = await EnsureTagsAsync(ct);

        var now = clock.GetUtcNow();
        var plan = new Plan(count, now, TimeSpan.FromDays(365.25 * years), categories, images, authors, cityTags, topicTags, otherTags);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            plan.FirstId = await ReserveIdsAsync(count, ct);
            if (connection is SqliteConnection sqlite) await WriteSqliteAsync(sqlite, plan, progress, ct);
            else await WritePostgresAsync((NpgsqlConnection)connection, plan, progress, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        log.LogInformation("{Count} sentetik haber yazıldı.", count);
        return count;
    }

    /// <summary>
    /// Runs the generator's threads (texts, rows, search index) together: the first to fail stops the others, and
    /// its exception is the one thrown.
    /// </summary>
    static async Task RunTogetherAsync(CancellationToken ct, params Func<CancellationToken, Task>[] parts)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = parts.Select(part => Task.Run(async () =>
        {
            try { await part(cts.Token); }
            catch { await cts.CancelAsync(); throw; }
        }, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            var failure = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reference rows: reporters and tags the generated stories use (created once, found by slug after that).

    static readonly string[] FirstNames = ["Ahmet", "Ayşe", "Mehmet", "Fatma", "Mustafa", "Zeynep", "Hüseyin", "Elif", "Ali", "Emine", "İbrahim",
        "Hatice", "Hasan", "Merve", "Osman", "Büşra", "Yusuf", "Özlem", "Burak", "Selin", "Cem", "Gülşen", "Serkan", "Dilek"];
    static readonly string[] LastNames = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Arslan", "Doğan", "Koç", "Kurt", "Özdemir", "Aydın", "Öztürk",
        "Kılıç", "Aslan", "Çetin", "Erdoğan", "Yıldız", "Güneş", "Polat", "Taş", "Korkmaz", "Bulut", "Ekinci", "Uçar"];

    async Task<int[]> EnsureAuthorsAsync(CancellationToken ct)
    {
        var wanted = Enumerable.Range(0, 24).Select(i => $"{FirstNames[i]} {LastNames[(i * 7 + 3) % LastNames.Length]}").ToList();
        var slugs = wanted.Select(n => Slug.From(n)).ToList();
        var existing = await db.Authors.Where(a => slugs.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(ct);
        for (var i = 0; i < wanted.Count; i++)
        {
            if (existing.Contains(slugs[i], StringComparer.Ordinal)) continue;
            db.Authors.Add(new Author { Name = wanted[i], Slug = slugs[i], Title = i % 4 == 0 ? "Editör" : "Muhabir" });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return [.. await db.Authors.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct)];
    }

    async Task<(int[] Cities, int[] Topics, int[] Others)> EnsureTagsAsync(CancellationToken ct)
    {
        var names = Vocabulary.Cities.Concat(Vocabulary.Topics.Select(Cap)).ToList();
        var slugs = names.Select(n => Slug.From(n)).ToList();
        var existing = (await db.Tags.AsNoTracking().Select(t => t.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (existing.Add(slugs[i])) db.Tags.Add(new Tag { Name = names[i], Slug = slugs[i] });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var ids = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Id, StringComparer.Ordinal, ct);
        var cities = Vocabulary.Cities.Select(c => ids[Slug.From(c)]).ToArray();
        var topics = Vocabulary.Topics.Select(t => ids[Slug.From(Cap(t))]).ToArray();
        var others = ids.Values.Except(cities).Except(topics).Order().ToArray();
        return (cities, topics, others.Length > 0 ? others : topics);
    }

    /// <summary>The ids the new articles get: after every id the table has given, reserved against concurrent writers.</summary>
    async Task<int> ReserveIdsAsync(int count, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = """SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'Articles'), 0), coalesce((SELECT max("Id") FROM "Articles"), 0))""";
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
        // PostgreSQL: the identity's sequence moves past the whole range, under a lock that keeps other writers out meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Articles" IN SHARE ROW EXCLUSIVE MODE""", ct);
        var first = await db.Database.SqlQueryRaw<int>("""
            SELECT greatest(coalesce(max("Id"), 0) + 1, nextval(pg_get_serial_sequence('"Articles"', 'Id')))::int AS "Value" FROM "Articles"
            """).SingleAsync(ct);
        await db.Database.ExecuteSqlAsync($"""SELECT setval(pg_get_serial_sequence('"Articles"', 'Id'), {(long)first + count - 1})""", ct);
        await transaction.CommitAsync(ct);
        return first;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Writing: SQLite.

    static async Task WriteSqliteAsync(SqliteConnection connection, Plan plan, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        // A rollback journal keeps only the pages a transaction changes that existed before it: appending costs no
        // journal writes, where WAL would write every page twice. No syncs while generating; put back afterwards.
        var journal = Pragma(connection, "journal_mode");
        var synchronous = Pragma(connection, "synchronous");
        var cacheSize = Pragma(connection, "cache_size");
        SqliteConnection.ClearAllPools(); // the pool's idle connections would keep the database in WAL mode
        TryPragma(connection, "journal_mode = TRUNCATE"); // stays WAL if another process has the database open
        Pragma(connection, "synchronous = OFF");
        Pragma(connection, "cache_size = -262144");
        try
        {
            // One transaction: a generation that fails or is killed leaves nothing behind (the journal rolls it back).
            using var search = SqliteSearchBulk.Begin(connection, plan.Count);
            // Deferred: the scratch index attached to this connection is written meanwhile by another one.
            using var transaction = connection.BeginTransaction(deferred: true);
            search.Start(transaction);
            var rows = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var documents = search.BuildsAside ? Channel.CreateBounded<IReadOnlyList<AnalysedDocument>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true }) : null;
            await RunTogetherAsync(ct,
                token => ProduceAsync(plan, SqliteChunk, rows.Writer, documents?.Writer, token),
                token => documents is null ? Task.CompletedTask : search.BuildAsync(documents.Reader, token),
                token => WriteSqliteRowsAsync(connection, transaction, search, rows.Reader, plan.Count, progress, token));
            search.Finish(transaction);
            transaction.Commit();
            // Statistics for the query planner: without them SQLite guesses that "Status = 3" picks a few rows and
            // reads a million through that index where the primary key or the category's index would read four.
            Pragma(connection, "analysis_limit = 0");
            using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            analyze.CommandTimeout = 0;
            analyze.ExecuteNonQuery();
        }
        finally
        {
            Pragma(connection, $"synchronous = {synchronous}");
            Pragma(connection, $"cache_size = {cacheSize}");
            if (!string.Equals(journal, Pragma(connection, "journal_mode"), StringComparison.OrdinalIgnoreCase)) TryPragma(connection, $"journal_mode = {journal}");
            SqliteConnection.ClearPool(connection); // FTS5 keeps what it read of the old index per connection: none is used again
        }
    }

    static async Task WriteSqliteRowsAsync(SqliteConnection connection, SqliteTransaction transaction, SqliteSearchBulk search, ChannelReader<Chunk> chunks, int count,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        using var article = new SqliteBulkStatement(connection, """
            INSERT INTO "Articles" ("Id", "Title", "Slug", "Spot", "Body", "CategoryId", "Source", "Status", "PublishedAt", "EditedAt", "CreatedAt", "ModifiedAt",
                "IsBreaking", "Slot", "SlotOrder", "ImageId", "ImageCaption", "ImageCredit", "Version")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)
            """);
        using var stats = new SqliteBulkStatement(connection, """
            INSERT INTO "ArticleStats" ("ArticleId", "Views", "Like", "Love", "Dislike", "Sad", "Wow") VALUES (?, ?, ?, ?, ?, ?, ?)
            """);
        // Bylines and tags: one statement per chunk each, every row one number in a JSON array (article, id, order).
        using var author = Prepare(connection, transaction, $"""
            INSERT INTO "ArticleAuthors" ("ArticleId", "AuthorId", "Order") SELECT value >> {PairArticleShift}, (value >> {PairOrderBits}) & {PairIdMask}, value & {PairOrderMask} FROM json_each($rows)
            """, "$rows");
        using var tag = Prepare(connection, transaction, $"""
            INSERT INTO "ArticleTags" ("ArticleId", "TagId", "Order") SELECT value >> {PairArticleShift}, (value >> {PairOrderBits}) & {PairIdMask}, value & {PairOrderMask} FROM json_each($rows)
            """, "$rows");
        var json = new StringBuilder(16 * 5 * SqliteChunk);
        var done = 0;
        await foreach (var chunk in chunks.ReadAllAsync(ct))
        {
            foreach (var a in chunk.Articles)
            {
                article.Bind(1, a.Id).Bind(2, a.Title).Bind(3, a.Slug).Bind(4, a.Spot).Bind(5, a.Body).Bind(6, a.CategoryId).Bind(7, a.Source)
                    .Bind(8, (int)ArticleStatus.Published).Bind(9, a.PublishedAt.UtcTicks).Bind(10, a.EditedAt?.UtcTicks).Bind(11, a.CreatedAt.UtcTicks)
                    .Bind(12, (a.EditedAt ?? a.PublishedAt).UtcTicks).Bind(13, a.ImageId).Bind(14, a.ImageCaption).Bind(15, a.ImageCredit)
                    .Bind(16, a.EditedAt is null ? 1 : 2).Run();
                stats.Bind(1, a.Id).Bind(2, a.Views).Bind(3, a.Like).Bind(4, a.Love).Bind(5, a.Dislike).Bind(6, a.Sad).Bind(7, a.Wow).Run();
                search.Add(a.Search);
            }
            Run(author, Pairs(json, chunk.Articles, a => a.Authors));
            Run(tag, Pairs(json, chunk.Articles, a => a.Tags));
            done += chunk.Articles.Length;
            progress?.Report((done, count));
        }
    }

    const int PairOrderBits = 8, PairIdBits = 24, PairArticleShift = PairOrderBits + PairIdBits;
    const long PairOrderMask = (1L << PairOrderBits) - 1, PairIdMask = (1L << PairIdBits) - 1;

    /// <summary>[n, n, …]: each (article, other id, order) of the chunk as one number, article × 2³² + id × 2⁸ + order.</summary>
    static string Pairs(StringBuilder json, GeneratedArticle[] articles, Func<GeneratedArticle, int[]> ids)
    {
        json.Clear().Append('[');
        foreach (var a in articles)
        {
            var list = ids(a);
            for (var i = 0; i < list.Length; i++)
            {
                if (list[i] > PairIdMask) throw new InvalidOperationException($"demo generate: id {list[i]} is too large.");
                if (json.Length > 1) json.Append(',');
                json.Append(((long)a.Id << PairArticleShift) | ((long)list[i] << PairOrderBits) | (long)i);
            }
        }
        return json.Append(']').ToString();
    }

    static string Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    static void TryPragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.CommandTimeout = 1;
        try { command.ExecuteNonQuery(); }
        catch (SqliteException) { } // busy: another connection; the generator works in any journal mode
    }

    static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        return command;
    }

    static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Writing: PostgreSQL.

    /// <summary>PostgreSQL: two sessions write alternate chunks, so that the server works on two cores.</summary>
    const int PostgresWriters = 2;

    static async Task WritePostgresAsync(NpgsqlConnection connection, Plan plan, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var rows = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2 * PostgresWriters) { SingleReader = false, SingleWriter = true });
        var others = Enumerable.Range(1, PostgresWriters - 1).Select(_ => (NpgsqlConnection)((ICloneable)connection).Clone()).ToList();
        try
        {
            var done = 0;
            var gate = new Lock();
            void Done(int n)
            {
                lock (gate)
                {
                    done += n;
                    progress?.Report((done, plan.Count));
                }
            }
            var parts = new List<Func<CancellationToken, Task>> { token => ProduceAsync(plan, PostgresChunk, rows.Writer, null, token) };
            foreach (var session in others.Prepend(connection)) parts.Add(token => WritePostgresRowsAsync(session, rows.Reader, Done, token));
            await RunTogetherAsync(ct, [.. parts]);
        }
        finally
        {
            foreach (var other in others) await other.DisposeAsync();
        }
        await using var analyze = new NpgsqlCommand("""ANALYZE "Articles", "ArticleStats", "ArticleAuthors", "ArticleTags", search_documents""", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(ct);
    }

    static async Task WritePostgresRowsAsync(NpgsqlConnection connection, ChannelReader<Chunk> chunks, Action<int> done, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        // A commit per chunk, without waiting for its WAL to reach the disk (a crash loses the last chunks, nothing else).
        await using (var set = new NpgsqlCommand("SET synchronous_commit = off", connection)) await set.ExecuteNonQueryAsync(ct);
        var search = new PostgresSearchBulk(connection);
        await search.BeginAsync(ct);
        await foreach (var chunk in chunks.ReadAllAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY "Articles" ("Id", "Title", "Slug", "Spot", "Body", "CategoryId", "Source", "Status", "PublishedAt", "EditedAt", "CreatedAt", "ModifiedAt",
                    "IsBreaking", "Slot", "SlotOrder", "ImageId", "ImageCaption", "ImageCredit", "Version") FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var a in chunk.Articles)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(a.Title, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(a.Slug, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(a.Spot, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(a.Body, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(a.CategoryId, NpgsqlDbType.Integer, ct);
                    await WriteNullableAsync(copy, a.Source, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync((int)ArticleStatus.Published, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz, ct);
                    if (a.EditedAt is { } edited) await copy.WriteAsync(edited, NpgsqlDbType.TimestampTz, ct);
                    else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(a.EditedAt ?? a.PublishedAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync((int)LeadSlot.None, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                    if (a.ImageId is { } image) await copy.WriteAsync(image, NpgsqlDbType.Integer, ct);
                    else await copy.WriteNullAsync(ct);
                    await WriteNullableAsync(copy, a.ImageCaption, NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(copy, a.ImageCredit, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(a.EditedAt is null ? 1 : 2, NpgsqlDbType.Integer, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "ArticleStats" ("ArticleId", "Views", "Like", "Love", "Dislike", "Sad", "Wow") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var a in chunk.Articles)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(a.Views, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.Like, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.Love, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.Dislike, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.Sad, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.Wow, NpgsqlDbType.Bigint, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "ArticleAuthors" ("ArticleId", "AuthorId", "Order") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var a in chunk.Articles)
                {
                    for (var i = 0; i < a.Authors.Length; i++) await WritePairAsync(copy, a.Id, a.Authors[i], i, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "ArticleTags" ("ArticleId", "TagId", "Order") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var a in chunk.Articles)
                {
                    for (var i = 0; i < a.Tags.Length; i++) await WritePairAsync(copy, a.Id, a.Tags[i], i, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await search.AddAsync(chunk.Articles.Select(a => a.Search).ToList(), ct);
            await transaction.CommitAsync(ct);
            done(chunk.Articles.Length);
        }
        await search.FinishAsync(ct);
        await using var reset = new NpgsqlCommand("RESET synchronous_commit", connection);
        await reset.ExecuteNonQueryAsync(ct);
    }

    static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, type, ct);
    }

    static async Task WritePairAsync(NpgsqlBinaryImporter copy, int articleId, int otherId, int order, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(articleId, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(otherId, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(order, NpgsqlDbType.Integer, ct);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The stories.

    sealed class Plan(int count, DateTimeOffset now, TimeSpan span, List<int> categories, List<int> images, int[] authors, int[] cityTags, int[] topicTags, int[] otherTags)
    {
        public int Count { get; } = count;
        public DateTimeOffset Now { get; } = now;
        public TimeSpan Span { get; } = span;
        public List<int> Categories { get; } = categories;
        public List<int> Images { get; } = images;
        public int[] Authors { get; } = authors;
        public int[] CityTags { get; } = cityTags;
        public int[] TopicTags { get; } = topicTags;
        public int[] OtherTags { get; } = otherTags;
        public int FirstId { get; set; }
    }

    sealed record Chunk(GeneratedArticle[] Articles);

    sealed record GeneratedArticle(int Id, string Title, string Slug, string Spot, string Body, int CategoryId, string? Source,
        DateTimeOffset PublishedAt, DateTimeOffset? EditedAt, DateTimeOffset CreatedAt, int? ImageId, string? ImageCaption, string? ImageCredit,
        int[] Authors, int[] Tags, long Views, long Like, long Love, long Dislike, long Sad, long Wow, AnalysedDocument Search);

    static async Task ProduceAsync(Plan plan, int chunkSize, ChannelWriter<Chunk> rows, ChannelWriter<IReadOnlyList<AnalysedDocument>>? documents, CancellationToken ct)
    {
        try
        {
            var terms = new FragmentTerms();
            var pool = Vocabulary.SentencePool(new Random(plan.Count), terms);
            var texts = new Texts(terms);
            Random random = null!; // seeded at article 0 and again at every SeedBlock, whatever the chunks
            for (var start = 0; start < plan.Count; start += chunkSize)
            {
                var size = Math.Min(chunkSize, plan.Count - start);
                var articles = new GeneratedArticle[size];
                for (var i = 0; i < size; i++)
                {
                    var n = start + i;
                    if (n % SeedBlock == 0) random = new Random(unchecked(plan.Count * 7919 + n));
                    articles[i] = Make(plan, n, random, pool, texts);
                }
                await rows.WriteAsync(new Chunk(articles), ct);
                if (documents is not null) await documents.WriteAsync(Array.ConvertAll(articles, a => a.Search), ct);
            }
            rows.Complete();
            documents?.Complete();
        }
        catch (Exception e)
        {
            rows.TryComplete(e);
            documents?.TryComplete(e);
            throw;
        }
    }

    static GeneratedArticle Make(Plan plan, int n, Random random, Sentence[] pool, Texts texts)
    {
        var city = Vocabulary.Cities[random.Next(Vocabulary.Cities.Length)];
        var topicIndex = random.Next(Vocabulary.Topics.Length);
        var topic = Vocabulary.Topics[topicIndex];
        var subject = Vocabulary.Subjects[random.Next(Vocabulary.Subjects.Length)];
        var verb = Vocabulary.Verbs[random.Next(Vocabulary.Verbs.Length)];
        var detail = Vocabulary.Details[random.Next(Vocabulary.Details.Length)];

        var title = texts.Title.Clear();
        switch (random.Next(5))
        {
            case 0: title.Words(city).Space().Words(subject).Space().Words(topic).Space().Words("için").Space().Words(verb); break;
            case 1: title.Words(Vocabulary.Locative(city)).Space().Words(topic).Space().Words("için yeni dönem başlıyor"); break;
            case 2: title.Words(Cap(subject)).Space().Words(topic).Space().Words("konusunda uyardı"); break;
            case 3: title.Words(Vocabulary.Locative(city)).Space().Words(topic).Space().Words("çalışmaları hız kazandı"); break;
            default: title.Words(city).Space().Words(subject).Comma().Words(topic).Space().Words("için harekete geçti"); break;
        }
        var spot = texts.Spot.Clear();
        spot.Words(Vocabulary.Locative(city)).Space().Words(subject).Comma().Words(topic).Space().Words("konusunda").Space().Words(verb).Markup(". ")
            .Words(Cap(detail)).Stop();
        if (random.Next(2) == 0) spot.Sentence(pool[random.Next(pool.Length)]);

        var body = texts.Body.Clear();
        body.Markup("<p>").Words(Vocabulary.Locative(city)).Space().Words(subject).Space().Words("tarafından yapılan açıklamada").Space().Words(detail).Stop();
        Sentences(body, pool, random, 2).Markup("</p>");
        var paragraphs = 6 + random.Next(4);
        var quoteAfter = random.Next(3) > 0 ? 3 + random.Next(2) : -1;
        for (var p = 1; p < paragraphs; p++)
        {
            if (p == 2) body.Markup("<h2>").Words(Vocabulary.Heading(random, city, topic)).Markup("</h2>");
            if (p == paragraphs - 2 && random.Next(2) == 0) body.Markup("<h2>").Words(Vocabulary.Heading(random, city, topic)).Markup("</h2>");
            body.Markup("<p>");
            Sentences(body, pool, random, 2 + random.Next(3)).Markup("</p>");
            if (p == quoteAfter) body.Markup("<blockquote><p>“").Words(Vocabulary.Quotes[random.Next(Vocabulary.Quotes.Length)]).Markup("”</p></blockquote>");
        }

        // Chronological: the oldest first, spread evenly over the span, a few minutes' jitter, the newest a minute ago.
        var published = plan.Now.AddMinutes(-1) - plan.Span * ((plan.Count - 1 - n) / (double)Math.Max(1, plan.Count)) - TimeSpan.FromSeconds(random.Next(0, 1800));
        var edited = random.Next(7) == 0 ? published.AddMinutes(random.Next(10, 600)) : (DateTimeOffset?)null;
        if (edited > plan.Now) edited = null;
        var source = random.Next(8) switch { 0 or 1 or 2 => "İHA", 3 or 4 => "AA", 5 => "DHA", _ => null };
        var imageId = plan.Images.Count > 0 && random.Next(4) > 0 ? plan.Images[random.Next(plan.Images.Count)] : (int?)null;

        var authorCount = random.Next(10) == 0 ? 2 : 1;
        var authors = new int[authorCount];
        authors[0] = plan.Authors[random.Next(plan.Authors.Length)];
        if (authorCount == 2)
        {
            authors[1] = plan.Authors[random.Next(plan.Authors.Length)];
            if (authors[1] == authors[0]) authors = [authors[0]];
        }
        // Tags: often the city and the topic, and some others, a few of them far more often than the rest.
        var tags = new List<int>(5);
        if (random.Next(10) < 6) tags.Add(plan.CityTags[Array.IndexOf(Vocabulary.Cities, city)]);
        if (random.Next(10) < 5) tags.Add(plan.TopicTags[topicIndex]);
        for (var extra = tags.Count == 0 ? 1 + random.Next(2) : random.Next(3); extra > 0; extra--)
        {
            var tag = plan.OtherTags[(int)(plan.OtherTags.Length * Math.Pow(random.NextDouble(), 3))];
            if (!tags.Contains(tag)) tags.Add(tag);
        }

        // Most stories are read a little, a few a lot.
        var views = (long)Math.Exp(random.NextDouble() * 10.5);
        var id = plan.FirstId + n;
        var categoryId = plan.Categories[random.Next(plan.Categories.Count)];
        var titleText = title.Html;
        var article = new GeneratedArticle(id, titleText, Slug.From(titleText), spot.Html, body.Html, categoryId, source,
            published, edited, published.AddMinutes(-random.Next(15, 90)), imageId,
            imageId is null ? null : $"{city} ({Vocabulary.Locative(city)} {topic} çalışmaları)", imageId is null ? null : source ?? "Manşet Haber",
            authors, [.. tags], views, views / (20 + random.Next(40)), views / (40 + random.Next(80)), views / (80 + random.Next(320)),
            views / (60 + random.Next(340)), views / (60 + random.Next(240)),
            new AnalysedDocument(id, title.Terms, spot.Terms, body.Terms, published, categoryId));
        if (n < 20 || n % 50_000 == 0) Check(article);
        return article;
    }

    static Composer Sentences(Composer composer, Sentence[] pool, Random random, int count)
    {
        for (var i = 0; i < count; i++) composer.Sentence(pool[random.Next(pool.Length)]);
        return composer;
    }

    /// <summary>The terms put together from fragments are those the index would make of the whole text.</summary>
    static void Check(GeneratedArticle a)
    {
        if (!string.Equals(a.Search.TitleTerms, SearchText.IndexTerms(a.Title), StringComparison.Ordinal)
            || !string.Equals(a.Search.SpotTerms, SearchText.IndexTerms(a.Spot), StringComparison.Ordinal)
            || !string.Equals(a.Search.BodyTerms, SearchText.IndexTerms(HtmlText.Plain(a.Body)), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"demo generate: the index terms of article {a.Id} differ from the search analysis of its text.");
        }
    }

    static string Cap(string text) => text.Length == 0 ? text : Turkish.Upper(text[..1]) + text[1..];

    /// <summary>A sentence of the pool: its text and its index terms, analysed once.</summary>
    sealed record Sentence(string Text, string Terms);

    /// <summary>The producer's composers, used again for every article.</summary>
    sealed class Texts(FragmentTerms terms)
    {
        public Composer Title { get; } = new(terms, 128);
        public Composer Spot { get; } = new(terms, 512);
        public Composer Body { get; } = new(terms, 4096);
    }

    /// <summary>Builds a text and its index terms side by side from whole-word fragments, markup and punctuation.</summary>
    sealed class Composer(FragmentTerms cache, int capacity)
    {
        readonly StringBuilder _html = new(capacity);
        readonly StringBuilder _terms = new(capacity * 2);

        public Composer Clear()
        {
            _html.Clear();
            _terms.Clear();
            return this;
        }

        public string Html => _html.ToString();
        public string Terms => _terms.ToString();

        public Composer Words(string fragment)
        {
            _html.Append(fragment);
            return AddTerms(cache.Of(fragment));
        }

        public Composer Sentence(Sentence sentence)
        {
            if (_html.Length > 0 && _html[^1] != '>') _html.Append(' ');
            _html.Append(sentence.Text);
            return AddTerms(sentence.Terms);
        }

        public Composer Markup(string markup)
        {
            _html.Append(markup);
            return this;
        }

        public Composer Space() => Markup(" ");
        public Composer Comma() => Markup(", ");
        public Composer Stop() => Markup(".");

        Composer AddTerms(string terms)
        {
            if (terms.Length == 0) return this;
            if (_terms.Length > 0) _terms.Append(' ');
            _terms.Append(terms);
            return this;
        }
    }

    /// <summary>Word lists and sentence templates of a Turkish local newspaper.</summary>
    static class Vocabulary
    {
        public static readonly string[] Cities = ["Adana", "Ankara", "Antalya", "Bursa", "Çanakkale", "Denizli", "Diyarbakır", "Edirne", "Erzurum", "Eskişehir",
            "Gaziantep", "Giresun", "Hatay", "Iğdır", "Isparta", "İstanbul", "İzmir", "Kahramanmaraş", "Kars", "Kayseri", "Konya", "Kütahya", "Malatya",
            "Manisa", "Mardin", "Muğla", "Ordu", "Rize", "Sakarya", "Samsun", "Şanlıurfa", "Şırnak", "Trabzon", "Uşak", "Van", "Yozgat", "Zonguldak"];
        public static readonly string[] Subjects = ["belediye meclisi", "valilik", "il sağlık müdürlüğü", "üniversite", "ticaret odası", "itfaiye ekipleri", "emniyet müdürlüğü",
            "tarım müdürlüğü", "spor kulübü", "muhtarlar", "ziraat odası", "esnaf odası", "milli eğitim müdürlüğü", "orman bölge müdürlüğü", "sanayi odası",
            "büyükşehir belediyesi", "kızılay şubesi", "afad ekipleri", "çevre müdürlüğü", "gençlik ve spor müdürlüğü"];
        public static readonly string[] Verbs = ["yeni bir proje başlattı", "açıklama yaptı", "toplantı düzenledi", "uyarıda bulundu", "yatırım planını duyurdu",
            "denetim yaptı", "kampanya başlattı", "protokol imzaladı", "ödül töreni düzenledi", "eğitim programı açtı", "yol haritasını açıkladı", "çalışma grubu kurdu"];
        public static readonly string[] Topics = ["ulaşım", "deprem hazırlığı", "kış lastiği", "fındık hasadı", "çocuk parkları", "yaz kursları", "su kesintisi",
            "doğalgaz", "tramvay hattı", "sağlık taraması", "ihracat", "turizm sezonu", "orman yangını", "kar yağışı", "şampiyonluk kutlaması",
            "öğretmen atamaları", "tarihi konaklar", "kültür festivali", "hayvan barınağı", "sokak lezzetleri", "bisiklet yolları", "kent ormanı",
            "sokak hayvanları", "kreş kapasitesi", "toplu taşıma", "engelli erişimi", "güneş enerjisi", "kuraklık", "okul servisleri", "pazar yerleri"];
        public static readonly string[] Details = ["çalışmaların yıl sonuna kadar süreceği belirtildi", "vatandaşlardan destek istendi",
            "bütçenin büyük bölümünün altyapıya ayrıldığı açıklandı", "ilk etabın tamamlandığı bildirildi", "raporun bakanlığa gönderildiği öğrenildi",
            "yetkililer gelişmeleri yakından takip ettiklerini söyledi", "ekiplerin gece boyunca görev yaptığı öğrenildi", "projenin çevre ilçelere de yayılacağı kaydedildi",
            "başvuruların önümüzdeki hafta başlayacağı duyuruldu", "denetimlerin aralıksız süreceği vurgulandı", "konunun meclis gündemine alınacağı ifade edildi",
            "çalışmalarda yerel firmalara öncelik verileceği belirtildi"];
        static readonly string[] People = ["Belediye Başkanı", "Vali", "İl Sağlık Müdürü Dr.", "Ticaret Odası Başkanı", "Rektör Prof. Dr.", "İl Milli Eğitim Müdürü",
            "Ziraat Odası Başkanı", "Emniyet Müdürü", "Esnaf Odası Başkanı", "Meclis Üyesi", "İl Tarım Müdürü", "Kulüp Başkanı"];
        static readonly string[] Days = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"];
        static readonly string[] Months = ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"];
        public static readonly string[] Quotes = ["Hedefimiz bu konuda kalıcı çözümler üretmek", "Vatandaşlarımızın güvenliği her şeyden önce gelir",
            "Çalışmalarımızı aralıksız sürdüreceğiz", "Bu proje kentimizin geleceği için büyük önem taşıyor", "Kimse mağdur edilmeyecek, herkesin sesini dinleyeceğiz",
            "Rakamlar doğru yolda olduğumuzu gösteriyor", "Ekiplerimiz sahada, gelişmeleri anbean takip ediyoruz", "Bütçemizi en verimli şekilde kullanacağız"];
        static readonly string[] Headings = ["{T} için yeni adımlar", "Çalışmalar sürüyor", "Vatandaşlardan destek çağrısı", "Bütçe ve takvim", "Uzmanlardan uyarı",
            "Yetkililer ne dedi?", "İlk etap tamamlandı", "{C} genelinde denetim", "Gözler {T} konusunda", "Sonraki adım"];

        // {L}: the city with its locative ending, {C}: the city, {S}: an institution, {T}: a topic, {D}: a detail clause,
        // {P}: an official with a name, {N}/{K}: numbers, {G}: a weekday, {M}: a month.
        static readonly string[] Templates = [
            "{L} {S}, {T} konusunda kapsamlı bir çalışma başlattı.",
            "Açıklamada {D}.",
            "Yetkililer, {T} ile ilgili çalışmaların {N} mahallede eş zamanlı yürütüleceğini belirtti.",
            "{P}, konuya ilişkin değerlendirmesinde vatandaşların taleplerini dikkate aldıklarını söyledi.",
            "Çalışmaların ilk aşamasında {N} personel ve {K} araç görev alacak.",
            "{G} günü yapılan toplantıya ilçe belediye başkanları, muhtarlar ve sivil toplum kuruluşlarının temsilcileri katıldı.",
            "Bölgede yaşayan vatandaşlar, uzun süredir beklenen adımın atılmasından memnun olduklarını ifade etti.",
            "{M} ayı sonunda tamamlanması planlanan proje için ayrılan bütçenin {K} milyon lira olduğu açıklandı.",
            "Uzmanlar, {T} konusunda bilinçlendirme çalışmalarının okullarda da sürdürülmesi gerektiğine dikkat çekti.",
            "Konuyla ilgili soruları yanıtlayan {P}, sürecin şeffaf bir şekilde yürütüleceğini vurguladı.",
            "Geçen yıl aynı dönemde {N} başvuru yapıldığı, bu yıl ise sayının yüzde {K} arttığı bildirildi.",
            "{C} genelinde yürütülen denetimlerde eksiklikleri tespit edilen {K} işletmeye süre verildi.",
            "Vatandaşlar, ayrıntılı bilgiye kurumun internet sitesinden ve çağrı merkezinden ulaşabilecek.",
            "Çevre ilçelerden gelen ekipler de çalışmalara destek verdi.",
            "Etkinlik kapsamında düzenlenen panelde {T} alanındaki son gelişmeler ele alındı.",
            "Meteoroloji yetkilileri, önümüzdeki günlerde sıcaklıkların mevsim normallerinin üzerinde seyredeceğini duyurdu.",
            "{S} tarafından hazırlanan rapor, önümüzdeki hafta kamuoyuyla paylaşılacak.",
            "Toplantıda {D}.",
            "İl genelinde {N} okulda yürütülen projeye öğrenciler de büyük ilgi gösterdi.",
            "Esnaf, yeni düzenlemenin satışlara olumlu yansımasını beklediğini dile getirdi.",
            "{P}, önceliklerinin {T} olduğunu belirterek bütün kurumlarla iş birliği içinde çalıştıklarını söyledi.",
            "Trafik yoğunluğunun azaltılması amacıyla alternatif güzergâhlar belirlendi.",
            "Sağlık ekipleri, özellikle yaşlı ve kronik hastalığı bulunan vatandaşların dikkatli olması gerektiği uyarısında bulundu.",
            "Projenin tamamlanmasıyla birlikte {N} kişiye istihdam sağlanması bekleniyor.",
            "{L} düzenlenen törene çok sayıda davetli katıldı.",
            "Konuya ilişkin idari soruşturmanın sürdüğü öğrenildi.",
            "İhaleye {K} firmanın teklif verdiği, sözleşmenin önümüzdeki ay imzalanacağı kaydedildi.",
            "Bölge halkı, {T} ile ilgili endişelerini yetkililere iletti.",
            "Kurumun sosyal medya hesaplarından yapılan paylaşımda çalışmaların fotoğraflarına da yer verildi.",
            "{C} Valiliği, konuyla ilgili yazılı bir açıklama yaptı.",
            "Çalışmaların {M} ayında ikinci etapla devam edeceği bildirildi.",
            "Kent merkezindeki meydanda kurulan stantlarda vatandaşlara bilgilendirme broşürleri dağıtıldı.",
            "Yapılan ölçümlerde değerlerin sınırın altında kaldığı tespit edildi.",
            "Yetkililer, benzer uygulamanın {K} ilçede daha hayata geçirileceğini açıkladı.",
            "Öte yandan {T} kapsamında hazırlanan yönetmelik taslağı görüşe açıldı.",
            "{P}, \"Bu konuda taviz vermeyeceğiz\" diyerek kararlılıklarını yineledi.",
        ];

        public static string Locative(string city) => city + "'" + Ending(city, "da", "de", "ta", "te");

        /// <summary>A case ending by vowel harmony (last vowel back or front) and consonant assimilation (after ç f h k p s ş t).</summary>
        static string Ending(string word, string back, string front, string backHard, string frontHard)
        {
            var lower = Turkish.Lower(word);
            var isFront = false;
            for (var i = lower.Length - 1; i >= 0; i--)
            {
                if ("aıou".Contains(lower[i])) break;
                if ("eiöü".Contains(lower[i])) { isFront = true; break; }
            }
            var hard = "çfhkpsşt".Contains(lower[^1]);
            return hard ? (isFront ? frontHard : backHard) : (isFront ? front : back);
        }

        public static string Heading(Random random, string city, string topic) =>
            Cap(Headings[random.Next(Headings.Length)].Replace("{C}", city, StringComparison.Ordinal).Replace("{T}", topic, StringComparison.Ordinal));

        /// <summary>Sentences made from the templates once, with their index terms: the bodies are drawn from them.</summary>
        public static Sentence[] SentencePool(Random random, FragmentTerms terms)
        {
            var pool = new Sentence[4096];
            for (var i = 0; i < pool.Length; i++)
            {
                var city = Cities[random.Next(Cities.Length)];
                var text = Templates[random.Next(Templates.Length)]
                    .Replace("{L}", Locative(city), StringComparison.Ordinal)
                    .Replace("{C}", city, StringComparison.Ordinal)
                    .Replace("{S}", Subjects[random.Next(Subjects.Length)], StringComparison.Ordinal)
                    .Replace("{T}", Topics[random.Next(Topics.Length)], StringComparison.Ordinal)
                    .Replace("{D}", Details[random.Next(Details.Length)], StringComparison.Ordinal)
                    .Replace("{P}", $"{People[random.Next(People.Length)]} {FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}", StringComparison.Ordinal)
                    .Replace("{N}", (10 + random.Next(990)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{K}", (2 + random.Next(60)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{G}", Days[random.Next(Days.Length)], StringComparison.Ordinal)
                    .Replace("{M}", Cap(Months[random.Next(Months.Length)]), StringComparison.Ordinal);
                text = Cap(text);
                pool[i] = new Sentence(text, terms.Of(text));
            }
            return pool;
        }
    }
}
