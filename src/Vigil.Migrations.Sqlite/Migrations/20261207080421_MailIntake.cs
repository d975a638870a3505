using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "outbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mail_reply_addresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SenderHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mail_reply_addresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mail_reply_addresses_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "program_intake_addresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<long>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_intake_addresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_program_intake_addresses_programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mail_reply_addresses_ReportId",
                table: "mail_reply_addresses",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_mail_reply_addresses_TokenHash",
                table: "mail_reply_addresses",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_program_intake_addresses_Address",
                table: "program_intake_addresses",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_program_intake_addresses_ProgramId",
                table: "program_intake_addresses",
                column: "ProgramId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mail_reply_addresses");

            migrationBuilder.DropTable(
                name: "program_intake_addresses");

            migrationBuilder.DropColumn(
                name: "ReplyTo",
                table: "outbox_messages");
        }
    }
}
