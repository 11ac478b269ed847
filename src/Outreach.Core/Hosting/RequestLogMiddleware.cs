using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

/// <summary>
/// One structured line per request: site, route, status, duration. The route template is logged rather than
/// the raw path, so tokens and personal data that may sit in a URL never reach the logs.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, SiteContext site)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)";
            logger.LogInformation("{Method} {Site} {Route} {Status} {ElapsedMs:0.0} ms",
                http.Request.Method, site.Site?.Name ?? "-", route, http.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>Headers every response carries; see OWASP secure headers.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    const string Csp = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; " +
                       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = Csp;
            headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
