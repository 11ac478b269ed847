using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Session4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BaseCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Bases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecipeKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    City = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    District = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Intro = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    Themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Audiences = table.Column<List<string>>(type: "text[]", nullable: false),
                    MinAge = table.Column<int>(type: "integer", nullable: false),
                    MaxAge = table.Column<int>(type: "integer", nullable: false),
                    Free = table.Column<bool>(type: "boolean", nullable: false),
                    PriceText = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BookingRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Accessibility = table.Column<List<string>>(type: "text[]", nullable: false),
                    Transport = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PublicPhone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PhotoIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    HoursJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AutoConfirm = table.Column<bool>(type: "boolean", nullable: false),
                    DailyCapacity = table.Column<int>(type: "integer", nullable: true),
                    StaffEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bases", x => x.Id);
                });

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
                name: "Journals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    TitleZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Abbreviation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Issn = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EIssn = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CnNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EditorInChief = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Licence = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DoiPrefix = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CoverMediaId = table.Column<int>(type: "integer", nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    About = table.Column<string>(type: "text", nullable: false),
                    Aims = table.Column<string>(type: "text", nullable: false),
                    Instructions = table.Column<string>(type: "text", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journals", x => x.Id);
                });

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
                name: "PublicHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicHolidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchNodeCheckpoint",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchNodeCheckpoint", x => x.NodeId);
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
                name: "ThrottleWindows",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartMs = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThrottleWindows", x => new { x.Kind, x.KeyHash });
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
                name: "BaseAccreditations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    BaseId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    YearAccredited = table.Column<int>(type: "integer", nullable: false),
                    TermEnds = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseAccreditations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaseAccreditations_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BaseStaff",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    BaseId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseStaff", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaseStaff_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BaseStaff_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BaseVisitDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    BaseId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseVisitDays", x => x.Id);
                    table.CheckConstraint("CK_BaseVisitDays_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_BaseVisitDays_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BaseVisitSlots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    BaseId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false),
                    MinGroup = table.Column<int>(type: "integer", nullable: false),
                    MaxGroup = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseVisitSlots", x => x.Id);
                    table.CheckConstraint("CK_BaseVisitSlots_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_BaseVisitSlots_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JournalIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JournalId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Volume = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SpecialTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CoverMediaId = table.Column<int>(type: "integer", nullable: true),
                    Editorial = table.Column<string>(type: "text", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalIssues_Journals_JournalId",
                        column: x => x.JournalId,
                        principalTable: "Journals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JournalSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    JournalId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    TitleZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalSections_Journals_JournalId",
                        column: x => x.JournalId,
                        principalTable: "Journals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "BaseVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    BaseId = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    TicketCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Mobile = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    GroupSize = table.Column<int>(type: "integer", nullable: false),
                    Ages = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Adults = table.Column<int>(type: "integer", nullable: false),
                    SpecialNeeds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConsentedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CheckedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckedInCount = table.Column<int>(type: "integer", nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaseVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaseVisits_BaseVisitSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "BaseVisitSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BaseVisits_Bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "Bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JournalArticles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    SectionId = table.Column<int>(type: "integer", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Subtitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SubtitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Abstract = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    AbstractEn = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Keywords = table.Column<string>(type: "text", nullable: false),
                    KeywordsEn = table.Column<string>(type: "text", nullable: false),
                    Authors = table.Column<string>(type: "text", nullable: false),
                    Affiliations = table.Column<string>(type: "text", nullable: false),
                    Doi = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FirstPage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LastPage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ArticleNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Clc = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DocumentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Funding = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    References = table.Column<string>(type: "text", nullable: false),
                    HtmlFullText = table.Column<string>(type: "text", nullable: false),
                    Language = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PdfStoredName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PdfBytes = table.Column<long>(type: "bigint", nullable: false),
                    PdfEmbargoUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PdfText = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    PdfTextState = table.Column<int>(type: "integer", nullable: false),
                    PdfWarning = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalArticles_JournalIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "JournalIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JournalArticles_JournalSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "JournalSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
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

            migrationBuilder.CreateTable(
                name: "JournalArticleCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Views = table.Column<int>(type: "integer", nullable: false),
                    Downloads = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalArticleCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalArticleCounts_JournalArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "JournalArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.InsertData(
                table: "BaseCategories",
                columns: new[] { "Id", "Key", "Name", "NameEn", "Position" },
                values: new object[,]
                {
                    { 1, "venue", "场馆类", "Science centres and museums", 1 },
                    { 2, "research", "科研院所类", "Research institutes", 2 },
                    { 3, "university", "高校类", "Universities", 3 },
                    { 4, "nature", "自然生态类", "Nature and ecology", 4 },
                    { 5, "agriculture", "农业类", "Agriculture", 5 },
                    { 6, "health", "医疗卫生类", "Health care", 6 },
                    { 7, "industry", "企业类", "Industry", 7 },
                    { 8, "other", "其他", "Other", 8 }
                });

            migrationBuilder.InsertData(
                table: "PublicHolidays",
                columns: new[] { "Id", "Date", "Kind", "Name" },
                values: new object[,]
                {
                    { 1, new DateOnly(2026, 1, 1), 0, "元旦" },
                    { 2, new DateOnly(2026, 1, 2), 0, "元旦" },
                    { 3, new DateOnly(2026, 1, 3), 0, "元旦" },
                    { 4, new DateOnly(2026, 1, 4), 1, "元旦" },
                    { 5, new DateOnly(2026, 2, 14), 1, "春节" },
                    { 6, new DateOnly(2026, 2, 15), 0, "春节" },
                    { 7, new DateOnly(2026, 2, 16), 0, "春节" },
                    { 8, new DateOnly(2026, 2, 17), 0, "春节" },
                    { 9, new DateOnly(2026, 2, 18), 0, "春节" },
                    { 10, new DateOnly(2026, 2, 19), 0, "春节" },
                    { 11, new DateOnly(2026, 2, 20), 0, "春节" },
                    { 12, new DateOnly(2026, 2, 21), 0, "春节" },
                    { 13, new DateOnly(2026, 2, 22), 0, "春节" },
                    { 14, new DateOnly(2026, 2, 23), 0, "春节" },
                    { 15, new DateOnly(2026, 2, 28), 1, "春节" },
                    { 16, new DateOnly(2026, 4, 4), 0, "清明节" },
                    { 17, new DateOnly(2026, 4, 5), 0, "清明节" },
                    { 18, new DateOnly(2026, 4, 6), 0, "清明节" },
                    { 19, new DateOnly(2026, 5, 1), 0, "劳动节" },
                    { 20, new DateOnly(2026, 5, 2), 0, "劳动节" },
                    { 21, new DateOnly(2026, 5, 3), 0, "劳动节" },
                    { 22, new DateOnly(2026, 5, 4), 0, "劳动节" },
                    { 23, new DateOnly(2026, 5, 5), 0, "劳动节" },
                    { 24, new DateOnly(2026, 5, 9), 1, "劳动节" },
                    { 25, new DateOnly(2026, 6, 19), 0, "端午节" },
                    { 26, new DateOnly(2026, 6, 20), 0, "端午节" },
                    { 27, new DateOnly(2026, 6, 21), 0, "端午节" },
                    { 28, new DateOnly(2026, 9, 20), 1, "国庆节" },
                    { 29, new DateOnly(2026, 9, 25), 0, "中秋节" },
                    { 30, new DateOnly(2026, 9, 26), 0, "中秋节" },
                    { 31, new DateOnly(2026, 9, 27), 0, "中秋节" },
                    { 32, new DateOnly(2026, 10, 1), 0, "国庆节" },
                    { 33, new DateOnly(2026, 10, 2), 0, "国庆节" },
                    { 34, new DateOnly(2026, 10, 3), 0, "国庆节" },
                    { 35, new DateOnly(2026, 10, 4), 0, "国庆节" },
                    { 36, new DateOnly(2026, 10, 5), 0, "国庆节" },
                    { 37, new DateOnly(2026, 10, 6), 0, "国庆节" },
                    { 38, new DateOnly(2026, 10, 7), 0, "国庆节" },
                    { 39, new DateOnly(2026, 10, 10), 1, "国庆节" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_BaseAccreditations_BaseId",
                table: "BaseAccreditations",
                column: "BaseId");

            migrationBuilder.CreateIndex(
                name: "IX_BaseAccreditations_State_TermEnds",
                table: "BaseAccreditations",
                columns: new[] { "State", "TermEnds" });

            migrationBuilder.CreateIndex(
                name: "IX_BaseCategories_Key",
                table: "BaseCategories",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bases_Key",
                table: "Bases",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bases_SiteId_City",
                table: "Bases",
                columns: new[] { "SiteId", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_Bases_SiteId_RecipeKey",
                table: "Bases",
                columns: new[] { "SiteId", "RecipeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Bases_SiteId_Slug",
                table: "Bases",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bases_Status_ScheduledAt",
                table: "Bases",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BaseStaff_BaseId_UserId",
                table: "BaseStaff",
                columns: new[] { "BaseId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseStaff_UserId",
                table: "BaseStaff",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisitDays_BaseId_Date",
                table: "BaseVisitDays",
                columns: new[] { "BaseId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisits_BaseId_Status",
                table: "BaseVisits",
                columns: new[] { "BaseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisits_Key",
                table: "BaseVisits",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisits_SlotId",
                table: "BaseVisits",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisits_TicketCode",
                table: "BaseVisits",
                column: "TicketCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisits_UserId",
                table: "BaseVisits",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_BaseVisitSlots_BaseId_StartsAt",
                table: "BaseVisitSlots",
                columns: new[] { "BaseId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticleCounts_ArticleId_Day",
                table: "JournalArticleCounts",
                columns: new[] { "ArticleId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_IssueId_Order",
                table: "JournalArticles",
                columns: new[] { "IssueId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_Key",
                table: "JournalArticles",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_PdfTextState",
                table: "JournalArticles",
                column: "PdfTextState");

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_SectionId",
                table: "JournalArticles",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_SiteId_Slug",
                table: "JournalArticles",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_SiteId_UpdatedAt",
                table: "JournalArticles",
                columns: new[] { "SiteId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalArticles_Status_ScheduledAt",
                table: "JournalArticles",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalIssues_JournalId_Year_Volume_Number",
                table: "JournalIssues",
                columns: new[] { "JournalId", "Year", "Volume", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalIssues_Key",
                table: "JournalIssues",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalIssues_SiteId_Slug",
                table: "JournalIssues",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalIssues_Status_ScheduledAt",
                table: "JournalIssues",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Journals_SiteId_Slug",
                table: "Journals",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalSections_JournalId_Key",
                table: "JournalSections",
                columns: new[] { "JournalId", "Key" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_PublicHolidays_Date",
                table: "PublicHolidays",
                column: "Date",
                unique: true);

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
                name: "IX_ThrottleWindows_StartMs",
                table: "ThrottleWindows",
                column: "StartMs");

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
                name: "BaseAccreditations");

            migrationBuilder.DropTable(
                name: "BaseCategories");

            migrationBuilder.DropTable(
                name: "BaseStaff");

            migrationBuilder.DropTable(
                name: "BaseVisitDays");

            migrationBuilder.DropTable(
                name: "BaseVisits");

            migrationBuilder.DropTable(
                name: "DispatchLecturerSchedules");

            migrationBuilder.DropTable(
                name: "JournalArticleCounts");

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
                name: "PublicHolidays");

            migrationBuilder.DropTable(
                name: "SearchNodeCheckpoint");

            migrationBuilder.DropTable(
                name: "ServiceCertificates");

            migrationBuilder.DropTable(
                name: "ServiceCorrections");

            migrationBuilder.DropTable(
                name: "ThrottleWindows");

            migrationBuilder.DropTable(
                name: "TourStops");

            migrationBuilder.DropTable(
                name: "BaseVisitSlots");

            migrationBuilder.DropTable(
                name: "JournalArticles");

            migrationBuilder.DropTable(
                name: "LecturerDisciplineList");

            migrationBuilder.DropTable(
                name: "LecturerTeams");

            migrationBuilder.DropTable(
                name: "ServiceRecords");

            migrationBuilder.DropTable(
                name: "Tours");

            migrationBuilder.DropTable(
                name: "Bases");

            migrationBuilder.DropTable(
                name: "JournalIssues");

            migrationBuilder.DropTable(
                name: "JournalSections");

            migrationBuilder.DropTable(
                name: "Lecturers");

            migrationBuilder.DropTable(
                name: "LectureDispatches");

            migrationBuilder.DropTable(
                name: "Journals");

            migrationBuilder.DropTable(
                name: "LectureRequests");
        }
    }
}
