using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Search;

/// <summary>The search API, the autocomplete endpoint and the <c>/search</c> page.</summary>
public static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", async (string? q, string? type, string? city, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "site")] string? siteName, int? page,
            SiteContext site, SiteCatalog catalog, SearchService search, CancellationToken ct) =>
        {
            var scope = await ScopeAsync(site, catalog, ct);
            // On the portal, site= narrows to one site; elsewhere the scope is already the site itself.
            if (!string.IsNullOrEmpty(siteName)) scope = scope.Where(s => s.Value.Name == siteName).ToDictionary();
            var result = search.Search(q, scope, type, page ?? 1, city);
            return Results.Ok(new
            {
                hits = result.Hits.Select(h => new { h.Type, h.Title, h.Url, h.Site, h.Date, h.Snippet }),
                total = result.Total,
                page = result.Page,
                pages = result.Pages,
                facets = result.Facets,
            });
        }).WithName("Search").WithTags("Search").WithSummary("Full-text search of this site (the portal: of every site)");

        app.MapGet("/api/v1/search/suggest", async (string? q, SiteContext site, SiteCatalog catalog, SearchService search, CancellationToken ct) =>
            Results.Ok(search.Suggest(q, await ScopeAsync(site, catalog, ct))))
            .WithName("SearchSuggest").WithTags("Search").WithSummary("Titles starting with what was typed, for the search box");

        app.MapGet("/search", async (string? q, string? type, int? page, HttpContext http, SiteContext site, SiteCatalog catalog, SearchService search, LiquidViews views, CancellationToken ct) =>
        {
            var result = search.Search(q, await ScopeAsync(site, catalog, ct), type, page ?? 1);
            var query = Uri.EscapeDataString(q ?? "") + (string.IsNullOrEmpty(type) ? "" : "&type=" + Uri.EscapeDataString(type));
            return await views.PageAsync(http, "search", new SearchPage("搜索", q ?? "", type, result.Hits, result.Total, result.Facets,
                new Paging(result.Page, result.Pages, result.Total,
                    result.Page > 1 ? $"?q={query}&page={result.Page - 1}" : null,
                    result.Page < result.Pages ? $"?q={query}&page={result.Page + 1}" : null)));
        }).ExcludeFromDescription();
    }

    /// <summary>The portal (prefix "") searches every public site; any other site only itself.</summary>
    static async Task<IReadOnlyDictionary<int, Site>> ScopeAsync(SiteContext context, SiteCatalog catalog, CancellationToken ct)
    {
        var current = context.Required;
        var all = await catalog.AllAsync(ct);
        return current.Prefix == ""
            ? all.Where(s => s.IsPublic || s.Id == current.Id).ToDictionary(s => s.Id)
            : new Dictionary<int, Site> { [current.Id] = current };
    }
}
