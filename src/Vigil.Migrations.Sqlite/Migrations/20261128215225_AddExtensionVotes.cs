using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddExtensionVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "extension_votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SealedReason = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProposedDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Yes = table.Column<int>(type: "INTEGER", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Eligible = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_extension_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_extension_votes_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "extension_ballots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Voter = table.Column<Guid>(type: "TEXT", nullable: false),
                    Capacity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InFavour = table.Column<bool>(type: "INTEGER", nullable: false),
                    CastAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_extension_ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_extension_ballots_extension_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "extension_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_extension_ballots_VoteId_Voter",
                table: "extension_ballots",
                columns: new[] { "VoteId", "Voter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_extension_votes_ClosesAt",
                table: "extension_votes",
                column: "ClosesAt");

            migrationBuilder.CreateIndex(
                name: "IX_extension_votes_ReportId_Outcome",
                table: "extension_votes",
                columns: new[] { "ReportId", "Outcome" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "extension_ballots");

            migrationBuilder.DropTable(
                name: "extension_votes");
        }
    }
}
