using System.Globalization;
using System.Security.Claims;

namespace Outreach.Core.Security;

public static class UserIds
{
    /// <summary>The signed-in person's account id, or null (anonymous, or a principal without one).</summary>
    public static int? UserId(this ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirstValue(OutreachClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
