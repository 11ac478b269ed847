using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Scheduling;
using Outreach.Core.Sites;

namespace Outreach.Core.Mail;

public static class MailServices
{
    /// <summary>The outbox, its templates and its delivery; SMTP when <c>Outreach:Smtp:Host</c> is set, else the pickup folder.</summary>
    public static IServiceCollection AddOutreachMail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Outreach:Smtp")
            .Validate(o => o.SentRetentionDays is >= 1 and <= 3650, "Outreach:Smtp:SentRetentionDays must be between 1 and 3650")
            .Validate(o => string.IsNullOrEmpty(o.Host) || o.Port is >= 1 and <= 65535, "Outreach:Smtp:Port must be between 1 and 65535") // unused without a host (pickup folder)
            .Validate(o => Enum.IsDefined(o.Security), "Outreach:Smtp:Security must be None, StartTls or SslOnConnect")
            .Validate(o => EmailAddress.Normalise(o.FromAddress) is not null, "Outreach:Smtp:FromAddress must be an e-mail address, e.g. noreply@gdsta.cn")
            .Validate(o => o.BatchSize >= 1 && o.LeaseSeconds >= 1 && o.MaxAttempts >= 1 && o.TimeoutSeconds >= 1,
                "Outreach:Smtp:BatchSize, LeaseSeconds, MaxAttempts and TimeoutSeconds must be at least 1")
            .Validate(o => string.IsNullOrEmpty(o.User) || !string.IsNullOrEmpty(o.Password), "Outreach:Smtp:Password is required when Outreach:Smtp:User is set")
            .ValidateOnStart();
        services.AddSingleton<MailTemplates>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<IMailOutbox>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<OutboxRetention>();
        services.AddScheduledJob<PurgeSentMailJob>("0 40 3 ? * *", "清除过期已发邮件正文 / purge sent mail bodies past retention");
        services.AddSingleton<IMailTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>();
            if (!string.IsNullOrWhiteSpace(smtp.Value.Host)) return new SmtpMailTransport(smtp);
            var dataDir = OutreachPaths.DataDir(sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<IHostEnvironment>());
            return new PickupMailTransport(Path.Combine(dataDir, "mail-pickup"));
        });
        return services;
    }

    public static void BuildMailModel(ModelBuilder model) =>
        model.Entity<OutboxMail>(e =>
        {
            e.ToTable("OutboxMails");
            e.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => m.LeaseOwner);
            e.HasIndex(m => new { m.SiteId, m.CreatedAt });
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.ToAddress).HasMaxLength(320);
            e.Property(m => m.ToName).HasMaxLength(200);
            e.Property(m => m.FromName).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Template).HasMaxLength(100);
            e.Property(m => m.Culture).HasMaxLength(16);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.Property(m => m.Reference).HasMaxLength(100);
            e.Property(m => m.RenderData).HasMaxLength(2000);
            e.HasIndex(m => m.Reference);
        });
}
