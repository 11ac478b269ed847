using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>
/// Bearer tokens of the account API, made by Identity's bearer-token scheme (<c>AddBearerToken</c>): Data-Protection
/// envelopes, a short-lived access token and a refresh token that stops working when the security stamp changes
/// (password reset, e-mail change, deletion). Told apart from the platform's API tokens (<c>otk_…</c>) by their form.
/// </summary>
public sealed class AccountTokens(SignInManager<OutreachUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
{
    public static string Scheme => IdentityConstants.BearerScheme;

    public async Task<AccessTokenResponse> IssueAsync(OutreachUser user)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(Scheme);
        var now = clock.GetUtcNow();
        return new AccessTokenResponse
        {
            AccessToken = options.BearerTokenProtector.Protect(Ticket(principal, now + options.BearerTokenExpiration, "AccessToken")),
            ExpiresIn = (long)options.BearerTokenExpiration.TotalSeconds,
            RefreshToken = options.RefreshTokenProtector.Protect(Ticket(principal, now + options.RefreshTokenExpiration, "RefreshToken")),
        };
    }

    /// <summary>New tokens for a valid refresh token whose account still has the same security stamp; else null.</summary>
    public async Task<AccessTokenResponse?> RefreshAsync(string? refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > 8000) return null;
        var ticket = bearer.Get(Scheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return null;
        return await signIn.ValidateSecurityStampAsync(ticket.Principal) is { } user ? await IssueAsync(user) : null;
    }

    static AuthenticationTicket Ticket(ClaimsPrincipal principal, DateTimeOffset expires, string purpose) =>
        new(principal, new AuthenticationProperties { ExpiresUtc = expires }, $"{Scheme}:{purpose}");
}
