using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdvisorySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "advisories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKeywords",
                table: "advisories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "advisory_cwes",
                columns: table => new
                {
                    AdvisoryNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    CweId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_cwes", x => new { x.AdvisoryNumber, x.CweId });
                    table.ForeignKey(
                        name: "FK_advisory_cwes_advisories_AdvisoryNumber",
                        column: x => x.AdvisoryNumber,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisory_cwes_CweId",
                table: "advisory_cwes",
                column: "CweId");

            // The full-text index (docs/database.md, "Search"): an FTS5 table over the advisories' own columns
            // (external content), kept current by triggers on every insert, update and delete. A later migration
            // that rebuilds the advisories table must create these triggers again.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE advisory_search USING fts5(
                    "Summary", "SearchKeywords", "Details",
                    content='advisories', content_rowid='Number',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER advisory_search_insert AFTER INSERT ON advisories BEGIN
                    INSERT INTO advisory_search(rowid, "Summary", "SearchKeywords", "Details")
                    VALUES (new."Number", new."Summary", new."SearchKeywords", new."Details");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER advisory_search_delete AFTER DELETE ON advisories BEGIN
                    INSERT INTO advisory_search(advisory_search, rowid, "Summary", "SearchKeywords", "Details")
                    VALUES ('delete', old."Number", old."Summary", old."SearchKeywords", old."Details");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER advisory_search_update AFTER UPDATE OF "Summary", "SearchKeywords", "Details" ON advisories
                BEGIN
                    INSERT INTO advisory_search(advisory_search, rowid, "Summary", "SearchKeywords", "Details")
                    VALUES ('delete', old."Number", old."Summary", old."SearchKeywords", old."Details");
                    INSERT INTO advisory_search(rowid, "Summary", "SearchKeywords", "Details")
                    VALUES (new."Number", new."Summary", new."SearchKeywords", new."Details");
                END;
                """);
            // Index the rows already stored as they are; filling their new columns then goes through the trigger.
            migrationBuilder.Sql("INSERT INTO advisory_search(advisory_search) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER advisory_search_update;");
            migrationBuilder.Sql("DROP TRIGGER advisory_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER advisory_search_insert;");
            migrationBuilder.Sql("DROP TABLE advisory_search;");
            migrationBuilder.DropTable(
                name: "advisory_cwes");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "advisories");

            migrationBuilder.DropColumn(
                name: "SearchKeywords",
                table: "advisories");
        }
    }
}
