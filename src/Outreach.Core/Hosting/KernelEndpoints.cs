using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

/// <summary>Platform endpoints that belong to no module: health, the site list, the language switch, theme assets.</summary>
public static class KernelEndpoints
{
    public sealed record SiteSummary(string Name, string DisplayName, string DisplayNameEn, string Url, string Theme);

    public sealed record HealthStatus(string Status);

    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapKernelEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness only: the process answers. No database round trip, so a balancer probing often costs nothing and a
        // slow database does not get the process restarted; /health/ready below does the checks.
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok"))).WithName("Health").ExcludeFromDescription();

        // For the load balancer: 503 until the database answers and every readiness check (search caught up …) passes.
        app.MapGet("/health/ready", async Task<Results<Ok<object>, ProblemHttpResult>> (OutreachDbContext db, IEnumerable<Cluster.IReadinessCheck> checks,
            Cluster.ClusterNode node, CancellationToken ct) =>
        {
            bool up;
            try { up = await db.Database.CanConnectAsync(ct); }
            catch (Exception) { up = false; }
            var waiting = checks.Where(c => !c.IsReady).Select(c => c.Name).ToList();
            if (!up) waiting.Insert(0, "database");
            return waiting.Count == 0
                ? TypedResults.Ok<object>(new { status = "ready", node = node.Id })
                : TypedResults.Problem(title: "节点尚未就绪", detail: "等待：" + string.Join("、", waiting) + " / waiting for: " + string.Join(", ", waiting), statusCode: 503);
        }).WithName("HealthReady").ExcludeFromDescription();

        // URLs from configuration (a site's PublicUrl, else Outreach:PublicOrigin), never from the Host header.
        app.MapGet("/api/v1/sites", async (SiteCatalog catalog, SiteLinks links, CancellationToken ct) =>
        {
            var sites = await catalog.AllAsync(ct);
            return TypedResults.Ok(sites.Where(s => s.IsPublic).Select(s => new SiteSummary(
                s.Name, s.DisplayNameZh, s.DisplayNameEn, links.Absolute(s, "/"), s.Theme)).ToList());
        }).WithName("ListSites").WithTags("Sites");

        // The current site's public URLs, gathered from the modules it runs (published items only).
        app.MapGet("/sitemap.xml", async (HttpContext http, SiteContext site, SiteLinks links, Modules.Enabled<ISitemapSource> sources, CancellationToken ct) =>
        {
            if (site.Site is null) return Results.NotFound();
            XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            var origin = links.Absolute(site.Site, "/").TrimEnd('/');
            var entries = new List<SitemapEntry>();
            foreach (var source in sources) entries.AddRange(await source.EntriesAsync(http, ct));
            var urlset = new XElement(ns + "urlset",
                entries.DistinctBy(e => e.Path).Select(e => new XElement(ns + "url",
                    new XElement(ns + "loc", origin + e.Path),
                    // Every URL gets a lastmod: a list with nothing in it yet last changed with the site.
                    new XElement(ns + "lastmod", CrawlerEndpoints.W3c(e.LastModified ?? site.Site.UpdatedAt)))));
            var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), urlset);
            return Results.Text(xml.Declaration + "\n" + urlset, "application/xml; charset=utf-8");
        }).ExcludeFromDescription();

        app.MapCrawlerEndpoints();
        app.MapWebAppManifest();

        // /culture/en?returnUrl=/lingnan/news — remembers the visitor's language for a year.
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!OutreachServices.Cultures.Any(c => c.Name == culture)) return Results.NotFound();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
            var target = returnUrl is not null && IsLocal(returnUrl) ? returnUrl : http.Request.PathBase.Value + "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();

        app.MapGet("/_themes/{theme}/{**path}", (string theme, string path, ThemeCatalog themes, HttpContext http) =>
        {
            foreach (var t in themes.Chain(theme).Where(t => string.Equals(t.Name, theme, StringComparison.OrdinalIgnoreCase)))
            {
                var file = Path.GetFullPath(Path.Combine(t.AssetsDirectory, path));
                if (!file.StartsWith(t.AssetsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file)) break;
                if (!ContentTypes.TryGetContentType(file, out var type)) type = "application/octet-stream";
                // A URL with the current content hash (?v=) can be kept for a year; any other only briefly.
                var current = themes.AssetUrl(t.Name, path);
                http.Response.Headers.CacheControl = current is not null && current.EndsWith("?v=" + http.Request.Query["v"], StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable" : "public, max-age=300";
                return Results.File(file, type, lastModified: File.GetLastWriteTimeUtc(file),
                    entityTag: new EntityTagHeaderValue($"\"{File.GetLastWriteTimeUtc(file).Ticks:x}\""));
            }
            return Results.NotFound();
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// Only paths on this host: "/x" but not "//evil", "/\evil", nor any control character or whitespace
    /// (browsers drop a tab or line break inside a URL, so "/\t/evil" would become "//evil").
    /// </summary>
    public static bool IsLocal(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
