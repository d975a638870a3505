using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UniqueParticipantsAndOpenVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows that two racing requests could both have written before these indexes existed: the first stays.
            migrationBuilder.Sql("DELETE FROM \"report_participants\" WHERE \"UserId\" IS NOT NULL AND \"Id\" NOT IN "
                + "(SELECT MIN(\"Id\") FROM \"report_participants\" WHERE \"UserId\" IS NOT NULL GROUP BY \"ReportId\", \"UserId\");");
            migrationBuilder.Sql("DELETE FROM \"report_participants\" WHERE \"Email\" IS NOT NULL AND \"Id\" NOT IN "
                + "(SELECT MIN(\"Id\") FROM \"report_participants\" WHERE \"Email\" IS NOT NULL GROUP BY \"ReportId\", \"Email\");");
            migrationBuilder.Sql("UPDATE \"extension_votes\" SET \"Outcome\" = 'Refused' WHERE \"Outcome\" = 'Open' AND \"Id\" NOT IN "
                + "(SELECT MIN(\"Id\") FROM \"extension_votes\" WHERE \"Outcome\" = 'Open' GROUP BY \"ReportId\");");

            migrationBuilder.DropIndex(
                name: "IX_report_participants_ReportId_UserId",
                table: "report_participants");

            migrationBuilder.CreateIndex(
                name: "IX_report_participants_ReportId_Email",
                table: "report_participants",
                columns: new[] { "ReportId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_participants_ReportId_UserId",
                table: "report_participants",
                columns: new[] { "ReportId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_extension_votes_one_open",
                table: "extension_votes",
                column: "ReportId",
                unique: true,
                filter: "\"Outcome\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_participants_ReportId_Email",
                table: "report_participants");

            migrationBuilder.DropIndex(
                name: "IX_report_participants_ReportId_UserId",
                table: "report_participants");

            migrationBuilder.DropIndex(
                name: "IX_extension_votes_one_open",
                table: "extension_votes");

            migrationBuilder.CreateIndex(
                name: "IX_report_participants_ReportId_UserId",
                table: "report_participants",
                columns: new[] { "ReportId", "UserId" });
        }
    }
}
