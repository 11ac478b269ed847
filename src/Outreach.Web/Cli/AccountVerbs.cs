using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Security;

namespace Outreach.Web.Cli;

/// <summary><c>users create</c> and <c>tokens create</c>.</summary>
static class AccountVerbs
{
    public static async Task<int> CreateUserAsync(WebApplication app, Verbs verb)
    {
        if (!verb.Options.TryGetValue("--email", out var email) || !verb.Options.TryGetValue("--password", out var password))
            return Verbs.Usage("users create 需要 --email 和 --password / needs --email and --password");
        SiteRole? role = null;
        if (verb.Options.TryGetValue("--role", out var roleName))
        {
            if (!Enum.TryParse<SiteRole>(roleName, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !verb.Options.ContainsKey("--site"))
                return Verbs.Usage("--role 需要 --site，角色为 SiteAdmin、Editor 或 Reviewer / --role needs --site and one of SiteAdmin, Editor, Reviewer");
            role = parsed;
        }
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        await seeder.MigrateAsync();
        // A role needs its site: on a fresh installation that means the demo sites.
        if (role is not null) await seeder.SeedIfEmptyAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = role is null ? null : await db.Sites.FirstOrDefaultAsync(s => s.Name == verb.Options["--site"]);
        if (role is not null && site is null)
        {
            Console.Error.WriteLine($"找不到站点 / no such site: {verb.Options["--site"]}");
            return 1;
        }
        var result = await app.Services.GetRequiredService<AccountAdministration>().CreateAsync(
            email, password, verb.Options.ContainsKey("--platform-admin"), verb.Options.GetValueOrDefault("--display-name", ""));
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine(error.Description);
            return 1;
        }
        if (role is not null)
        {
            var user = await db.Set<OutreachUser>().SingleAsync(u => u.Email == email);
            db.Add(new SiteMembership { UserId = user.Id, SiteId = site!.Id, Role = role.Value });
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"已创建账号 / account created: {email}" + (role is null ? "" : $" ({site!.Name}: {role})"));
        return 0;
    }

    public static async Task<int> CreateTokenAsync(WebApplication app, Verbs verb)
    {
        if (!verb.Options.TryGetValue("--site", out var siteName) || !verb.Options.TryGetValue("--role", out var roleName))
            return Verbs.Usage("tokens create 需要 --site 和 --role / needs --site and --role");
        if (!Enum.TryParse<SiteRole>(roleName, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            return Verbs.Usage($"未知角色 / unknown role: {roleName} (SiteAdmin, Editor, Reviewer)");
        await app.Services.GetRequiredService<DemoSeeder>().MigrateAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Name == siteName);
        if (site is null)
        {
            Console.Error.WriteLine($"找不到站点 / no such site: {siteName}");
            return 1;
        }
        var (token, row) = ApiTokens.Create(site.Id, role, verb.Options.GetValueOrDefault("--name", "cli"), TimeProvider.System.GetUtcNow());
        db.Add(row);
        db.Add(new AuditEntry { SiteId = site.Id, Actor = "cli", Action = "token.create", Target = row.Name, Details = role.ToString(), At = row.CreatedAt });
        await db.SaveChangesAsync();
        Console.WriteLine(token); // shown once; only its hash is stored
        return 0;
    }
}
