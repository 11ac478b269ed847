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
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>Registration, tickets, waitlist and check-in for events (needs the Events module on the site).</summary>
public sealed class RegistrationModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Registration", "报名", "Registration")
    {
        Requires = ["Events"],
        Permissions =
        [
            new(RegistrationPermissions.Manage, "管理报名（名单、审核、导出、设置）", "Manage registrations (lists, approval, export, settings)", SiteRole.SiteAdmin),
            new(RegistrationPermissions.CheckIn, "现场签到", "Check people in", SiteRole.Editor, SiteRole.SiteAdmin),
        ],
        ReservedPrefixes = ["registrations"],
        TemplateModels =
        [
            typeof(OptionView), typeof(EventSummary), typeof(FormSettings), typeof(QuestionField), typeof(FormValues), typeof(FormToken),
            typeof(RegistrationFormPage), typeof(RegistrationView), typeof(OptionSummary), typeof(AnswerView), typeof(ManageActions),
            typeof(RegistrationManagePage), typeof(RegistrationDeletedPage), typeof(MyRegistration), typeof(MyRegistrationsPage),
            typeof(RegistrationSection), typeof(RegistrationMail), typeof(RegistrationDuplicatePage), typeof(RegistrationGonePage),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>().BindConfiguration("Outreach:Registration").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ManageTokens>();
        services.AddSingleton<RegistrationLinks>();
        services.AddSingleton<ContactLimiter>();
        services.AddSingleton<RegistrationSweeps>();
        services.AddScoped<RegistrationMails>();
        services.AddScoped<Outreach.Core.Mail.IMailRenderer>(sp => sp.GetRequiredService<RegistrationMails>());
        services.AddScoped<RegistrationDesk>();
        services.AddSingleton<SeatAvailability>();
        services.AddScoped<ManageAccess>();
        services.AddScoped<IEventPart, RegistrationPart>();
        services.AddScoped<Outreach.Core.Accounts.IPersonalAreaSection, MyRegistrationsSection>();
        services.AddSingleton<Outreach.Core.Themes.ILiquidExtension, MyRegistrationsViews>();
        services.AddScheduledJob<ExpireWaitlistOffersJob>("30 * * ? * *", "候补递补过期顺延 / pass expired waitlist offers on");
        services.AddScheduledJob<SendRemindersJob>("0 */10 * ? * *", "活动前一天发送提醒 / day-before reminders");
        services.AddScheduledJob<RegistrationRetentionJob>("0 20 3 ? * *", "记录缺席并匿名化过期个人信息 / no-shows and retention");
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RegistrationOptions>>((o, registration) =>
            o.AddPolicy(RegistrationApi.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = registration.Value.PerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddSingleton(new AdminMenuItem("报名管理", "/admin/registrations", RegistrationPermissions.CheckIn, 22));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<RegistrationForm>(e =>
        {
            e.ToTable("RegistrationForms");
            e.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => f.EventId).IsUnique();
            e.Property(f => f.QuestionsJson).HasMaxLength(RegistrationLimits.QuestionsJson);
        });
        model.Entity<Quota>(e =>
        {
            e.ToTable("RegistrationQuotas");
            e.HasOne<Event>().WithMany().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
            e.Property(q => q.Name).HasMaxLength(RegistrationLimits.QuotaName);
            e.ToTable(t => t.HasCheckConstraint("CK_RegistrationQuotas_Taken", "\"Taken\" >= 0"));
        });
        model.Entity<TicketOption>(e =>
        {
            e.ToTable("RegistrationOptions");
            e.HasOne<Event>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(o => o.Quota).WithMany().HasForeignKey(o => o.QuotaId).OnDelete(DeleteBehavior.Restrict);
            e.Property(o => o.Name).HasMaxLength(RegistrationLimits.OptionName);
            e.Property(o => o.Price).HasPrecision(10, 2);
            e.HasIndex(o => new { o.EventId, o.Position });
        });
        model.Entity<Registration>(e =>
        {
            e.ToTable("Registrations");
            e.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<TicketOption>().WithMany().HasForeignKey(r => r.OptionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.Key).IsUnique();
            e.HasIndex(r => r.TicketCode).IsUnique();
            // One active registration per person and event; NULL (ended) rows do not collide.
            e.HasIndex(r => new { r.EventId, r.ActivePhone }).IsUnique();
            e.HasIndex(r => new { r.EventId, r.ActiveEmail }).IsUnique();
            e.HasIndex(r => new { r.EventId, r.IdempotencyKey }).IsUnique();
            e.HasIndex(r => new { r.EventId, r.Status, r.Id });
            e.HasIndex(r => new { r.SiteId, r.Status, r.OfferExpiresAt });
            e.HasIndex(r => r.UserId);
            e.Property(r => r.TicketCode).HasMaxLength(16);
            e.Property(r => r.Name).HasMaxLength(RegistrationLimits.Name);
            e.Property(r => r.Phone).HasMaxLength(RegistrationLimits.Phone);
            e.Property(r => r.ActivePhone).HasMaxLength(RegistrationLimits.Phone);
            e.Property(r => r.Email).HasMaxLength(RegistrationLimits.Email);
            e.Property(r => r.ActiveEmail).HasMaxLength(RegistrationLimits.Email);
            e.Property(r => r.IdempotencyKey).HasMaxLength(RegistrationLimits.IdempotencyKey);
            e.Property(r => r.IdempotencyHash).HasMaxLength(64);
            e.Property(r => r.AnswersJson).HasMaxLength(RegistrationLimits.AnswersJson);
            e.Property(r => r.IdCardProtected).HasMaxLength(1000);
            e.Property(r => r.IdCardTail).HasMaxLength(4);
            e.Property(r => r.DecisionNote).HasMaxLength(RegistrationLimits.DecisionNote);
            e.Ignore(r => r.HoldsSeat);
            e.Ignore(r => r.IsActive);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        RegistrationApi.Map(endpoints);
        RegistrationPages.Map(endpoints);
        Pages.Admin.Registrations.RegistrationAdminAssets.Map(endpoints);
    }
}

/// <summary>What the registration module lets a role do (see the manifest for who has it).</summary>
public static class RegistrationPermissions
{
    public const string Manage = "registrations.manage";

    /// <summary>Check people in at the door (a phone page); sees ticket holders' names, not their contact data.</summary>
    public const string CheckIn = "registrations.checkin";
}
