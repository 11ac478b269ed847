using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

public static class OutreachPipeline
{
    /// <summary>The request pipeline of ARCHITECTURE.md: log → errors → site → culture → routing → module gate → endpoint.</summary>
    public static WebApplication UseOutreach(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.WriteServerErrorAsync });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<NotFoundPageMiddleware>();
        app.UseMiddleware<SiteResolutionMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<ModuleGateMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        var modules = app.Services.GetRequiredService<ModuleCatalog>();
        modules.Validate(Security.Permissions.Kernel); // a missing or circular dependency stops the app here
        app.MapKernelEndpoints();
        foreach (var module in modules.Modules)
        {
            var group = app.MapGroup("");
            if (!module.AlwaysEnabled) group.WithMetadata(new ModuleMetadata(module.Id));
            module.MapEndpoints(group);
        }
        app.MapRazorPages();
        return app;
    }
}
