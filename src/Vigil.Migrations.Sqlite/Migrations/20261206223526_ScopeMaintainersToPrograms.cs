using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScopeMaintainersToPrograms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_package_maintainers_Ecosystem_Name",
                table: "package_maintainers");

            migrationBuilder.AddColumn<long>(
                name: "ProgramId",
                table: "package_maintainers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_package_maintainers_ProgramId_Ecosystem_Name",
                table: "package_maintainers",
                columns: new[] { "ProgramId", "Ecosystem", "Name" });

            migrationBuilder.AddForeignKey(
                name: "FK_package_maintainers_programs_ProgramId",
                table: "package_maintainers",
                column: "ProgramId",
                principalTable: "programs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            // Existing records were global: each program listed the ones in its scope. Each record becomes a record of
            // every program whose scope covers its package (what that program's admins saw and managed); a record no
            // program covers stays without a program, an instance-wide link (recusing its account in every program, as before).
            migrationBuilder.Sql("""
                INSERT INTO package_maintainers ("ProgramId", "Ecosystem", "Name", "UserId", "Email", "AddedAt")
                SELECT p."Id", m."Ecosystem", m."Name", m."UserId", m."Email", m."AddedAt"
                FROM package_maintainers m CROSS JOIN programs p
                WHERE m."ProgramId" IS NULL AND (
                    (json_array_length(p."ScopeEcosystems") = 0 AND json_array_length(p."ScopePackages") = 0)
                    OR EXISTS (SELECT 1 FROM json_each(p."ScopeEcosystems") e WHERE e.value = m."Ecosystem")
                    OR EXISTS (SELECT 1 FROM json_each(p."ScopePackages") s WHERE s.value = m."Ecosystem" || '/' || m."Name"));
                """);
            migrationBuilder.Sql("""
                DELETE FROM package_maintainers
                WHERE "ProgramId" IS NULL AND EXISTS (SELECT 1 FROM programs p, package_maintainers m WHERE m."Id" = package_maintainers."Id" AND (
                    (json_array_length(p."ScopeEcosystems") = 0 AND json_array_length(p."ScopePackages") = 0)
                    OR EXISTS (SELECT 1 FROM json_each(p."ScopeEcosystems") e WHERE e.value = m."Ecosystem")
                    OR EXISTS (SELECT 1 FROM json_each(p."ScopePackages") s WHERE s.value = m."Ecosystem" || '/' || m."Name")));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_package_maintainers_programs_ProgramId",
                table: "package_maintainers");

            migrationBuilder.DropIndex(
                name: "IX_package_maintainers_ProgramId_Ecosystem_Name",
                table: "package_maintainers");

            migrationBuilder.DropColumn(
                name: "ProgramId",
                table: "package_maintainers");

            migrationBuilder.CreateIndex(
                name: "IX_package_maintainers_Ecosystem_Name",
                table: "package_maintainers",
                columns: new[] { "Ecosystem", "Name" });
        }
    }
}
