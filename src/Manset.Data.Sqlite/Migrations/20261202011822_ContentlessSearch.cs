using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Manset.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContentlessSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The index without FTS5's own copy of the analysed text (two fifths of a big paper's database, read by
            // nothing: the articles are the text). Kept: the index, each story's term counts (bm25) and the
            // unindexed published/category beside it for the filters; rows deleted by rowid. The old table's stored
            // terms are indexed into the new one as they are (no analysis again). The old table is renamed rather
            // than the new one: FTS5 (3.53.3) leaves a contentless table's _content behind when it is renamed.
            migrationBuilder.Sql("ALTER TABLE search_fts RENAME TO search_fts_old;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_fts USING fts5(title, spot, body, published UNINDEXED, category UNINDEXED, content = '', contentless_delete = 1, contentless_unindexed = 1, tokenize = 'unicode61 remove_diacritics 0');");
            migrationBuilder.Sql("INSERT INTO search_fts(rowid, title, spot, body, published, category) SELECT rowid, title, spot, body, published, category FROM search_fts_old;");
            migrationBuilder.Sql("DROP TABLE search_fts_old;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The text is not in the index any more: the table starts empty and is rebuilt at start
            // (SearchIndexer.EnsureBuiltAsync). FTS5 (3.53) leaves a contentless table's _content behind when it is
            // dropped, too.
            migrationBuilder.Sql("DROP TABLE search_fts;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_fts_content;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_fts USING fts5(title, spot, body, published UNINDEXED, category UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');");
        }
    }
}
