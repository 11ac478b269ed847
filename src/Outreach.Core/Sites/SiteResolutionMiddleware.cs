using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Sites;

/// <summary>
/// Resolves the request's site and mounts it: the prefix moves from Path to PathBase so that
/// every module routes site-relative paths. With no site the request goes on without one: platform
/// endpoints (health, the site list) still answer, and every module endpoint answers 404.
/// </summary>
public sealed class SiteResolutionMiddleware(RequestDelegate next, SiteCatalog catalog)
{
    public async Task InvokeAsync(HttpContext http, SiteContext siteContext)
    {
        var resolved = await catalog.ResolveAsync(http.Request.Host.Host, http.Request.Path.Value ?? "/", http.RequestAborted);
        if (resolved is null)
        {
            await next(http);
            return;
        }
        var (site, prefix) = resolved.Value;
        if (prefix.Length > 0)
        {
            var path = http.Request.Path.Value ?? "/";
            var rest = path.Length > prefix.Length ? path[prefix.Length..] : "/";
            http.Request.PathBase = http.Request.PathBase.Add(prefix);
            http.Request.Path = rest.StartsWith('/') ? rest : "/" + rest;
        }
        siteContext.Enter(site, http.Request.PathBase.Value ?? "");
        await next(http);
    }
}
