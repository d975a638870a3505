using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
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
                    Number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Modified = table.Column<long>(type: "INTEGER", nullable: false),
                    Published = table.Column<long>(type: "INTEGER", nullable: true),
                    Withdrawn = table.Column<long>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    CvssScore = table.Column<double>(type: "REAL", nullable: true),
                    CvssVector = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "advisory_aliases",
                columns: table => new
                {
                    AdvisoryNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
                    AdvisoryNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Ecosystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NpmRange = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FixedVersion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AffectedJson = table.Column<string>(type: "TEXT", nullable: false)
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
