using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Bases;

/// <summary>
/// Who may run a base: the site's association staff (<see cref="BasePermissions.Manage"/>, and platform admins) run
/// every base; a base's own staff (<see cref="BaseStaff"/>) run theirs and no other — the role is scoped to the base,
/// not the portal.
/// </summary>
public sealed class BaseStaffAccess(OutreachDbContext db, SiteAuthorization authorization)
{
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, int baseId, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (await authorization.HasAsync(user, BasePermissions.Manage, ct)) return true;
        // A token acts for a site role, never for a person: it cannot be a base's staff.
        if (user.FindFirstValue(OutreachClaims.TokenId) is not null || user.UserId() is not { } userId) return false;
        return await db.Set<BaseStaff>().AnyAsync(s => s.BaseId == baseId && s.UserId == userId, ct);
    }

    public Task<bool> ManagesAllAsync(ClaimsPrincipal user, CancellationToken ct) => authorization.HasAsync(user, BasePermissions.Manage, ct);
}
