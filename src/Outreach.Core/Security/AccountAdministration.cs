using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;

namespace Outreach.Core.Security;

/// <summary>Creating accounts outside the admin UI: the CLI, the configured first admin, the demo admin.</summary>
public sealed class AccountAdministration(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AccountAdministration> logger)
{
    public async Task<IdentityResult> CreateAsync(string email, string password, bool platformAdmin, string displayName = "")
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OutreachUser>>();
        var user = new OutreachUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
            IsPlatformAdmin = platformAdmin, CreatedAt = clock.GetUtcNow(),
        };
        return await users.CreateAsync(user, password);
    }

    /// <summary>
    /// With no account at all: the admin from <c>Outreach:Admin:Email/Password</c>, else (for the demo) a
    /// generated password printed once on the console. There is never a fixed default password.
    /// </summary>
    public async Task EnsureFirstAdminAsync(bool demo)
    {
        using (var scope = scopes.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Set<OutreachUser>().AnyAsync()) return;
        }
        var email = configuration["Outreach:Admin:Email"];
        var password = configuration["Outreach:Admin:Password"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password))
        {
            var result = await CreateAsync(email, password, platformAdmin: true, "平台管理员");
            if (!result.Succeeded) logger.LogError("Outreach:Admin could not be created: {Errors}", string.Join("; ", result.Errors.Select(e => e.Description)));
            return;
        }
        if (!demo) return;
        const string demoEmail = "admin@outreach.local";
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        if ((await CreateAsync(demoEmail, generated, platformAdmin: true, "平台管理员")).Succeeded)
        {
            Console.WriteLine();
            Console.WriteLine("  演示平台管理员 / demo platform admin (shown once):");
            Console.WriteLine($"    {demoEmail}  {generated}");
            Console.WriteLine();
        }
    }
}
