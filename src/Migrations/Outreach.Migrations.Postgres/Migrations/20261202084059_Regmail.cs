using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ManageLinkMailedAt",
                table: "Registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "OutboxMails",
                type: "character varying(100)",
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
