using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKeywords",
                table: "advisories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "advisories",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english'::regconfig, translate(coalesce(\"Summary\", ''), '-./_@:', '      ')), 'A') || setweight(to_tsvector('english'::regconfig, translate(coalesce(\"SearchKeywords\", ''), '-./_@:', '      ')), 'A') || setweight(to_tsvector('english'::regconfig, translate(coalesce(\"Details\", ''), '-./_@:', '      ')), 'B')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "advisory_cwes",
                columns: table => new
                {
                    AdvisoryNumber = table.Column<long>(type: "bigint", nullable: false),
                    CweId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
                name: "IX_advisories_SearchVector",
                table: "advisories",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_cwes_CweId",
                table: "advisory_cwes",
                column: "CweId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_cwes");

            migrationBuilder.DropIndex(
                name: "IX_advisories_SearchVector",
                table: "advisories");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "advisories");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "advisories");

            migrationBuilder.DropColumn(
                name: "SearchKeywords",
                table: "advisories");
        }
    }
}
