using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Security;

public static class OutreachClaims
{
    public const string UserId = ClaimTypes.NameIdentifier;
    public const string PlatformAdmin = "outreach:platform-admin";
    public const string TokenId = "outreach:token";
    public const string TokenSite = "outreach:token-site";
    public const string TokenRole = "outreach:token-role";
}

/// <summary>
/// Decides what the current principal may do on the current site: a platform admin everything, a person by
/// their membership of this site, a token by its own site and role. Answers are cached per request.
/// </summary>
public sealed class SiteAuthorization(OutreachDbContext db, SiteContext site, PermissionCatalog permissions)
{
    SiteRole? _role;
    bool _loaded;

    public async Task<SiteRole?> RoleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (_loaded) return _role;
        _loaded = true;
        if (site.Site is null || user.Identity?.IsAuthenticated != true) return _role = null;
        if (user.FindFirstValue(OutreachClaims.TokenId) is not null)
        {
            return _role = user.FindFirstValue(OutreachClaims.TokenSite) == site.Site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Enum.TryParse<SiteRole>(user.FindFirstValue(OutreachClaims.TokenRole), out var tokenRole) ? tokenRole : null;
        }
        if (user.UserId() is not { } userId) return _role = null;
        var roles = await db.Set<SiteMembership>().Where(m => m.UserId == userId).Select(m => m.Role).ToListAsync(ct);
        return _role = roles.Count == 0 ? null : roles.Max();
    }

    public static bool IsPlatformAdmin(ClaimsPrincipal user) =>
        user.FindFirstValue(OutreachClaims.TokenId) is null && user.HasClaim(OutreachClaims.PlatformAdmin, "true");

    public async Task<bool> HasAsync(ClaimsPrincipal user, string permission, CancellationToken ct = default)
    {
        if (IsPlatformAdmin(user)) return true;
        if (permission == Permissions.ManagePlatform) return false;
        return await RoleAsync(user, ct) is { } role && permissions.Grants(role, permission);
    }
}

/// <summary>Requires a permission on the request's site.</summary>
public sealed record SitePermissionRequirement(string Permission) : IAuthorizationRequirement;

public sealed class SitePermissionHandler(IHttpContextAccessor http) : AuthorizationHandler<SitePermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SitePermissionRequirement requirement)
    {
        var services = http.HttpContext?.RequestServices;
        if (services?.GetService(typeof(SiteAuthorization)) is SiteAuthorization auth && await auth.HasAsync(context.User, requirement.Permission))
            context.Succeed(requirement);
    }
}

/// <summary>Policies named "site:&lt;permission&gt;" are built on demand.</summary>
public sealed class SitePermissionPolicyProvider(Microsoft.Extensions.Options.IOptions<AuthorizationOptions> options)
    : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "site:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal)) return await base.GetPolicyAsync(policyName);
        return new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .AddRequirements(new SitePermissionRequirement(policyName[Prefix.Length..])).Build();
    }
}

public static class SitePermissionEndpoints
{
    /// <summary>Only principals with <paramref name="permission"/> on the request's site reach the endpoint.</summary>
    public static TBuilder RequireSitePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(SitePermissionPolicyProvider.Prefix + permission);
}
