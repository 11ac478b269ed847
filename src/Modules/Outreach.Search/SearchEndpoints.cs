using System.Text.Json;
using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using Outreach.Search.Misses;
using Outreach.Search.Synonyms;

namespace Outreach.Search;

/// <summary>One hit in the API: the snippet is plain text, <c>highlights</c> are <c>[start, length]</c> in it (UTF-16 units).</summary>
public sealed record SearchApiHit(string Type, string Title, string Url, string Site, DateTimeOffset? Date, string Snippet, IReadOnlyList<int[]> Highlights);

/// <param name="Relaxed">True when hits with only some of the words were added (after <paramref name="AllTermsTotal"/> hits with all).</param>
/// <param name="Notice">What the page says about a relaxed result, zh-CN; null otherwise.</param>
public sealed record SearchApiAnswer(IReadOnlyList<SearchApiHit> Hits, int Total, int Page, int Pages, bool Relaxed, int AllTermsTotal, string? Notice,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

/// <summary>The <c>/search</c> page's model (Liquid reads it by registered type).</summary>
public sealed record SearchPageView(string Title, string Q, string? Type, IReadOnlyList<SearchHitView> Hits, int Total, string? Notice,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, SearchPaging Paging);

/// <param name="Snippet">HTML: the text escaped, the matches in <c>&lt;mark&gt;</c>.</param>
public sealed record SearchHitView(string Type, string Title, string Url, string Site, DateTimeOffset? Date, string Snippet);

public sealed record SearchPaging(int Page, int Pages, int Total, string? Previous, string? Next);

/// <summary>The search API, the autocomplete endpoint and the <c>/search</c> page.</summary>
public static class SearchEndpoints
{
    public const string AllTermsMissing = "没有同时包含所有词的结果，以下为部分匹配";
    public const string FewWithAllTerms = "包含所有词的结果较少，其后为部分匹配";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", SearchAsync).WithName("Search").WithTags("Search")
            .WithSummary("Full-text search of this site (the portal: of every site)");
        app.MapGet("/api/v1/search/suggest", SuggestAsync).WithName("SearchSuggest").WithTags("Search")
            .WithSummary("Titles starting with what was typed, or with its pinyin or initials, for the search box");
        app.MapGet("/search", PageAsync).ExcludeFromDescription();
    }

    static async Task<Ok<SearchApiAnswer>> SearchAsync(string? q, string? type, string? city, [FromQuery(Name = "site")] string? siteName, int? page,
        SiteContext site, SiteCatalog catalog, SearchService search, SynonymBook synonyms, SearchMissLog misses, CancellationToken ct)
    {
        var scope = await ScopeAsync(site, catalog, ct);
        // On the portal, site= narrows to one site; elsewhere the scope is already the site itself.
        if (!string.IsNullOrEmpty(siteName)) scope = scope.Where(s => s.Value.Name == siteName).ToDictionary();
        var result = search.Search(q, scope, type, page ?? 1, city, await synonyms.ForSiteAsync(site.Required.Id, ct));
        if (result.FoundNothing && string.IsNullOrEmpty(siteName)) await misses.RecordAsync(q ?? "", ct);
        return TypedResults.Ok(new SearchApiAnswer(
            result.Hits.Select(h => new SearchApiHit(h.Type, h.Title, h.Url, h.Site, h.Date, h.Snippet.Text, h.Snippet.Highlights)).ToList(),
            result.Total, result.Page, result.Pages, result.Relaxed, result.AllTermsTotal, Notice(result), result.Facets));
    }

    static async Task<Ok<IReadOnlyList<Suggestion>>> SuggestAsync(string? q, SiteContext site, SiteCatalog catalog, SearchService search, CancellationToken ct) =>
        TypedResults.Ok(search.Suggest(q, await ScopeAsync(site, catalog, ct)));

    static async Task<IResult> PageAsync(string? q, string? type, int? page, HttpContext http, SiteContext site, SiteCatalog catalog, SearchService search,
        SynonymBook synonyms, SearchMissLog misses, LiquidViews views, CancellationToken ct)
    {
        var result = search.Search(q, await ScopeAsync(site, catalog, ct), type, page ?? 1, null, await synonyms.ForSiteAsync(site.Required.Id, ct));
        if (result.FoundNothing) await misses.RecordAsync(q ?? "", ct);
        var query = Uri.EscapeDataString(q ?? "") + (string.IsNullOrEmpty(type) ? "" : "&type=" + Uri.EscapeDataString(type));
        return await views.PageAsync(http, "search", new SearchPageView("搜索", q ?? "", type,
            result.Hits.Select(h => new SearchHitView(h.Type, h.Title, h.Url, h.Site, h.Date, h.Snippet.ToHtml())).ToList(),
            result.Total, Notice(result), result.Facets,
            new SearchPaging(result.Page, result.Pages, result.Total,
                result.Page > 1 ? $"?q={query}&page={result.Page - 1}" : null,
                result.Page < result.Pages ? $"?q={query}&page={result.Page + 1}" : null)));
    }

    static string? Notice(SearchResult result) =>
        !result.Relaxed ? null : result.AllTermsTotal == 0 ? AllTermsMissing : FewWithAllTerms;

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

