using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Scheduling;
using Outreach.Core.Search;
using Outreach.Core.Security;

namespace Outreach.Bases;

/// <summary>Science education bases (科普教育基地): the directory, opening hours and group visit booking.</summary>
public sealed class BasesModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Bases", "科普教育基地", "Science education bases")
    {
        Permissions =
        [
            new(BasePermissions.Manage, "管理全部科普教育基地（基地、工作人员、预约）", "Manage all science education bases", SiteRole.SiteAdmin),
            new(BasePermissions.ReviewReports, "审核科普教育基地年度报告", "Review the bases' yearly reports", SiteRole.SiteAdmin),
        ],
        ReservedPrefixes = ["bases"],
        RecipeSteps = [typeof(BasesRecipeStep)],
        TemplateModels =
        [
            typeof(BaseCard), typeof(BaseListPage), typeof(BaseFilterView), typeof(FacetView), typeof(BasePage), typeof(DayView),
            typeof(AccreditationView), typeof(SlotView), typeof(VisitFormPage), typeof(VisitManagePage), typeof(VisitMail),
            typeof(MyVisitView), typeof(MyVisitsView), typeof(BaseChoice), typeof(MapTile), typeof(AccreditationMail), typeof(BaseEvents.EventAtBase), typeof(MyBaseView), typeof(MyBasesView),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISearchDocumentSource, BaseSearchSource>();
        services.AddScoped<ISitemapSource, BaseSitemapSource>();
        services.AddScoped<BaseDirectory>();
        services.AddScoped<BaseStaffAccess>();
        services.AddScoped<VisitDesk>();
        services.AddScoped<VisitMails>();
        services.AddScoped<Outreach.Core.Accounts.IPersonalAreaSection, MyVisitsSection>();
        services.AddScoped<Outreach.Core.Accounts.IPersonalAreaSection, MyBasesSection>();
        services.AddScheduledJob<AccreditationReminderJob>("0 15 8 ? * *", "科普教育基地认定期满前 90 天提醒 / accreditation term reminders");
        services.AddScoped<YearlyReports>();
        services.AddScoped<Outreach.Events.IEventPart, BaseEventPart>();
        // Base staff have no site role: they reach /admin/bases from /my (MyBasesSection); the menu is the association's.
        services.AddSingleton(new AdminMenuItem("科普教育基地", "/admin/bases", BasePermissions.Manage, 45));
        services.AddSingleton(new AdminMenuItem("基地年度报告", "/admin/bases/reports", BasePermissions.ReviewReports, 46));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<Base>(e =>
        {
            e.ToTable("Bases");
            e.HasIndex(x => new { x.SiteId, x.RecipeKey });
            e.HasIndex(x => new { x.SiteId, x.City });
            e.Property(x => x.RecipeKey).HasMaxLength(BaseLimits.Key);
            e.Property(x => x.NameEn).HasMaxLength(BaseLimits.Name);
            e.Property(x => x.Category).HasMaxLength(BaseLimits.Category);
            e.Property(x => x.City).HasMaxLength(BaseLimits.City);
            e.Property(x => x.District).HasMaxLength(BaseLimits.District);
            e.Property(x => x.Address).HasMaxLength(BaseLimits.Address);
            e.Property(x => x.Summary).HasMaxLength(BaseLimits.Summary);
            e.Property(x => x.Intro).HasMaxLength(BaseLimits.Intro);
            e.Property(x => x.PriceText).HasMaxLength(BaseLimits.PriceText);
            e.Property(x => x.Transport).HasMaxLength(BaseLimits.Transport);
            e.Property(x => x.PublicPhone).HasMaxLength(BaseLimits.Phone);
            e.Property(x => x.HoursJson).HasMaxLength(BaseLimits.HoursJson);
            e.Property(x => x.StaffEmail).HasMaxLength(BaseLimits.Email);
        });
        model.Entity<BaseCategory>(e =>
        {
            e.ToTable("BaseCategories");
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Key).HasMaxLength(BaseLimits.Category);
            e.Property(x => x.Name).HasMaxLength(BaseLimits.Category);
            e.Property(x => x.NameEn).HasMaxLength(BaseLimits.Name);
            e.HasData(BaseVocabulary.SeedCategories);
        });
        model.Entity<Accreditation>(e =>
        {
            e.ToTable("BaseAccreditations");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Issuer).HasMaxLength(BaseLimits.Issuer);
            e.HasIndex(x => new { x.State, x.TermEnds });
        });
        model.Entity<BaseStaff>(e =>
        {
            e.ToTable("BaseStaff");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OutreachUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BaseId, x.UserId }).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        model.Entity<PublicHoliday>(e =>
        {
            e.ToTable("PublicHolidays");
            e.HasIndex(x => x.Date).IsUnique();
            e.Property(x => x.Name).HasMaxLength(BaseLimits.HolidayName);
            e.HasData(HolidayTable.Seed2026());
        });
        model.Entity<VisitSlot>(e =>
        {
            e.ToTable("BaseVisitSlots");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BaseId, x.StartsAt });
            e.Property(x => x.Audience).HasMaxLength(BaseLimits.Audience);
            e.ToTable(t => t.HasCheckConstraint("CK_BaseVisitSlots_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\""));
        });
        model.Entity<VisitDay>(e =>
        {
            e.ToTable("BaseVisitDays");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BaseId, x.Date }).IsUnique();
            e.ToTable(t => t.HasCheckConstraint("CK_BaseVisitDays_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\""));
        });
        model.Entity<Visit>(e =>
        {
            e.ToTable("BaseVisits");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<VisitSlot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => x.TicketCode).IsUnique();
            e.HasIndex(x => new { x.BaseId, x.Status });
            e.HasIndex(x => x.UserId);
            e.Property(x => x.TicketCode).HasMaxLength(16);
            e.Property(x => x.Organisation).HasMaxLength(BaseLimits.Organisation);
            e.Property(x => x.Contact).HasMaxLength(BaseLimits.Contact);
            e.Property(x => x.Mobile).HasMaxLength(BaseLimits.Mobile);
            e.Property(x => x.Email).HasMaxLength(BaseLimits.Email);
            e.Property(x => x.Ages).HasMaxLength(BaseLimits.Ages);
            e.Property(x => x.SpecialNeeds).HasMaxLength(BaseLimits.SpecialNeeds);
            e.Property(x => x.DecisionNote).HasMaxLength(BaseLimits.DecisionNote);
            e.Ignore(x => x.HoldsSeats);
        });
        BuildReports(model);
    }

    static void BuildReports(ModelBuilder model)
    {
        model.Entity<YearlyReport>(e =>
        {
            e.ToTable("BaseYearlyReports");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BaseId, x.Year }).IsUnique();
            e.HasIndex(x => new { x.Year, x.State });
            e.Property(x => x.Notes).HasMaxLength(BaseLimits.ReportNotes);
            e.Property(x => x.ReviewComment).HasMaxLength(BaseLimits.DecisionNote);
        });
        model.Entity<BaseEvent>(e =>
        {
            e.ToTable("BaseEvents");
            e.HasOne<Base>().WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Outreach.Events.Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasIndex(x => x.BaseId);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        BasesPages.Map(endpoints);
        BasesApi.Map(endpoints);
        BaseStaffApi.Map(endpoints);
        YearlyReportsApi.Map(endpoints);
        BasesAssets.Map(endpoints);
    }
}

public static class BasePermissions
{
    /// <summary>Every base of the site (the association's staff); a base's own staff are in <see cref="BaseStaff"/> instead.</summary>
    public const string Manage = "bases.manage";

    /// <summary>Accept or return the bases' yearly reports (the association's assessors).</summary>
    public const string ReviewReports = "bases.reports.review";
}

/// <summary>The seeded national calendar. Source: 国务院办公厅关于2026年部分节假日安排的通知; the platform admin corrects or adds years.</summary>
public static class HolidayTable
{
    public static IEnumerable<PublicHoliday> Seed2026()
    {
        var id = 0;
        IEnumerable<PublicHoliday> Run(string name, HolidayKind kind, int month, int day, int days = 1) =>
            Enumerable.Range(0, days).Select(i => new PublicHoliday { Id = ++id, Date = new DateOnly(2026, month, day).AddDays(i), Kind = kind, Name = name }).ToList();
        return
        [
            .. Run("元旦", HolidayKind.Holiday, 1, 1, 3), .. Run("元旦", HolidayKind.Workday, 1, 4),
            .. Run("春节", HolidayKind.Workday, 2, 14), .. Run("春节", HolidayKind.Holiday, 2, 15, 9), .. Run("春节", HolidayKind.Workday, 2, 28),
            .. Run("清明节", HolidayKind.Holiday, 4, 4, 3),
            .. Run("劳动节", HolidayKind.Holiday, 5, 1, 5), .. Run("劳动节", HolidayKind.Workday, 5, 9),
            .. Run("端午节", HolidayKind.Holiday, 6, 19, 3),
            .. Run("国庆节", HolidayKind.Workday, 9, 20), .. Run("中秋节", HolidayKind.Holiday, 9, 25, 3),
            .. Run("国庆节", HolidayKind.Holiday, 10, 1, 7), .. Run("国庆节", HolidayKind.Workday, 10, 10),
        ];
    }
}
