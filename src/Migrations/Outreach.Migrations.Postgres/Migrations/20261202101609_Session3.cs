using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Session3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicUrl",
                table: "Sites",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "SearchMiss",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Query = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    FirstAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchMiss", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteSynonymList",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Rules = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSynonymList", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_Reference",
                table: "OutboxMails",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_SearchMiss_SiteId_Count",
                table: "SearchMiss",
                columns: new[] { "SiteId", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchMiss_SiteId_Query",
                table: "SearchMiss",
                columns: new[] { "SiteId", "Query" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteSynonymList_SiteId",
                table: "SiteSynonymList",
                column: "SiteId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchMiss");

            migrationBuilder.DropTable(
                name: "SiteSynonymList");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMails_Reference",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "PublicUrl",
                table: "Sites");

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
