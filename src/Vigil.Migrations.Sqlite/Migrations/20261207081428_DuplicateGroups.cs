using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DuplicateGroupId",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateGroupReason",
                table: "reports",
                type: "TEXT",
                maxLength: 1200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_DuplicateGroupId",
                table: "reports",
                column: "DuplicateGroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_DuplicateGroupId",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "DuplicateGroupId",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "DuplicateGroupReason",
                table: "reports");
        }
    }
}
