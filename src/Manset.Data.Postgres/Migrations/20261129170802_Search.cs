using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Manset.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The analysed terms as one weighted tsvector (headline A, spot B, body D) under a GIN index. Filled by
            // the application.
            migrationBuilder.Sql("""
                CREATE TABLE search_documents (
                    article_id integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
                    document tsvector NOT NULL,
                    published_at timestamptz NOT NULL,
                    category_id integer NOT NULL);
                CREATE INDEX ix_search_documents_document ON search_documents USING GIN (document);
                CREATE INDEX ix_search_documents_published_at ON search_documents (published_at);
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_documents;");

        }
    }
}
