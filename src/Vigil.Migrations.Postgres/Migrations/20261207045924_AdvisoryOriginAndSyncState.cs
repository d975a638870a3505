using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
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
                type: "character varying(60)",
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
                    Source = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Ecosystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LastModifiedSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ETag = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LastModifiedHeader = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
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
