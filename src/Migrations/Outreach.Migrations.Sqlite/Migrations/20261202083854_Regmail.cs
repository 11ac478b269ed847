using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Regmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyHash",
                table: "Registrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ManageLinkMailedAt",
                table: "Registrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_Reference",
                table: "OutboxMails",
                column: "Reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMails_Reference",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "IdempotencyHash",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "ManageLinkMailedAt",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "OutboxMails");
        }
    }
}
