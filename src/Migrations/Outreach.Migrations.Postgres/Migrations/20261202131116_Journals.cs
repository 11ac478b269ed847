using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Journals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JournalArticleCounts");

            migrationBuilder.DropTable(
                name: "JournalArticles");

            migrationBuilder.DropTable(
                name: "JournalIssues");

            migrationBuilder.DropTable(
                name: "JournalSections");

            migrationBuilder.DropTable(
                name: "Journals");
        }
    }
}
