using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Bases : Migration
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
                name: "IX_PublicHolidays_Date",
                table: "PublicHolidays",
                column: "Date",
                unique: true);
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
                name: "PublicHolidays");

            migrationBuilder.DropTable(
                name: "BaseVisitSlots");

            migrationBuilder.DropTable(
                name: "Bases");
        }
    }
}
