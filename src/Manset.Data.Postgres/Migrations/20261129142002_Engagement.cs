using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Manset.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Engagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaptionsId",
                table: "Videos",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArticleReactions",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    ReaderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reaction = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleReactions", x => new { x.ArticleId, x.ReaderId });
                    table.ForeignKey(
                        name: "FK_ArticleReactions_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticleViewHours",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: false),
                    Views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleViewHours", x => new { x.ArticleId, x.Hour });
                    table.ForeignKey(
                        name: "FK_ArticleViewHours_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Videos_CaptionsId",
                table: "Videos",
                column: "CaptionsId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleViewHours_Hour",
                table: "ArticleViewHours",
                column: "Hour");

            migrationBuilder.AddForeignKey(
                name: "FK_Videos_Media_CaptionsId",
                table: "Videos",
                column: "CaptionsId",
                principalTable: "Media",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Videos_Media_CaptionsId",
                table: "Videos");

            migrationBuilder.DropTable(
                name: "ArticleReactions");

            migrationBuilder.DropTable(
                name: "ArticleViewHours");

            migrationBuilder.DropIndex(
                name: "IX_Videos_CaptionsId",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "CaptionsId",
                table: "Videos");
        }
    }
}
