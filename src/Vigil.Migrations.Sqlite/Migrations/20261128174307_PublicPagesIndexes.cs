using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublicPagesIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_affected_packages_Ecosystem_Name",
                table: "affected_packages",
                columns: new[] { "Ecosystem", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Published",
                table: "advisories",
                column: "Published");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_affected_packages_Ecosystem_Name",
                table: "affected_packages");

            migrationBuilder.DropIndex(
                name: "IX_advisories_Published",
                table: "advisories");
        }
    }
}
