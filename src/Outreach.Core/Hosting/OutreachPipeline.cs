using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

public static class OutreachPipeline
{
    /// <summary>
    /// The request pipeline of ARCHITECTURE.md: proxies → log → errors → known hosts → site → culture → routing →
    /// module gate → sign-in → output cache → compression → antiforgery → endpoint.
    /// </summary>
    public static WebApplication UseOutreach(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OutreachOptions>>().Value;
        // X-Forwarded-For/-Proto only from configured proxies; with none configured the headers are ignored
        // (the middleware would otherwise trust anyone when both lists are empty).
        if (options.Proxy.KnownProxies.Length + options.Proxy.KnownNetworks.Length > 0) app.UseForwardedHeaders();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.WriteServerErrorAsync });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseMiddleware<HostAllowlistMiddleware>();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<NotFoundPageMiddleware>();
        app.UseMiddleware<SiteResolutionMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<ModuleGateMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        // After sign-in (a signed-in person never gets a cached page), outside compression (the cache keeps
        // compressed bytes, varied by Accept-Encoding, so a hit costs no compression).
        app.UseOutputCache();
        app.UseResponseCompression();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseMiddleware<Security.CookieAntiforgeryMiddleware>();

        var modules = app.Services.GetRequiredService<ModuleCatalog>();
        modules.Validate(Security.Permissions.Kernel); // a missing or circular dependency stops the app here
        app.MapKernelEndpoints();
        Accounts.AccountsSetup.MapOutreachAccounts(app);
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
