using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MaintainerReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing programs take the process defaults: reminders 3 and 7 business days after the maintainers
            // were notified, the admins told after 10.
            migrationBuilder.AddColumn<int>(
                name: "MaintainerEscalationBusinessDays",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<string>(
                name: "MaintainerReminderBusinessDays",
                table: "programs",
                type: "TEXT",
                nullable: false,
                defaultValue: "[3,7]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaintainerEscalationBusinessDays",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "MaintainerReminderBusinessDays",
                table: "programs");
        }
    }
}
