using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class S5Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LecturerId",
                table: "DispatchLecturerSchedules",
                newName: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "DispatchLecturerSchedules",
                newName: "LecturerId");
        }
    }
}
