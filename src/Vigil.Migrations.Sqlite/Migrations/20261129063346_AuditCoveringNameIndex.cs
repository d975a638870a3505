using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditCoveringNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_affected_packages_Name_Ecosystem",
                table: "affected_packages");

            migrationBuilder.CreateIndex(
                name: "IX_affected_packages_Name_Ecosystem_AdvisoryNumber_Index_NpmRange_FixedVersion",
                table: "affected_packages",
                columns: new[] { "Name", "Ecosystem", "AdvisoryNumber", "Index", "NpmRange", "FixedVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_affected_packages_Name_Ecosystem_AdvisoryNumber_Index_NpmRange_FixedVersion",
                table: "affected_packages");

            migrationBuilder.CreateIndex(
                name: "IX_affected_packages_Name_Ecosystem",
                table: "affected_packages",
                columns: new[] { "Name", "Ecosystem" });
        }
    }
}
