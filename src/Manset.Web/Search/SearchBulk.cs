using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Manset.Web.Search;

/// <summary>
/// A document whose text is analysed already: the <see cref="SearchText.IndexTerms"/> of its headline, its spot and
/// its plain body, as <see cref="ISearchIndex.UpsertAsync"/> would index them. What the bulk writers take.
/// </summary>
public readonly record struct AnalysedDocument(int ArticleId, string TitleTerms, string SpotTerms, string BodyTerms, DateTimeOffset PublishedAt, int CategoryId);

/// <summary>
/// <see cref="SearchText.IndexTerms"/> of text fragments, each analysed once: a generator that builds its texts from a
/// limited vocabulary gets the terms of a whole text by joining its fragments' terms. A fragment must be whole words
/// (the text around it separated from it by a space or markup, never by an apostrophe).
/// </summary>
public sealed class FragmentTerms
{
    readonly Dictionary<string, string> _terms = new(StringComparer.Ordinal);

    public string Of(string fragment)
    {
        if (!_terms.TryGetValue(fragment, out var terms)) _terms[fragment] = terms = SearchText.IndexTerms(fragment);
        return terms;
    }
}

/// <summary>
/// A statement prepared once and run many times on a connection's own SQLite handle, in whatever transaction the
/// connection has open: for bulk loads, without ADO.NET's work on every call (parameters looked up by name, a new
/// UTF-8 copy of every text). Parameters are numbered from 1 in the order of the SQL's <c>?</c>.
/// </summary>
public sealed class SqliteBulkStatement : IDisposable
{
    readonly SQLitePCL.sqlite3 _db;
    readonly SQLitePCL.sqlite3_stmt _statement;
    byte[] _utf8 = new byte[16 * 1024];

    public SqliteBulkStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(SQLitePCL.raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public SqliteBulkStatement Bind(int index, long value)
    {
        Check(SQLitePCL.raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteBulkStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : Null(index);

    public SqliteBulkStatement Bind(int index, string? value)
    {
        if (value is null) return Null(index);
        if (value.Length == 0)
        {
            Check(SQLitePCL.raw.sqlite3_bind_text(_statement, index, ""));
            return this;
        }
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < most) _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(SQLitePCL.raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length))); // SQLite copies it
        return this;
    }

    SqliteBulkStatement Null(int index)
    {
        Check(SQLitePCL.raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs the statement with the values bound (they stay bound for the next run).</summary>
    public void Run()
    {
        var rc = SQLitePCL.raw.sqlite3_step(_statement);
        SQLitePCL.raw.sqlite3_reset(_statement);
        if (rc != SQLitePCL.raw.SQLITE_DONE) Check(rc);
    }

    void Check(int rc)
    {
        if (rc is SQLitePCL.raw.SQLITE_OK or SQLitePCL.raw.SQLITE_DONE) return;
        throw new SqliteException($"SQLite Error {rc}: '{SQLitePCL.raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc);
    }

    public void Dispose() => _statement.Dispose();
}

/// <summary>
/// Bulk writing of SQLite's <c>search_fts</c> for <c>demo generate</c>, in the caller's transaction, one of two ways.
/// <para>
/// <b>Aside</b> (new documents outnumber the indexed ones, the usual case): FTS5's index is built on another thread
/// in a scratch database, in a table of the same definition, while the caller's connection writes the articles.
/// <see cref="Finish"/> then puts the scratch table's shadow tables (<c>search_fts_data</c>, <c>_idx</c>,
/// <c>_docsize</c>, <c>_content</c>: the same tables in the same format) in place of its own, in the same
/// transaction. The two halves of the work run side by side on two cores, and the index is written once, in few
/// large segments. The documents indexed already go into the scratch index too, analysed again from their articles
/// (the index keeps no text).
/// </para>
/// <para>
/// <b>In place</b> (otherwise): one insert into <c>search_fts</c> per document, with FTS5 keeping far more in memory
/// before it writes a segment (<c>hashsize</c>) and not merging while it loads; its defaults are put back at the end.
/// </para>
/// Only for new rows: ids must not be in the index yet. Nothing else may write the database meanwhile, and the
/// connection is not to be used for searching afterwards (FTS5 keeps what it read of the index per connection).
/// </summary>
public sealed class SqliteSearchBulk : IDisposable
{
    // FTS5's defaults, put back after an in-place load: 1 MB of pending terms per segment, merge 4 segments of a level.
    const int DefaultHashSize = 1024 * 1024, DefaultAutomerge = 4;
    const int BulkHashSize = 512 * 1024 * 1024;
    /// <summary>More indexed documents than this are not analysed again into a scratch index: the load goes in place.</summary>
    const int AsideMaxExisting = 100_000;
    const string Build = "search_build";

    readonly SqliteConnection _connection;
    readonly string? _scratch;
    readonly List<AnalysedDocument> _existing;
    /// <summary>In place: the insert into <c>search_fts</c>. Aside: none, the documents go to <see cref="BuildAsync"/>.</summary>
    readonly SqliteBulkStatement? _insert;
    const string InsertDocument = "INSERT INTO search_fts(rowid, title, spot, body, published, category) VALUES (?, ?, ?, ?, ?, ?)";
    static readonly string[] ShadowTables = ["search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_content"];
    int _added;

    SqliteSearchBulk(SqliteConnection connection, string? scratch, List<AnalysedDocument> existing)
    {
        _connection = connection;
        _scratch = scratch;
        _existing = existing;
        _insert = scratch is null ? new SqliteBulkStatement(connection, InsertDocument) : null;
    }

    /// <summary>Whether the index is built aside: then <see cref="BuildAsync"/> must be given every document.</summary>
    public bool BuildsAside => _scratch is not null;

    /// <summary>Chooses the way for <paramref name="documents"/> new documents and prepares it, outside a transaction.</summary>
    public static SqliteSearchBulk Begin(SqliteConnection connection, int documents)
    {
        var indexed = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM search_fts_docsize"), System.Globalization.CultureInfo.InvariantCulture);
        if (indexed > Math.Min(AsideMaxExisting, documents) || !HasShadowTables(connection)
            || Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'search_fts'") is not string definition)
        {
            return new SqliteSearchBulk(connection, null, []);
        }
        var scratch = connection.DataSource + ".search-build";
        DeleteScratch(scratch);
        var existing = new List<AnalysedDocument>((int)indexed);
        using (var read = connection.CreateCommand())
        {
            // What the index holds is each of these articles' text as the indexer analyses it (SearchIndexer.FollowAsync).
            read.CommandText = """SELECT f.rowid, a."Title", a."Spot", a."Body", f.published, f.category FROM search_fts AS f JOIN "Articles" AS a ON a."Id" = f.rowid ORDER BY f.rowid""";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(new AnalysedDocument(reader.GetInt32(0), SearchText.IndexTerms(reader.GetString(1)), SearchText.IndexTerms(reader.GetString(2)),
                    SearchText.IndexTerms(Infrastructure.HtmlText.Plain(reader.GetString(3))), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(4)), reader.GetInt32(5)));
            }
        }
        if (existing.Count != indexed) throw new InvalidOperationException($"search_fts: {indexed} documents indexed, {existing.Count} of them with an article.");
        using (var build = Open(scratch))
        {
            Execute(build, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            Execute(build, definition); // the same table: the same shadow tables in the same format
            Configure(build, "hashsize", BulkHashSize);
            Configure(build, "automerge", 0);
        }
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = $"ATTACH DATABASE $file AS {Build}";
            attach.Parameters.AddWithValue("$file", scratch);
            attach.ExecuteNonQuery();
        }
        return new SqliteSearchBulk(connection, scratch, existing);
    }

    /// <summary>At the start of the caller's transaction: in place, FTS5 set up for a bulk load.</summary>
    public void Start(SqliteTransaction transaction)
    {
        if (_scratch is not null) return;
        Configure(_connection, "hashsize", BulkHashSize, transaction);
        Configure(_connection, "automerge", 0, transaction);
    }

    /// <summary>Adds a document: in place, into <c>search_fts</c> in the caller's transaction; aside, it is only counted (it reaches the index through <see cref="BuildAsync"/>).</summary>
    public void Add(in AnalysedDocument d)
    {
        if (_insert is null) _added++;
        else Insert(_insert, d);
    }

    static void Insert(SqliteBulkStatement insert, in AnalysedDocument d) =>
        insert.Bind(1, d.ArticleId).Bind(2, d.TitleTerms).Bind(3, d.SpotTerms).Bind(4, d.BodyTerms).Bind(5, d.PublishedAt.ToUnixTimeSeconds()).Bind(6, d.CategoryId).Run();

    /// <summary>Aside: indexes the documents indexed already, then every batch given, into the scratch index (a thread of its own).</summary>
    public async Task BuildAsync(System.Threading.Channels.ChannelReader<IReadOnlyList<AnalysedDocument>> batches, CancellationToken ct)
    {
        if (_scratch is null) throw new InvalidOperationException("The index is written in place.");
        using var build = Open(_scratch);
        Execute(build, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        using var transaction = build.BeginTransaction(); // journal off: only the unit in which FTS5 flushes its segments
        using var insert = new SqliteBulkStatement(build, InsertDocument);
        void Index(IReadOnlyList<AnalysedDocument> documents)
        {
            foreach (var d in documents) Insert(insert, d);
        }
        Index(_existing);
        await foreach (var batch in batches.ReadAllAsync(ct)) Index(batch);
        transaction.Commit();
    }

    /// <summary>
    /// Last, in the caller's transaction, after <see cref="BuildAsync"/> has finished: aside, the scratch index
    /// replaces the table's own; in place, FTS5's defaults are put back.
    /// </summary>
    public void Finish(SqliteTransaction transaction)
    {
        if (_scratch is null)
        {
            Configure(_connection, "automerge", DefaultAutomerge, transaction);
            Configure(_connection, "hashsize", DefaultHashSize, transaction);
            return;
        }
        var built = Convert.ToInt64(Scalar(_connection, $"SELECT count(*) FROM {Build}.search_fts_docsize", transaction), System.Globalization.CultureInfo.InvariantCulture);
        if (built != _existing.Count + _added) throw new InvalidOperationException($"search_fts: {built} documents indexed aside, {_existing.Count} indexed before and {_added} added.");
        foreach (var shadow in ShadowTables)
        {
            Execute(_connection, $"DELETE FROM main.{shadow}; INSERT INTO main.{shadow} SELECT * FROM {Build}.{shadow};", transaction);
        }
    }

    /// <summary>Aside: detaches and deletes the scratch database (after the caller's transaction).</summary>
    public void Dispose()
    {
        _insert?.Dispose();
        if (_scratch is null) return;
        try { Execute(_connection, $"DETACH DATABASE {Build}"); }
        catch (SqliteException) { } // not attached, or the connection is gone: nothing to undo
        DeleteScratch(_scratch);
    }

    /// <summary>The table has the four shadow tables that <see cref="Finish"/> copies (it is FTS5 with a rowid-keyed content table).</summary>
    static bool HasShadowTables(SqliteConnection connection) =>
        Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('{string.Join("', '", ShadowTables)}')"),
            System.Globalization.CultureInfo.InvariantCulture) == ShadowTables.Length;

    static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    static void DeleteScratch(string scratch)
    {
        foreach (var file in new[] { scratch, scratch + "-journal", scratch + "-wal", scratch + "-shm" }) File.Delete(file);
    }

    static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    static void Configure(SqliteConnection connection, string option, int value, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO search_fts(search_fts, rank) VALUES ($option, $value)";
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$option", option);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Bulk writing of PostgreSQL's <c>search_documents</c> for <c>demo generate</c>, in the caller's transaction: each
/// document's weighted tsvector is put together here from its analysed terms (what <c>to_tsvector('simple', …)</c>
/// would make of them: every term a lexeme at its position, the spot's and the body's positions after the
/// headline's, weights A, B and D), copied (binary COPY, as text) into a temporary table and inserted by one
/// <c>INSERT … SELECT</c>; the server only reads the vectors instead of parsing the texts, which is most of the cost.
/// The first documents are checked against the server's own <c>to_tsvector</c>. Only for new rows.
/// </summary>
public sealed class PostgresSearchBulk(NpgsqlConnection connection)
{
    const string Staging = "manset_search_staging";
    /// <summary>PostgreSQL's limits: positions above 16383 are stored as 16383, a lexeme keeps 256 positions.</summary>
    const int MaxPosition = 16383, MaxPositions = 256;

    bool _checked;

    /// <summary>Creates this session's staging table (emptied at every commit) and lets GIN collect more before it merges.</summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {Staging} (article_id integer, document text, published_at timestamptz, category_id integer) ON COMMIT DELETE ROWS; SET gin_pending_list_limit = '64MB'",
            connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Indexes the documents in the connection's current transaction.</summary>
    public async Task AddAsync(IReadOnlyList<AnalysedDocument> documents, CancellationToken ct)
    {
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Staging} (article_id, document, published_at, category_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in documents)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(d.ArticleId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Vector(d), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.PublishedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(d.CategoryId, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        if (!_checked)
        {
            await CheckAsync(documents.Take(20).ToList(), ct);
            _checked = true;
        }
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO search_documents (article_id, document, published_at, category_id) SELECT article_id, document::tsvector, published_at, category_id FROM {Staging};
            TRUNCATE {Staging};
            """, connection);
        insert.CommandTimeout = 0;
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The vectors made here are those PostgresSearchIndex.UpsertAsync has the server make.</summary>
    async Task CheckAsync(List<AnalysedDocument> sample, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FROM {Staging} s JOIN unnest(@ids, @titles, @spots, @bodies) AS d(id, title, spot, body) ON d.id = s.article_id
            WHERE s.document::tsvector IS DISTINCT FROM setweight(to_tsvector('simple', d.title), 'A') || setweight(to_tsvector('simple', d.spot), 'B') || setweight(to_tsvector('simple', d.body), 'D')
            """, connection);
        command.Parameters.AddWithValue("ids", sample.Select(d => d.ArticleId).ToArray());
        command.Parameters.AddWithValue("titles", sample.Select(d => d.TitleTerms).ToArray());
        command.Parameters.AddWithValue("spots", sample.Select(d => d.SpotTerms).ToArray());
        command.Parameters.AddWithValue("bodies", sample.Select(d => d.BodyTerms).ToArray());
        var different = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (different > 0) throw new InvalidOperationException($"search_documents: {different} of {sample.Count} vectors differ from to_tsvector's.");
    }

    /// <summary>After the session's last commit (ANALYZE search_documents is the caller's).</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS {Staging}; RESET gin_pending_list_limit", connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The tsvector's text: <c>'lexeme':1A,7D 'other':2A …</c> (the server sorts the lexemes).</summary>
    public static string Vector(in AnalysedDocument d)
    {
        var positions = new Dictionary<string, List<(int Position, char Weight)>>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var (terms, weight) in new[] { (d.TitleTerms, 'A'), (d.SpotTerms, 'B'), (d.BodyTerms, 'D') })
        {
            var last = 0;
            var position = 0;
            foreach (var term in terms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                position++;
                var at = Math.Min(position + offset, MaxPosition);
                if (!positions.TryGetValue(term, out var list)) positions[term] = list = [];
                if (list.Count < MaxPositions && (list.Count == 0 || list[^1].Position != at)) list.Add((at, weight));
                last = Math.Max(last, at);
            }
            if (position > 0) offset = last; // the next part's positions follow the largest one so far
        }
        var text = new StringBuilder(d.TitleTerms.Length + d.SpotTerms.Length + d.BodyTerms.Length * 2);
        foreach (var (lexeme, list) in positions)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append('\'');
            foreach (var c in lexeme)
            {
                if (c is '\'' or '\\') text.Append(c);
                text.Append(c);
            }
            text.Append("':");
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(list[i].Position);
                if (list[i].Weight != 'D') text.Append(list[i].Weight);
            }
        }
        return text.ToString();
    }
}
