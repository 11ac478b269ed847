using System.Globalization;
using System.Security.Claims;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>What modules may read about the signed-in person.</summary>
public static class AccountClaims
{
    /// <summary>Present (value "true") while the account's e-mail is not confirmed: such a person may sign in
    /// and look around, but modules refuse applications (lecturer, booking, submission) until it is.</summary>
    public const string EmailUnconfirmed = "outreach:email-unconfirmed";

    /// <summary>The account id of a person (cookie or account bearer token); null for anonymous callers and API tokens.</summary>
    public static int? PersonId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(OutreachClaims.TokenId) is null
        && int.TryParse(user.FindFirstValue(OutreachClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A signed-in person whose e-mail is confirmed.</summary>
    public static bool IsConfirmed(ClaimsPrincipal user) => PersonId(user) is not null && !user.HasClaim(EmailUnconfirmed, "true");
}
