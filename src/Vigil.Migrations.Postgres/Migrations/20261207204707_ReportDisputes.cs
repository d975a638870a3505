using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_disputes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    OpenedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Justification = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SealedImpactStatement = table.Column<byte[]>(type: "bytea", nullable: false),
                    Versions = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VexPublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VexDocument = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_disputes_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_disputes_ReportId_Id",
                table: "report_disputes",
                columns: new[] { "ReportId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_report_disputes_VexPublishedAt",
                table: "report_disputes",
                column: "VexPublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_disputes");
        }
    }
}
