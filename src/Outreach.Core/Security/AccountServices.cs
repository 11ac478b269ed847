using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
            .AddPolicyScheme("Outreach", "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
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
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Outreach.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
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

/// <summary>Adds the platform-admin flag to the sign-in cookie.</summary>
public sealed class OutreachClaimsFactory(UserManager<OutreachUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<OutreachUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OutreachUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.IsPlatformAdmin) identity.AddClaim(new Claim(OutreachClaims.PlatformAdmin, "true"));
        if (user.DisplayName.Length > 0) identity.AddClaim(new Claim("outreach:display-name", user.DisplayName));
        return identity;
    }
}
