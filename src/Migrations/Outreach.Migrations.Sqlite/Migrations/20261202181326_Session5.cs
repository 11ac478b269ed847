using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Session5 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LecturerId",
                table: "DispatchLecturerSchedules",
                newName: "UserId");

            migrationBuilder.AddColumn<string>(
                name: "RenderData",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BaseEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaseEvents_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BaseEvents_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BaseYearlyReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Visitors = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Volunteers = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SubmittedBy = table.Column<int>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseYearlyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaseYearlyReports_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LecturerPhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Jpeg = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerPhotos", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BaseEvents_BaseId",
                table: "BaseEvents",
                column: "BaseId");

            migrationBuilder.CreateIndex(
                name: "IX_BaseEvents_EventId",
                table: "BaseEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseYearlyReports_BaseId_Year",
                table: "BaseYearlyReports",
                columns: new[] { "BaseId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseYearlyReports_Year_State",
                table: "BaseYearlyReports",
                columns: new[] { "Year", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_LecturerPhotos_SiteId_UserId",
                table: "LecturerPhotos",
                columns: new[] { "SiteId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BaseEvents");

            migrationBuilder.DropTable(
                name: "BaseYearlyReports");

            migrationBuilder.DropTable(
                name: "LecturerPhotos");

            migrationBuilder.DropColumn(
                name: "RenderData",
                table: "OutboxMails");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "DispatchLecturerSchedules",
                newName: "LecturerId");
        }
    }
}
