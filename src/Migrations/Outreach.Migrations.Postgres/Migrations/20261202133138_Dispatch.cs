using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DispatchLecturerSchedules",
                columns: table => new
                {
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    Accepts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchLecturerSchedules", x => x.LecturerId);
                });

            migrationBuilder.CreateTable(
                name: "LectureRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    County = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TopicId = table.Column<int>(type: "integer", nullable: true),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Audience = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    AudienceSize = table.Column<int>(type: "integer", nullable: false),
                    PreferredAt1 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PreferredAt2 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PreferredAt3 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContactConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConfirmCodeExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmAttempts = table.Column<int>(type: "integer", nullable: false),
                    TourStopId = table.Column<int>(type: "integer", nullable: true),
                    PlannedByOffice = table.Column<bool>(type: "boolean", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstDispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LectureRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCertificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    LecturerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    Services = table.Column<int>(type: "integer", nullable: false),
                    PeriodFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ServiceRecordId = table.Column<int>(type: "integer", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCertificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LectureDispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    RequestId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    LecturerUserId = table.Column<int>(type: "integer", nullable: true),
                    LecturerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnswerDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ActualAudience = table.Column<int>(type: "integer", nullable: true),
                    ActualMinutes = table.Column<int>(type: "integer", nullable: true),
                    ReportNotes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PhotoIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LectureDispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LectureDispatches_LectureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "LectureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TourStops",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    TourId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    City = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    County = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Town = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Venue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TourStops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TourStops_Tours_TourId",
                        column: x => x.TourId,
                        principalTable: "Tours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    DispatchId = table.Column<int>(type: "integer", nullable: false),
                    LecturerId = table.Column<int>(type: "integer", nullable: false),
                    LecturerUserId = table.Column<int>(type: "integer", nullable: true),
                    LecturerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Activity = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false),
                    ServedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    TravelHours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_LectureDispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "LectureDispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ServiceRecordId = table.Column<int>(type: "integer", nullable: false),
                    OldHours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    NewHours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceCorrections_ServiceRecords_ServiceRecordId",
                        column: x => x.ServiceRecordId,
                        principalTable: "ServiceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LectureDispatches_LecturerId_Status_StartsAt",
                table: "LectureDispatches",
                columns: new[] { "LecturerId", "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LectureDispatches_LecturerUserId",
                table: "LectureDispatches",
                column: "LecturerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_LectureDispatches_RequestId",
                table: "LectureDispatches",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_LectureDispatches_Status_AnswerDueAt",
                table: "LectureDispatches",
                columns: new[] { "Status", "AnswerDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LectureRequests_Key",
                table: "LectureRequests",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LectureRequests_SiteId_Status_PreferredAt1",
                table: "LectureRequests",
                columns: new[] { "SiteId", "Status", "PreferredAt1" });

            migrationBuilder.CreateIndex(
                name: "IX_LectureRequests_TourStopId",
                table: "LectureRequests",
                column: "TourStopId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCertificates_LecturerId_ServiceRecordId_Year",
                table: "ServiceCertificates",
                columns: new[] { "LecturerId", "ServiceRecordId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCertificates_Serial",
                table: "ServiceCertificates",
                column: "Serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCorrections_ServiceRecordId",
                table: "ServiceCorrections",
                column: "ServiceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_DispatchId",
                table: "ServiceRecords",
                column: "DispatchId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_LecturerId_ServedAt",
                table: "ServiceRecords",
                columns: new[] { "LecturerId", "ServedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_LecturerUserId",
                table: "ServiceRecords",
                column: "LecturerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Tours_SiteId_Slug",
                table: "Tours",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TourStops_TourId",
                table: "TourStops",
                column: "TourId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchLecturerSchedules");

            migrationBuilder.DropTable(
                name: "ServiceCertificates");

            migrationBuilder.DropTable(
                name: "ServiceCorrections");

            migrationBuilder.DropTable(
                name: "TourStops");

            migrationBuilder.DropTable(
                name: "ServiceRecords");

            migrationBuilder.DropTable(
                name: "Tours");

            migrationBuilder.DropTable(
                name: "LectureDispatches");

            migrationBuilder.DropTable(
                name: "LectureRequests");
        }
    }
}
