using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Caching;

/// <summary>
/// The routes whose anonymous GETs are served from the output cache: the modules' public pages, feeds and read
/// APIs (<see cref="Modules.ModuleManifest.VisitorPages"/>) and the kernel's crawler files. Listed by route
/// template, so no handler has to know about caching.
/// </summary>
public sealed class VisitorPages
{
    /// <summary>The kernel's own cacheable routes.</summary>
    public static readonly string[] Kernel = ["/sitemap.xml", Hosting.CrawlerEndpoints.IndexPath, "/robots.txt", "/api/v1/sites"];

    readonly HashSet<string> _templates;

    public VisitorPages(Modules.ModuleCatalog modules) =>
        _templates = new(Kernel.Concat(modules.Modules.SelectMany(m => m.Manifest.VisitorPages)).Select(Normalise), StringComparer.OrdinalIgnoreCase);

    public bool Contains(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route && route.RoutePattern.RawText is { } raw && _templates.Contains(Normalise(raw));

    static string Normalise(string template) => "/" + template.Trim('/');
}

/// <summary>
/// Who gets a cached answer, and how answers are told apart. Only anonymous GET/HEADs of <see cref="VisitorPages"/>
/// on a resolved site; never a signed-in person (cookie) or an API client (Authorization header). Varied by site,
/// culture, display mode (elder), query and Accept-Encoding (the cache sits outside compression). An answer is stored
/// only when it is a 200 that sets no cookie and does not forbid storing (antiforgery sets <c>no-store</c> on any page
/// with a form), and it gets an ETag and Last-Modified, so a browser's revalidation is a 304 from memory.
/// </summary>
public sealed class VisitorCachePolicy : IOutputCachePolicy
{
    /// <summary>A safety net for changes no eviction saw (another node, a job writing behind EF's back).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var pages = (VisitorPages)http.RequestServices.GetService(typeof(VisitorPages))!;
        var site = ((SiteContext)http.RequestServices.GetService(typeof(SiteContext))!).Site;
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && site is not null
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && http.User.Identity?.IsAuthenticated != true
            && pages.Contains(http.GetEndpoint());
        context.EnableOutputCaching = attempt;
        if (!attempt) return ValueTask.CompletedTask;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true; // a burst of misses for one page renders it once
        context.ResponseExpirationTimeSpan = Lifetime;
        var vary = context.CacheVaryByRules;
        vary.QueryKeys = "*";
        vary.HeaderNames = HeaderNames.AcceptEncoding;
        vary.VaryByValues["site"] = site!.Id.ToString(CultureInfo.InvariantCulture);
        vary.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        // Pages depend on the time (upcoming, registration open): an answer is kept within its minute of the app's clock,
        // so nothing time-dependent is more than a minute old (and a test that moves its clock sees fresh pages).
        var clock = (TimeProvider)http.RequestServices.GetService(typeof(TimeProvider))!;
        vary.VaryByValues["minute"] = (clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture);
        vary.VaryByValues["mode"] = request.Cookies[DisplayMode.CookieName] == DisplayMode.Elder ? DisplayMode.Elder : DisplayMode.Standard;
        context.Tags.Add(PageCacheTags.All);
        context.Tags.Add(PageCacheTags.Site(site.Id));
        AddValidators(http);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!Storable(context.HttpContext.Response)) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    static bool Storable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
        && !ForbidsStoring(response.Headers.CacheControl);

    /// <summary>
    /// Validators for what will be stored, set before the endpoint runs: the cache keeps the headers it sees when the
    /// body starts, before OnStarting callbacks. A fresh ETag per rendering, so a page rendered again after an eviction
    /// gets a new one; a hit gets the stored entry's headers instead. An answer that will not be stored loses them.
    /// </summary>
    static void AddValidators(HttpContext http)
    {
        http.Response.Headers.ETag = $"\"{Guid.NewGuid():N}\"";
        http.Response.Headers.LastModified = HeaderUtilities.FormatDate(DateTimeOffset.UtcNow);
        http.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            if (!Storable(response))
            {
                response.Headers.Remove(HeaderNames.ETag);
                response.Headers.Remove(HeaderNames.LastModified);
            }
            return Task.CompletedTask;
        }, http);
    }

    static bool ForbidsStoring(StringValues cacheControl)
    {
        foreach (var value in cacheControl)
            if (value is not null && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase)))
                return true;
        return false;
    }
}
