using Microsoft.AspNetCore.Http;
using Outreach.Core.Sites;

namespace Outreach.Core.Modules;

/// <summary>Runs after routing: an endpoint of a module the site has not enabled answers 404.</summary>
public sealed class ModuleGateMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, SiteContext site)
    {
        var module = http.GetEndpoint()?.Metadata.GetMetadata<ModuleMetadata>();
        if (module is not null && (site.Site is null || !site.Site.HasModule(module.ModuleId)))
        {
            http.SetEndpoint(null);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
