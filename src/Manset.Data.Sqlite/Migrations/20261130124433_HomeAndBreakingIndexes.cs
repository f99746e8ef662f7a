using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Manset.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HomeAndBreakingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_IsBreaking_BreakingUntil",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Breaking_BreakingUntil",
                table: "Articles",
                column: "BreakingUntil",
                filter: "\"IsBreaking\"");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Breaking_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt" },
                filter: "\"IsBreaking\"");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAt_CategoryId_ImageId",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt", "CategoryId", "ImageId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Breaking_BreakingUntil",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Breaking_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt_CategoryId_ImageId",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_IsBreaking_BreakingUntil",
                table: "Articles",
                columns: new[] { "IsBreaking", "BreakingUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt" });
        }
    }
}
