using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    SealedReason = table.Column<byte[]>(type: "bytea", nullable: false),
                    ProposedDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Yes = table.Column<int>(type: "integer", nullable: false),
                    No = table.Column<int>(type: "integer", nullable: false),
                    Eligible = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<long>(type: "bigint", nullable: false),
                    Voter = table.Column<Guid>(type: "uuid", nullable: false),
                    Capacity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InFavour = table.Column<bool>(type: "boolean", nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
