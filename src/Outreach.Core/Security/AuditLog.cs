using System.Security.Claims;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Security;

/// <summary>Adds audit rows to the caller's DbContext, so they are saved with the change they describe.</summary>
public sealed class AuditLog(OutreachDbContext db, SiteContext site, TimeProvider clock)
{
    public void Record(ClaimsPrincipal? user, string action, string target, string details = "", bool platformWide = false) =>
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            SiteId = platformWide ? null : site.SiteId,
            UserId = user.UserId(),
            Actor = ActorOf(user),
            Action = action,
            Target = target.Length > 300 ? target[..300] : target,
            Details = details.Length > 2000 ? details[..2000] : details,
            At = clock.GetUtcNow(),
        });

    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name ?? "system";
}
