using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddReportCve : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CveId",
                table: "reports",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CveState",
                table: "reports",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_reports_CveId",
                table: "reports",
                column: "CveId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_CveId",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CveId",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CveState",
                table: "reports");
        }
    }
}
