using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Outreach.Core.Security;

/// <summary>EF mapping of accounts (Identity's user tables), memberships, tokens and the audit trail.</summary>
static class SecurityModel
{
    public static void Build(ModelBuilder model)
    {
        model.Entity<OutreachUser>(e =>
        {
            e.ToTable("Users");
            e.HasIndex(u => u.NormalizedUserName).IsUnique();
            e.HasIndex(u => u.NormalizedEmail);
            e.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            e.Property(u => u.UserName).HasMaxLength(256);
            e.Property(u => u.NormalizedUserName).HasMaxLength(256);
            e.Property(u => u.Email).HasMaxLength(Data.FieldLimits.Email);
            e.Property(u => u.NormalizedEmail).HasMaxLength(256);
            e.Property(u => u.DisplayName).HasMaxLength(Data.FieldLimits.PersonName);
            e.Property(u => u.PhoneNumber).HasMaxLength(32);
        });
        model.Entity<IdentityUserClaim<int>>(e =>
        {
            e.ToTable("UserClaims");
            e.HasOne<OutreachUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IdentityUserLogin<int>>(e =>
        {
            e.ToTable("UserLogins");
            e.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            e.HasOne<OutreachUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IdentityUserToken<int>>(e =>
        {
            e.ToTable("UserTokens");
            e.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            e.HasOne<OutreachUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SiteMembership>(e =>
        {
            e.HasIndex(m => new { m.SiteId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasOne<OutreachUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Sites.Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Name).HasMaxLength(Data.FieldLimits.TokenName);
            e.HasOne<Sites.Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.SiteId, a.At });
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(300);
            e.Property(a => a.Details).HasMaxLength(2000);
        });
    }
}
