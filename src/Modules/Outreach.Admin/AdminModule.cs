using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Security;

namespace Outreach.Admin;

/// <summary>The admin shell on every site: sign-in, dashboard, audit trail, tokens, and platform administration.</summary>
public sealed class AdminModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Admin", "后台", "Admin")
    {
        AlwaysEnabled = true,
        ReservedPrefixes = ["admin"],
        TemplateModels = [typeof(PasswordResetMail)],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AdminShell>();
        services.AddSingleton<PasswordResetLinks>();
        // Reset links live for two hours; the Identity token also dies when the password (security stamp) changes.
        services.Configure<Microsoft.AspNetCore.Identity.DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetLinks.Lifespan);
        services.AddSingleton(new AdminMenuItem("邮件", "/admin/mail", Permissions.ManageMail, 800));
        services.AddSingleton(new AdminMenuItem("计划任务", "/admin/jobs", Permissions.ManagePlatform, 970));
        services.AddSingleton(new AdminMenuItem("仪表盘", "/admin", Permissions.ViewAdmin, 0));
        services.AddSingleton(new AdminMenuItem("操作记录", "/admin/audit", Permissions.ViewAudit, 900));
        services.AddSingleton(new AdminMenuItem("API 令牌", "/admin/tokens", Permissions.ManageTokens, 910));
        services.AddSingleton(new AdminMenuItem("站点管理", "/admin/platform/sites", Permissions.ManagePlatform, 950));
        services.AddSingleton(new AdminMenuItem("人员与角色", "/admin/platform/people", Permissions.ManagePlatform, 960));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => AdminShell.Stylesheet.Map(endpoints);
}
