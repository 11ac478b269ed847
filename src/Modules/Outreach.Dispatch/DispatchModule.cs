using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Modules;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;

namespace Outreach.Dispatch;

/// <summary>
/// Lecture requests and dispatch (市民点单、部门派单、专家接单、群众评单), service hours and certificates, tours and
/// statistics. A module of its own that requires Lecturers and reads lecturers only through its directory contract.
/// </summary>
public sealed class DispatchModule : OutreachModule
{
    public const string ModuleId = "Dispatch";

    public override ModuleManifest Manifest { get; } = new(ModuleId, "讲座派单", "Lecture dispatch")
    {
        Requires = ["Lecturers"],
        Permissions =
        [
            new(DispatchPermissions.Manage, "派单、确认服务时长、导出服务记录与统计", "Dispatch lectures, confirm service hours, export records and statistics", SiteRole.SiteAdmin),
        ],
        ReservedPrefixes = ["lecture-requests", "certificates", "tours", "_dispatch"],
        RecipeSteps = [typeof(DispatchRecipeStep)],
        TemplateModels =
        [
            typeof(FormToken), typeof(ChoiceView), typeof(MenuItemView), typeof(OrderValues), typeof(OrderFormPage), typeof(TrackPage), typeof(OrderApi.TrackView),
            typeof(RatePage), typeof(CertificatePage), typeof(TourPage), typeof(ToursPage), typeof(Tours.TourView), typeof(Tours.TourStopView),
            typeof(Tours.TourLecture), typeof(Tours.TourTotals), typeof(MyDispatchesView), typeof(LecturerApi.MyDispatch), typeof(LecturerApi.YearTotal),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().BindConfiguration("Outreach:Dispatch").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackTokens>();
        services.AddSingleton<RequestLimiter>();
        services.AddSingleton<DispatchSweeps>();
        services.AddScoped<ILecturerRoster, LecturersRoster>();
        services.AddScoped<Outreach.Lecturers.ILecturerServiceRecords, DispatchServiceRecords>();
        services.AddScoped<RequestAccess>();
        services.AddScoped<OrderLecture>();
        services.AddScoped<DispatchDesk>();
        services.AddScoped<Suggestions>();
        services.AddScoped<Certificates>();
        services.AddScoped<Tours>();
        services.AddScoped<LectureStatistics>();
        services.AddScoped<Outreach.Core.Accounts.IPersonalAreaSection, MyDispatchesSection>();
        services.AddSingleton<Outreach.Core.Themes.ILiquidExtension, DispatchLiquid>();
        services.AddScheduledJob<EscalateDispatchesJob>("0 */5 * ? * *", "未答复的派单退回队列 / escalate unanswered dispatches");
        services.AddScheduledJob<PurgeLectureRequestsJob>("0 40 3 ? * *", "删除过期的讲座需求联系人信息 / purge lecture-request contacts");
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<DispatchOptions>>((o, dispatch) =>
            o.AddPolicy(OrderApi.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = dispatch.Value.RequestsPerIpPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })));
        services.AddSingleton(new AdminMenuItem("讲座派单", "/admin/dispatch", DispatchPermissions.Manage, 42));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<LectureRequest>(e =>
        {
            e.ToTable("LectureRequests");
            e.HasIndex(r => r.Key).IsUnique();
            e.HasIndex(r => new { r.SiteId, r.Status, r.PreferredAt1 });
            e.HasIndex(r => r.TourStopId);
            e.Property(r => r.OrganisationType).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Organisation).HasMaxLength(DispatchLimits.Organisation);
            e.Property(r => r.City).HasMaxLength(DispatchLimits.City);
            e.Property(r => r.County).HasMaxLength(DispatchLimits.County);
            e.Property(r => r.Address).HasMaxLength(DispatchLimits.Address);
            e.Property(r => r.ContactName).HasMaxLength(DispatchLimits.ContactName);
            e.Property(r => r.ContactPhone).HasMaxLength(DispatchLimits.Phone);
            e.Property(r => r.ContactEmail).HasMaxLength(DispatchLimits.Email);
            e.Property(r => r.Topic).HasMaxLength(DispatchLimits.Topic);
            e.Property(r => r.Audience).HasMaxLength(DispatchLimits.Audience);
            e.Property(r => r.Notes).HasMaxLength(DispatchLimits.Notes);
            e.Property(r => r.ConfirmCodeHash).HasMaxLength(64);
            e.Property(r => r.RatingComment).HasMaxLength(DispatchLimits.RatingComment);
            e.Ignore(r => r.PreferredTimes);
        });
        model.Entity<LectureDispatch>(e =>
        {
            e.ToTable("LectureDispatches");
            e.HasOne<LectureRequest>().WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.LecturerId, d.Status, d.StartsAt });
            e.HasIndex(d => new { d.Status, d.AnswerDueAt });
            e.HasIndex(d => d.LecturerUserId);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.LecturerName).HasMaxLength(DispatchLimits.LecturerName);
            e.Property(d => d.DeclineReason).HasMaxLength(DispatchLimits.Reason);
            e.Property(d => d.ReportNotes).HasMaxLength(DispatchLimits.Notes);
            e.PrimitiveCollection(d => d.PhotoIds);
        });
        model.Entity<LecturerSchedule>(e =>
        {
            e.ToTable("DispatchLecturerSchedules");
            e.HasKey(s => s.UserId);
            e.Property(s => s.UserId).ValueGeneratedNever();
        });
        model.Entity<ServiceRecord>(e =>
        {
            e.ToTable("ServiceRecords");
            e.HasOne<LectureDispatch>().WithMany().HasForeignKey(s => s.DispatchId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => s.DispatchId).IsUnique(); // hours are recorded once per lecture
            e.HasIndex(s => new { s.LecturerId, s.ServedAt });
            e.HasIndex(s => s.LecturerUserId);
            e.Property(s => s.LecturerName).HasMaxLength(DispatchLimits.LecturerName);
            e.Property(s => s.Organisation).HasMaxLength(DispatchLimits.Organisation);
            e.Property(s => s.Activity).HasMaxLength(DispatchLimits.Topic + 10);
            e.Property(s => s.Hours).HasPrecision(6, 2);
            e.Property(s => s.TravelHours).HasPrecision(6, 2);
            e.Ignore(s => s.TotalHours);
        });
        model.Entity<ServiceCorrection>(e =>
        {
            e.ToTable("ServiceCorrections");
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(c => c.ServiceRecordId).OnDelete(DeleteBehavior.Cascade);
            e.Property(c => c.OldHours).HasPrecision(6, 2);
            e.Property(c => c.NewHours).HasPrecision(6, 2);
            e.Property(c => c.Reason).HasMaxLength(DispatchLimits.Reason);
            e.Property(c => c.Actor).HasMaxLength(256);
        });
        model.Entity<ServiceCertificate>(e =>
        {
            e.ToTable("ServiceCertificates");
            e.HasIndex(c => c.Serial).IsUnique();
            e.HasIndex(c => new { c.LecturerId, c.ServiceRecordId, c.Year });
            e.Property(c => c.Serial).HasMaxLength(DispatchLimits.Serial);
            e.Property(c => c.LecturerName).HasMaxLength(DispatchLimits.LecturerName);
            e.Property(c => c.Hours).HasPrecision(8, 2);
            e.Property(c => c.Issuer).HasMaxLength(200);
        });
        model.Entity<Tour>(e =>
        {
            e.ToTable("Tours");
            e.HasIndex(t => new { t.SiteId, t.Slug }).IsUnique();
            e.Property(t => t.Slug).HasMaxLength(DispatchLimits.Slug);
            e.Property(t => t.Title).HasMaxLength(DispatchLimits.TourTitle);
            e.Property(t => t.Summary).HasMaxLength(DispatchLimits.Notes);
            e.HasMany(t => t.Stops).WithOne().HasForeignKey(s => s.TourId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TourStop>(e =>
        {
            e.ToTable("TourStops");
            e.Property(s => s.City).HasMaxLength(DispatchLimits.City);
            e.Property(s => s.County).HasMaxLength(DispatchLimits.County);
            e.Property(s => s.Town).HasMaxLength(DispatchLimits.County);
            e.Property(s => s.Venue).HasMaxLength(DispatchLimits.Venue);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        OrderApi.Map(endpoints);
        DispatchAdminApi.Map(endpoints);
        LecturerApi.Map(endpoints);
        DispatchPages.Map(endpoints);
    }
}
