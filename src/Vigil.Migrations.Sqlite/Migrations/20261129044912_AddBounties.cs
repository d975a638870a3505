using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddBounties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bounty_awards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AwardedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AwardedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bounty_awards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bounty_awards_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bounty_tables",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    InScope = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OutOfScope = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PaysFixer = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bounty_tables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bounty_tables_programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bounty_payments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AwardId = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclinedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ShowPublicly = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bounty_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bounty_payments_bounty_awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "bounty_awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bounty_ranges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableId = table.Column<long>(type: "INTEGER", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Min = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Max = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bounty_ranges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bounty_ranges_bounty_tables_TableId",
                        column: x => x.TableId,
                        principalTable: "bounty_tables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bounty_awards_ProgramId",
                table: "bounty_awards",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_bounty_awards_ReportId",
                table: "bounty_awards",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bounty_payments_AwardId_Recipient",
                table: "bounty_payments",
                columns: new[] { "AwardId", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bounty_payments_UserId",
                table: "bounty_payments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_bounty_ranges_TableId_Severity",
                table: "bounty_ranges",
                columns: new[] { "TableId", "Severity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bounty_tables_ProgramId",
                table: "bounty_tables",
                column: "ProgramId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bounty_payments");

            migrationBuilder.DropTable(
                name: "bounty_ranges");

            migrationBuilder.DropTable(
                name: "bounty_awards");

            migrationBuilder.DropTable(
                name: "bounty_tables");
        }
    }
}
