using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Lecturers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LecturerDisciplineList",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerDisciplineList", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerDisciplineList_LecturerDisciplineList_ParentId",
                        column: x => x.ParentId,
                        principalTable: "LecturerDisciplineList",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Lecturers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: true),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Gender = table.Column<int>(type: "integer", nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleLevel = table.Column<int>(type: "integer", nullable: false),
                    ProfessionalTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Bio = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PhotoId = table.Column<int>(type: "integer", nullable: true),
                    PhotoPublic = table.Column<bool>(type: "boolean", nullable: false),
                    PrivateFields = table.Column<int>(type: "integer", nullable: false),
                    Languages = table.Column<int>(type: "integer", nullable: false),
                    AvailableDays = table.Column<int>(type: "integer", nullable: false),
                    AvailableMonths = table.Column<int>(type: "integer", nullable: false),
                    AvailabilityNote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PausedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lecturers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LecturerApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OpenLecturerId = table.Column<int>(type: "integer", nullable: true),
                    ChangeJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerApplications_Lecturers_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LecturerDisciplines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    DisciplineId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerDisciplines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerDisciplines_LecturerDisciplineList_DisciplineId",
                        column: x => x.DisciplineId,
                        principalTable: "LecturerDisciplineList",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LecturerDisciplines_Lecturers_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LecturerRegions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    City = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    County = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerRegions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerRegions_Lecturers_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LecturerTeams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CoverImageId = table.Column<int>(type: "integer", nullable: true),
                    LeadLecturerId = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerTeams_Lecturers_LeadLecturerId",
                        column: x => x.LeadLecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "LecturerTopics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Audiences = table.Column<int>(type: "integer", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Formats = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerTopics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerTopics_Lecturers_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LecturerTeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturerTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LecturerTeamMembers_LecturerTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "LecturerTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LecturerTeamMembers_Lecturers_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "Lecturers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LecturerApplications_LecturerId",
                table: "LecturerApplications",
                column: "LecturerId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerApplications_OpenLecturerId",
                table: "LecturerApplications",
                column: "OpenLecturerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerApplications_SiteId_Status_SubmittedAt",
                table: "LecturerApplications",
                columns: new[] { "SiteId", "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LecturerDisciplineList_ParentId",
                table: "LecturerDisciplineList",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerDisciplineList_SiteId_Code",
                table: "LecturerDisciplineList",
                columns: new[] { "SiteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerDisciplines_DisciplineId",
                table: "LecturerDisciplines",
                column: "DisciplineId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerDisciplines_LecturerId_DisciplineId",
                table: "LecturerDisciplines",
                columns: new[] { "LecturerId", "DisciplineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerRegions_LecturerId",
                table: "LecturerRegions",
                column: "LecturerId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerRegions_SiteId_City",
                table: "LecturerRegions",
                columns: new[] { "SiteId", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_Lecturers_Key",
                table: "Lecturers",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lecturers_SiteId_Slug",
                table: "Lecturers",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lecturers_SiteId_Status",
                table: "Lecturers",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Lecturers_SiteId_UserId",
                table: "Lecturers",
                columns: new[] { "SiteId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerTeamMembers_LecturerId",
                table: "LecturerTeamMembers",
                column: "LecturerId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerTeamMembers_TeamId_LecturerId",
                table: "LecturerTeamMembers",
                columns: new[] { "TeamId", "LecturerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerTeams_LeadLecturerId",
                table: "LecturerTeams",
                column: "LeadLecturerId");

            migrationBuilder.CreateIndex(
                name: "IX_LecturerTeams_SiteId_Slug",
                table: "LecturerTeams",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LecturerTopics_LecturerId_Position",
                table: "LecturerTopics",
                columns: new[] { "LecturerId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LecturerApplications");

            migrationBuilder.DropTable(
                name: "LecturerDisciplines");

            migrationBuilder.DropTable(
                name: "LecturerRegions");

            migrationBuilder.DropTable(
                name: "LecturerTeamMembers");

            migrationBuilder.DropTable(
                name: "LecturerTopics");

            migrationBuilder.DropTable(
                name: "LecturerDisciplineList");

            migrationBuilder.DropTable(
                name: "LecturerTeams");

            migrationBuilder.DropTable(
                name: "Lecturers");
        }
    }
}
