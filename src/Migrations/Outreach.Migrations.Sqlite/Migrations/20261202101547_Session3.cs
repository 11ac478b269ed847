using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "SearchMiss",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchMiss", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteSynonymList",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
