using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Migrations.Sqlite.Migrations
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
                    LecturerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchLecturerSchedules", x => x.LecturerId);
                });

            migrationBuilder.CreateTable(
                name: "LectureRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrganisationType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AudienceSize = table.Column<int>(type: "INTEGER", nullable: false),
                    PreferredAt1 = table.Column<long>(type: "INTEGER", nullable: false),
                    PreferredAt2 = table.Column<long>(type: "INTEGER", nullable: true),
                    PreferredAt3 = table.Column<long>(type: "INTEGER", nullable: true),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContactConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConfirmCodeExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    TourStopId = table.Column<int>(type: "INTEGER", nullable: true),
                    PlannedByOffice = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstDispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnonymisedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LectureRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCertificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LecturerId = table.Column<int>(type: "INTEGER", nullable: false),
                    LecturerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    Services = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodTo = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceRecordId = table.Column<int>(type: "INTEGER", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCertificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LectureDispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    LecturerId = table.Column<int>(type: "INTEGER", nullable: false),
                    LecturerUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    LecturerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnswerDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActualAudience = table.Column<int>(type: "INTEGER", nullable: true),
                    ActualMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportNotes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PhotoIds = table.Column<string>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    TourId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Town = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Date = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    LecturerId = table.Column<int>(type: "INTEGER", nullable: false),
                    LecturerUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    LecturerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 210, nullable: false),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    TravelHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceRecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    OldHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    NewHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
