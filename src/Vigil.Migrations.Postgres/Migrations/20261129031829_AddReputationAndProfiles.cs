using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddReputationAndProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProfileHandle",
                table: "users",
                type: "character varying(39)",
                maxLength: 39,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HeldForReview",
                table: "reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "MinimumSignal",
                table: "programs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NewReporterReportsPerDay",
                table: "programs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "credited_advisories",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AdvisoryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProgramId = table.Column<long>(type: "bigint", nullable: false),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    CreditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credited_advisories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credited_advisories_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_users_ProfileHandle",
                table: "users",
                column: "ProfileHandle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credited_advisories_ProgramId",
                table: "credited_advisories",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_credited_advisories_ReportId",
                table: "credited_advisories",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_credited_advisories_UserId_AdvisoryId_Type",
                table: "credited_advisories",
                columns: new[] { "UserId", "AdvisoryId", "Type" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credited_advisories");

            migrationBuilder.DropIndex(
                name: "IX_users_ProfileHandle",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ProfileHandle",
                table: "users");

            migrationBuilder.DropColumn(
                name: "HeldForReview",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "MinimumSignal",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "NewReporterReportsPerDay",
                table: "programs");
        }
    }
}
