using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Themes;

namespace Outreach.Core.Accounts;

/// <summary>Public accounts: sign-up, sign-in, confirmation, reset, the account API and the personal area.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddOutreachAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration("Outreach:Accounts").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<AccountOptions>>((bearer, accounts) =>
        {
            bearer.BearerTokenExpiration = TimeSpan.FromMinutes(accounts.Value.AccessTokenMinutes);
            bearer.RefreshTokenExpiration = TimeSpan.FromDays(accounts.Value.RefreshTokenDays);
        });
        services.AddSingleton<AccountThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountCodes>();
        services.AddScoped<AccountMails>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<SignUp>();
        services.AddScoped<EmailConfirmation>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<AccountProfile>();
        services.AddScoped<PersonalData>();
        services.AddSingleton<ILiquidExtension, AccountViews>();
        services.AddSingleton<ISmsSender>(sp => new PickupSmsSender(
            Path.Combine(OutreachPaths.DataDir(sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()), "sms-pickup"),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static void MapOutreachAccounts(this IEndpointRouteBuilder app)
    {
        AccountApi.Map(app);
        AccountPages.Map(app);
    }
}
