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
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    /// <summary>Answers slower than this are logged at Information even when they succeed.</summary>
    static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(500);

    public async Task InvokeAsync(HttpContext http, SiteContext site)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            // Successful, quick answers at Debug: at thousands of requests a second, a console line each would be the
            // bottleneck (measured: issue #18). Errors, refusals and slow answers stay at Information.
            var elapsed = Stopwatch.GetElapsedTime(started);
            var level = http.Response.StatusCode >= 400 || elapsed >= Slow ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(level))
                Log(logger, level, http.Request.Method, site.Site?.Name ?? "-",
                    (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)", http.Response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage("{Method} {Site} {Route} {Status} {ElapsedMs:0.0} ms")]
    static partial void Log(ILogger logger, LogLevel level, string method, string site, string route, int status, double elapsedMs);
}

/// <summary>Headers every response carries; see OWASP secure headers.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    const string Csp = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; " +
                       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = Csp;
            headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
