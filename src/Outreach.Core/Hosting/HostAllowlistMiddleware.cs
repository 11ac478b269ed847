using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

/// <summary>
/// Outside Development only the host names this installation is known by are served: every site's hosts and
/// public URL, the platform's <c>PublicOrigin</c>, and <c>Outreach:AllowedHosts</c> (probes by IP, an internal
/// name). Loopback names are accepted when the public origin itself is loopback (the embedded default). A
/// forged Host header gets 400 before anything could be built from it — links never use it anyway.
/// The list follows the sites (created at run time by recipes), which a fixed <c>AllowedHosts</c> cannot.
/// </summary>
public sealed class HostAllowlistMiddleware(RequestDelegate next, SiteCatalog catalog, IOptions<OutreachOptions> options)
{
    static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]", "::1"];

    public async Task InvokeAsync(HttpContext http)
    {
        var host = http.Request.Host.Host.ToLowerInvariant();
        if (host.Length == 0 || !await IsKnownAsync(host, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorResponses.ProblemAsync(http, 400, "未知的主机名", "请求的 Host 不属于本平台的任何站点。");
            return;
        }
        await next(http);
    }

    async Task<bool> IsKnownAsync(string host, CancellationToken ct)
    {
        var o = options.Value;
        var origin = o.PublicOriginUri.Host.ToLowerInvariant();
        if (host == origin) return true;
        if (Loopback.Contains(origin) && Loopback.Contains(host)) return true;
        if (o.AllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase))) return true;
        return (await catalog.AllAsync(ct)).Any(s => s.KnownHosts.Contains(host));
    }
}
