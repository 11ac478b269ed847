using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Search;
using Outreach.Core.Security;

namespace Outreach.Journals;

/// <summary>学会刊物: journals, issues and articles with their PDFs, and what readers, indexes and harvesters read of them.</summary>
public sealed class JournalsModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Journals", "学会刊物", "Society journals")
    {
        Permissions = [new(JournalPermissions.Edit, "编辑刊物", "Edit journals", SiteRole.Editor, SiteRole.SiteAdmin)],
        ReservedPrefixes = ["journals", "oai"],
        RecipeSteps = [typeof(JournalsRecipeStep)],
        TemplateModels =
        [
            typeof(JournalView), typeof(IssueView), typeof(ArticleView), typeof(AuthorView), typeof(SectionGroup), typeof(YearGroup),
            typeof(JournalHomePage), typeof(IssuePage), typeof(ArticlePage), typeof(JournalListPage), typeof(MetaTag), typeof(CitationView),
            typeof(ReferenceView),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JournalsOptions>().BindConfiguration("Outreach:Journals").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JournalStorage>();
        services.AddSingleton<PdfCheck>();
        services.AddSingleton<ISearchDocumentSource, JournalSearchSource>();
        services.AddScoped<ISitemapSource, JournalSitemapSource>();
        services.AddScoped<ArticleCounter>();
        services.AddScoped<IssueImport>();
        services.AddScoped<IssuePublishing>();
        services.AddScoped<ArticlePdfUpload>();
        services.AddSingleton(new AdminMenuItem("学会刊物", "/admin/journals", JournalPermissions.Edit, 60));
        services.AddHostedService<PdfTextWorker>();
        services.AddSingleton<PdfTextSignal>();
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<Journal>(e =>
        {
            e.ToTable("Journals");
            e.HasIndex(x => new { x.SiteId, x.Slug }).IsUnique();
            e.Property(x => x.Slug).HasMaxLength(JournalLimits.Slug);
            foreach (var p in new[] { nameof(Journal.TitleZh), nameof(Journal.TitleEn), nameof(Journal.Publisher), nameof(Journal.EditorInChief), nameof(Journal.Licence), nameof(Journal.ContactEmail) })
                e.Property(p).HasMaxLength(JournalLimits.ShortText);
            foreach (var p in new[] { nameof(Journal.Abbreviation), nameof(Journal.Issn), nameof(Journal.EIssn), nameof(Journal.CnNumber), nameof(Journal.Frequency), nameof(Journal.DoiPrefix) })
                e.Property(p).HasMaxLength(JournalLimits.Code);
        });
        model.Entity<JournalSection>(e =>
        {
            e.ToTable("JournalSections");
            e.HasOne<Journal>().WithMany().HasForeignKey(x => x.JournalId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.JournalId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(JournalLimits.Slug);
            e.Property(x => x.TitleZh).HasMaxLength(JournalLimits.ShortText);
            e.Property(x => x.TitleEn).HasMaxLength(JournalLimits.ShortText);
        });
        model.Entity<JournalIssue>(e =>
        {
            e.ToTable("JournalIssues");
            e.HasOne<Journal>().WithMany().HasForeignKey(x => x.JournalId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.JournalId, x.Year, x.Volume, x.Number }).IsUnique();
            e.Property(x => x.SpecialTitle).HasMaxLength(JournalLimits.ShortText);
        });
        model.Entity<JournalArticle>(e =>
        {
            e.ToTable("JournalArticles");
            e.HasOne<JournalIssue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<JournalSection>().WithMany().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.IssueId, x.Order });
            e.HasIndex(x => new { x.SiteId, x.UpdatedAt }); // OAI-PMH from/until
            e.HasIndex(x => new { x.PdfTextState });
            foreach (var p in new[] { nameof(JournalArticle.Subtitle), nameof(JournalArticle.SubtitleEn) }) e.Property(p).HasMaxLength(JournalLimits.ShortText);
            e.Property(x => x.TitleEn).HasMaxLength(Outreach.Core.Data.FieldLimits.Title);
            e.Property(x => x.Abstract).HasMaxLength(JournalLimits.Abstract);
            e.Property(x => x.AbstractEn).HasMaxLength(JournalLimits.Abstract);
            e.Property(x => x.Doi).HasMaxLength(JournalLimits.Doi);
            foreach (var p in new[] { nameof(JournalArticle.FirstPage), nameof(JournalArticle.LastPage), nameof(JournalArticle.ArticleNumber),
                         nameof(JournalArticle.Clc), nameof(JournalArticle.DocumentCode), nameof(JournalArticle.Language) })
                e.Property(p).HasMaxLength(JournalLimits.Code);
            e.Property(x => x.Funding).HasMaxLength(JournalLimits.Funding);
            e.Property(x => x.PdfStoredName).HasMaxLength(64);
            e.Property(x => x.PdfText).HasMaxLength(JournalLimits.PdfText);
            e.Property(x => x.PdfWarning).HasMaxLength(500);
            Json(e.Property(x => x.Keywords));
            Json(e.Property(x => x.KeywordsEn));
            Json(e.Property(x => x.Affiliations));
            Json(e.Property(x => x.Authors));
            Json(e.Property(x => x.References));
        });
        model.Entity<ArticleDailyCount>(e =>
        {
            e.ToTable("JournalArticleCounts");
            e.HasOne<JournalArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ArticleId, x.Day }).IsUnique();
        });
    }

    static readonly JsonSerializerOptions JsonColumn = new(JsonSerializerDefaults.Web);

    /// <summary>A typed list kept as one JSON text column (same on SQLite and PostgreSQL).</summary>
    static void Json<T>(PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonColumn),
            v => JsonSerializer.Deserialize<List<T>>(v, JsonColumn) ?? new List<T>(),
            new ValueComparer<List<T>>((a, b) => JsonSerializer.Serialize(a, JsonColumn) == JsonSerializer.Serialize(b, JsonColumn),
                v => JsonSerializer.Serialize(v, JsonColumn).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonColumn), JsonColumn)!));

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        JournalPages.Map(endpoints);
        JournalPdfEndpoint.Map(endpoints);
        OaiEndpoint.Map(endpoints);
        JournalsApi.Map(endpoints);
        JournalsEditorApi.Map(endpoints);
        JournalFeeds.Map(endpoints);
        JournalAssets.Map(endpoints);
    }
}

public static class JournalPermissions
{
    public const string Edit = "journals.edit";
}

/// <summary>Bound from <c>Outreach:Journals</c>.</summary>
public sealed class JournalsOptions
{
    [System.ComponentModel.DataAnnotations.Range(1024, long.MaxValue)] public long MaxPdfBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Text extraction stops after this many pages …</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)] public int MaxPdfPages { get; set; } = 200;

    /// <summary>… or after this long per PDF.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 600)] public int ExtractSeconds { get; set; } = 20;

    /// <summary>Records per OAI-PMH list response before a resumption token.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)] public int OaiPageSize { get; set; } = 50;

    /// <summary>OAI-PMH Identify's adminEmail when no journal of the site names a contact address.</summary>
    [System.ComponentModel.DataAnnotations.EmailAddress] public string OaiAdminEmail { get; set; } = "webmaster@outreach.example.cn";
}
