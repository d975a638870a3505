using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SealedImpactStatement = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Versions = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VexPublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VexDocument = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true)
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
