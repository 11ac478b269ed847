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
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection("Outreach:Registration"))
            .Validate(o => o.ManageLinkMailMinutes is >= 1 and <= 24 * 60, "Outreach:Registration:ManageLinkMailMinutes must be between 1 and 1440")
            .Validate(o => o.ManageLinkDays is >= 1 and <= 3650, "Outreach:Registration:ManageLinkDays must be between 1 and 3650")
            .ValidateOnStart();
        services.AddSingleton<ManageTokens>();
        services.AddSingleton<RegistrationLinks>();
        services.AddSingleton<ContactLimiter>();
        services.AddSingleton<RegistrationSweeps>();
        services.AddScoped<RegistrationMails>();
        services.AddScoped<RegistrationDesk>();
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
        services.AddSingleton(new AdminMenuItem("报名管理", "/admin/registrations", Permissions.CheckIn, 22, "Registration"));
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
