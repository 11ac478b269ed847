using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Accounts;
using Outreach.Core.Data;

namespace Outreach.Core.Security;

public static class AccountServices
{
    /// <summary>Identity (users only: roles are per site), cookies for people, bearer tokens for scripts.</summary>
    public static void AddOutreachSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Several nodes must read each other's cookies, antiforgery tokens and reset links; the key ring is wrapped.
        services.AddOutreachDataProtection();
        services.AddScoped<SiteAuthorization>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<IAuthorizationPolicyProvider, SitePermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, SitePermissionHandler>();

        services.AddIdentityCore<OutreachUser>(o =>
            {
                // OWASP ASVS 5: length, not composition; common passwords are refused by CommonPasswordValidator.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                // The user name is the e-mail address, already checked by EmailAddress.Normalise (o'brien@… is valid).
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddUserStore<UserOnlyStore<OutreachUser, OutreachDbContext, int>>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<OutreachClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Outreach";
                o.DefaultChallengeScheme = "Outreach";
            })
            .AddPolicyScheme("Outreach", "Cookie or bearer token", o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            // People's bearer tokens from the account API (short-lived; see Accounts/AccountTokens).
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = ".Outreach.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.LoginPath = "/admin/login";
                o.LogoutPath = "/admin/logout";
                o.AccessDeniedPath = "/admin/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorization();
        services.AddOutreachAccounts();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Outreach.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
    }

    /// <summary>
    /// A platform API token (<c>otk_…</c>, one site, one role) or a person's bearer token from the account API; without
    /// a bearer header, the sign-in cookie.
    /// </summary>
    static string SchemeFor(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return IdentityConstants.ApplicationScheme;
        return header.AsSpan("Bearer ".Length).TrimStart().StartsWith("otk_", StringComparison.Ordinal) // ApiTokens.Create
            ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.BearerScheme;
    }

    /// <summary>APIs answer 401/403; people are sent to the sign-in or access-denied page.</summary>
    static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the platform-admin flag and, until the e-mail is confirmed, the unconfirmed mark to the sign-in cookie or token.</summary>
public sealed class OutreachClaimsFactory(UserManager<OutreachUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<OutreachUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OutreachUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.IsPlatformAdmin) identity.AddClaim(new Claim(OutreachClaims.PlatformAdmin, "true"));
        if (user.DisplayName.Length > 0) identity.AddClaim(new Claim("outreach:display-name", user.DisplayName));
        if (!user.EmailConfirmed) identity.AddClaim(new Claim(AccountClaims.EmailUnconfirmed, "true"));
        return identity;
    }
}
