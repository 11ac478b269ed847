using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Accounts;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Scheduling;
using Outreach.Core.Search;
using Outreach.Core.Security;

namespace Outreach.Lecturers;

/// <summary>Volunteer lecturers (科普讲师团): applications, review, public profiles, teams and a searchable directory.</summary>
public sealed class LecturersModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Lecturers", "讲师团", "Lecturers")
    {
        // The directory's Chinese full-text goes through the search module.
        Requires = ["Search"],
        Permissions =
        [
            new(LecturerPermissions.Review, "审核讲师（申请与资料修改）", "Review lecturers (applications and profile changes)", SiteRole.Reviewer, SiteRole.SiteAdmin),
            new(LecturerPermissions.Manage, "管理讲师团（团队、学科、导出个人信息）", "Manage lecturer teams, disciplines and personal exports", SiteRole.SiteAdmin),
        ],
        ReservedPrefixes = ["lecturers", "lecturer-teams"],
        RecipeSteps = [typeof(LecturersRecipeStep)],
        TemplateModels =
        [
            typeof(LecturerProfile), typeof(LecturerTopicInfo), typeof(LecturerRegionInfo), typeof(LecturerDisciplineInfo), typeof(LecturerAvailabilityInfo),
            typeof(LecturerTeamInfo), typeof(Directory.LecturerChoice), typeof(Directory.LecturerPaging), typeof(Directory.LecturerCard),
            typeof(Directory.LecturerFilterView), typeof(Directory.FacetView), typeof(Directory.LecturerListPage), typeof(Directory.TopicView),
            typeof(Directory.LecturerPageView), typeof(Directory.TeamPageView), typeof(Directory.ApplyPage), typeof(Directory.ApplyValues),
            typeof(Directory.TopicRow), typeof(MyLecturerView), typeof(MyLecturerBlock), typeof(LecturerMail),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LecturersOptions>().BindConfiguration("Outreach:Lecturers").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<LecturerDirectory>();
        services.AddScoped<Directory.LecturerFinder>();
        services.AddScoped<LecturerMails>();
        services.AddScoped<Apply.LecturerApplications>();
        services.AddScoped<Review.LecturerReview>();
        services.AddScoped<Review.LecturerQueue>();
        services.AddScoped<LecturerLifecycle>();
        services.AddSingleton<ISearchDocumentSource, Directory.LecturerSearchSource>();
        services.AddScoped<ISitemapSource, Directory.LecturerSitemapSource>();
        services.AddScoped<IPersonalAreaSection, MyLecturerSection>();
        services.AddScheduledJob<LecturerRetentionJob>("0 40 3 ? * *", "匿名化已退出讲师的个人信息 / lecturer retention");
        services.AddSingleton(new AdminMenuItem("讲师审核", "/admin/lecturers", LecturerPermissions.Review, 40));
        services.AddSingleton(new AdminMenuItem("讲师名录", "/admin/lecturers/list", LecturerPermissions.Review, 41));
        services.AddSingleton(new AdminMenuItem("讲师团队", "/admin/lecturers/teams", LecturerPermissions.Manage, 42));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<Lecturer>(e =>
        {
            e.ToTable("Lecturers");
            e.HasIndex(l => new { l.SiteId, l.Slug }).IsUnique();
            e.HasIndex(l => new { l.SiteId, l.UserId }).IsUnique();
            e.HasIndex(l => l.Key).IsUnique();
            e.HasIndex(l => new { l.SiteId, l.Status });
            e.Property(l => l.Slug).HasMaxLength(LecturerLimits.Slug);
            e.Property(l => l.Name).HasMaxLength(LecturerLimits.Name);
            e.Property(l => l.Organisation).HasMaxLength(LecturerLimits.Organisation);
            e.Property(l => l.ProfessionalTitle).HasMaxLength(LecturerLimits.ProfessionalTitle);
            e.Property(l => l.Bio).HasMaxLength(LecturerLimits.Bio);
            e.Property(l => l.AvailabilityNote).HasMaxLength(LecturerLimits.AvailabilityNote);
            e.Ignore(l => l.IsPublic);
        });
        model.Entity<LecturerTopic>(e =>
        {
            e.ToTable("LecturerTopics");
            e.HasOne<Lecturer>().WithMany().HasForeignKey(t => t.LecturerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.LecturerId, t.Position });
            e.Property(t => t.Title).HasMaxLength(LecturerLimits.TopicTitle);
            e.Property(t => t.Summary).HasMaxLength(LecturerLimits.TopicSummary);
        });
        model.Entity<LecturerRegion>(e =>
        {
            e.ToTable("LecturerRegions");
            e.HasOne<Lecturer>().WithMany().HasForeignKey(r => r.LecturerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.SiteId, r.City });
            e.HasIndex(r => r.LecturerId);
            e.Property(r => r.City).HasMaxLength(LecturerLimits.City);
            e.Property(r => r.County).HasMaxLength(LecturerLimits.County);
        });
        model.Entity<Discipline>(e =>
        {
            e.ToTable("LecturerDisciplineList");
            e.HasIndex(d => new { d.SiteId, d.Code }).IsUnique();
            e.HasOne<Discipline>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.Code).HasMaxLength(LecturerLimits.DisciplineCode);
            e.Property(d => d.Name).HasMaxLength(LecturerLimits.DisciplineName);
        });
        model.Entity<LecturerDiscipline>(e =>
        {
            e.ToTable("LecturerDisciplines");
            e.HasOne<Lecturer>().WithMany().HasForeignKey(d => d.LecturerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Discipline>().WithMany().HasForeignKey(d => d.DisciplineId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.LecturerId, d.DisciplineId }).IsUnique();
        });
        model.Entity<LecturerTeam>(e =>
        {
            e.ToTable("LecturerTeams");
            e.HasIndex(t => new { t.SiteId, t.Slug }).IsUnique();
            e.HasOne<Lecturer>().WithMany().HasForeignKey(t => t.LeadLecturerId).OnDelete(DeleteBehavior.SetNull);
            e.Property(t => t.Slug).HasMaxLength(LecturerLimits.Slug);
            e.Property(t => t.Name).HasMaxLength(LecturerLimits.TeamName);
            e.Property(t => t.Description).HasMaxLength(LecturerLimits.TeamDescription);
        });
        model.Entity<LecturerTeamMember>(e =>
        {
            e.ToTable("LecturerTeamMembers");
            e.HasOne<LecturerTeam>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Lecturer>().WithMany().HasForeignKey(m => m.LecturerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.TeamId, m.LecturerId }).IsUnique();
            e.HasIndex(m => m.LecturerId);
        });
        model.Entity<Photos.LecturerPhoto>(e =>
        {
            e.ToTable("LecturerPhotos");
            e.HasIndex(p => new { p.SiteId, p.UserId });
        });
        model.Entity<LecturerApplication>(e =>
        {
            e.ToTable("LecturerApplications");
            e.HasOne<Lecturer>().WithMany().HasForeignKey(a => a.LecturerId).OnDelete(DeleteBehavior.Cascade);
            // One open application per lecturer, kept by the database (NULLs do not collide).
            e.HasIndex(a => a.OpenLecturerId).IsUnique();
            e.HasIndex(a => new { a.SiteId, a.Status, a.SubmittedAt });
            e.HasIndex(a => a.LecturerId);
            e.Property(a => a.ChangeJson).HasMaxLength(LecturerLimits.ChangeJson);
            e.Property(a => a.Reason).HasMaxLength(LecturerLimits.Reason);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        LecturersApi.Map(endpoints);
        Directory.LecturerPages.Map(endpoints);
        Apply.ApplyPages.Map(endpoints);
        Photos.PhotoEndpoints.Map(endpoints);
    }
}

/// <summary>What the lecturers module lets a role do (see the manifest for who has it).</summary>
public static class LecturerPermissions
{
    /// <summary>See pending applications and changes; approve, reject or ask for changes.</summary>
    public const string Review = "lecturers.review";

    /// <summary>Teams, the discipline list, and the personal columns of the export.</summary>
    public const string Manage = "lecturers.manage";
}
