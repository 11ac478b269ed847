using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;

namespace Outreach.Core.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>. The token is looked up by its SHA-256 hash; it acts with its own
/// role on its own site only (see <see cref="SiteAuthorization"/>).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    OutreachDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var token = await db.Set<ApiToken>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("无效或已吊销的令牌");

        // Record use at most once a minute per token: an atomic update, no read-modify-write.
        var now = clock.GetUtcNow();
        var stale = now.AddMinutes(-1);
        await db.Set<ApiToken>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "token:" + token.Name),
            new Claim(OutreachClaims.TokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(OutreachClaims.TokenSite, token.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(OutreachClaims.TokenRole, token.Role.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A token was sent but not accepted: say so the way RFC 6750 asks.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Outreach\", error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

public static class ApiTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token ("otk_" + 40 base32-ish characters) and the row that stores its hash.</summary>
    public static (string Token, ApiToken Row) Create(int siteId, SiteRole role, string name, DateTimeOffset now)
    {
        var token = "otk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (token, new ApiToken { SiteId = siteId, Role = role, Name = name, TokenHash = Hash(token), Prefix = token[..10], CreatedAt = now });
    }
}
