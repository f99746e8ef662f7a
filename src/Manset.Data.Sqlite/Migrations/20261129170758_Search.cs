using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Manset.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Analysed terms (ASCII, space-separated) per weighted column; published (Unix seconds) and category
            // are kept beside them for filters and recency. rowid = the article's id. Filled by the application.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_fts USING fts5(title, spot, body, published UNINDEXED, category UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_fts;");

        }
    }
}
