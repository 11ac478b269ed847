using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Security;

namespace Outreach.Admin;

/// <summary>The admin shell on every site: sign-in, dashboard, audit trail, tokens, and platform administration.</summary>
public sealed class AdminModule : OutreachModule
{
    public override bool AlwaysEnabled => true;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AdminShell>();
        // Razor Pages looks for layouts up the page's folders and in /Pages/Shared, never in /Pages/Admin/Shared.
        services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Pages/Admin/Shared/{0}.cshtml"));
        services.AddSingleton(new AdminMenuItem("仪表盘", "/admin", Permissions.ViewAdmin, 0));
        services.AddSingleton(new AdminMenuItem("操作记录", "/admin/audit", Permissions.ViewAudit, 900));
        services.AddSingleton(new AdminMenuItem("API 令牌", "/admin/tokens", Permissions.ManageTokens, 910));
        services.AddSingleton(new AdminMenuItem("站点管理", "/admin/platform/sites", Permissions.ManagePlatform, 950));
        services.AddSingleton(new AdminMenuItem("人员与角色", "/admin/platform/people", Permissions.ManagePlatform, 960));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var css = ReadAsset("admin.css");
        var version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)))[..10];
        AdminShell.StylesheetUrl = "/_admin/admin.css?v=" + version;
        endpoints.MapGet("/_admin/admin.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
    }

    static string ReadAsset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Outreach.Admin.Assets.{name}")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
