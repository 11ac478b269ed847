using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

/// <summary>
/// What search engines read besides each site's <c>/sitemap.xml</c>: <c>/robots.txt</c> on every site (with its
/// <c>Sitemap:</c> lines) and, on the portal, <c>/sitemap-index.xml</c> naming every public site's sitemap.
/// </summary>
public static class CrawlerEndpoints
{
    public const string IndexPath = "/sitemap-index.xml";

    public static void MapCrawlerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", RobotsAsync).ExcludeFromDescription();
        app.MapGet(IndexPath, SitemapIndexAsync).ExcludeFromDescription();
    }

    static bool IsPortal(Site site) => site.Prefix == "";

    /// <summary>An absolute URL for a path of <paramref name="site"/> (its own host, else its prefix on this host).</summary>
    static string Absolute(HttpContext http, Site site, string path) =>
        http.RequestServices.GetRequiredService<SiteLinks>().Absolute(site, path);

    static async Task<IResult> RobotsAsync(HttpContext http, SiteContext context, SiteCatalog catalog, CancellationToken ct)
    {
        if (context.Site is not { } site) return Results.NotFound();
        var text = new StringBuilder();
        text.Append("User-agent: *\n");
        // Crawlers read only the host's /robots.txt: the portal's speaks for every site mounted under a prefix.
        var covered = IsPortal(site)
            ? (await catalog.AllAsync(ct)).Where(s => s.HostList.Count == 0 || s.Id == site.Id).ToList()
            : [site];
        foreach (var s in covered.OrderBy(s => s.PathBase, StringComparer.Ordinal))
        {
            text.Append("Disallow: ").Append(s.PathBase).Append("/admin\n");
            text.Append("Disallow: ").Append(s.PathBase).Append("/api/\n");
        }
        text.Append('\n');
        if (IsPortal(site)) text.Append("Sitemap: ").Append(Absolute(http, site, IndexPath)).Append('\n');
        foreach (var s in covered.Where(s => s.IsPublic).OrderBy(s => s.PathBase, StringComparer.Ordinal))
            text.Append("Sitemap: ").Append(Absolute(http, s, "/sitemap.xml")).Append('\n');
        return Results.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    /// <summary>The portal's index of every public site's sitemap, each with the time its newest item changed.</summary>
    static async Task<IResult> SitemapIndexAsync(HttpContext http, SiteContext context, SiteCatalog catalog, IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (context.Site is not { } portal || !IsPortal(portal)) return Results.NotFound();
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = new XElement(ns + "sitemapindex");
        foreach (var site in (await catalog.AllAsync(ct)).Where(s => s.IsPublic).OrderBy(s => s.PathBase, StringComparer.Ordinal))
        {
            // Each site's sources run in a scope of that site, as they do for its own /sitemap.xml.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            var newest = site.UpdatedAt;
            foreach (var source in scope.ServiceProvider.GetServices<ISitemapSource>())
                foreach (var entry in await source.EntriesAsync(http, ct))
                    if (entry.LastModified is { } at && at > newest) newest = at;
            index.Add(new XElement(ns + "sitemap",
                new XElement(ns + "loc", Absolute(http, site, "/sitemap.xml")),
                new XElement(ns + "lastmod", W3c(newest))));
        }
        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), index);
        return Results.Text(xml.Declaration + "\n" + index, "application/xml; charset=utf-8");
    }

    /// <summary>W3C datetime in UTC, as sitemaps.org expects.</summary>
    public static string W3c(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
