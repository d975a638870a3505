using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisories",
                columns: table => new
                {
                    Number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Published = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Withdrawn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    CvssScore = table.Column<double>(type: "double precision", nullable: true),
                    CvssVector = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "advisory_aliases",
                columns: table => new
                {
                    AdvisoryNumber = table.Column<long>(type: "bigint", nullable: false),
                    Alias = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_aliases", x => new { x.AdvisoryNumber, x.Alias });
                    table.ForeignKey(
                        name: "FK_advisory_aliases_advisories_AdvisoryNumber",
                        column: x => x.AdvisoryNumber,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "affected_packages",
                columns: table => new
                {
                    AdvisoryNumber = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Ecosystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    NpmRange = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FixedVersion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AffectedJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_affected_packages", x => new { x.AdvisoryNumber, x.Index });
                    table.ForeignKey(
                        name: "FK_affected_packages_advisories_AdvisoryNumber",
                        column: x => x.AdvisoryNumber,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Id",
                table: "advisories",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Modified",
                table: "advisories",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_aliases_Alias",
                table: "advisory_aliases",
                column: "Alias");

            migrationBuilder.CreateIndex(
                name: "IX_affected_packages_Name_Ecosystem",
                table: "affected_packages",
                columns: new[] { "Name", "Ecosystem" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_aliases");

            migrationBuilder.DropTable(
                name: "affected_packages");

            migrationBuilder.DropTable(
                name: "advisories");
        }
    }
}
