using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdvisoryOriginAndSyncState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "advisories",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "import");

            // Rows from before provenance: the program's own publications (source "vigil") are "program",
            // everything else came in through `vigil import`.
            migrationBuilder.Sql("UPDATE advisories SET \"Origin\" = 'program' WHERE \"Source\" = 'vigil';");

            migrationBuilder.CreateTable(
                name: "sync_states",
                columns: table => new
                {
                    Source = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Ecosystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LastModifiedSeen = table.Column<long>(type: "INTEGER", nullable: true),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastModifiedHeader = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_states", x => new { x.Source, x.Ecosystem });
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Origin",
                table: "advisories",
                column: "Origin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sync_states");

            migrationBuilder.DropIndex(
                name: "IX_advisories_Origin",
                table: "advisories");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "advisories");
        }
    }
}
