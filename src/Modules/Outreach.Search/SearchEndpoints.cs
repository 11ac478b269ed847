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
/// <param name="Facets">Counts by dimension and value: always <c>year</c>, <c>type</c>, <c>site</c>, <c>city</c>; then the
/// dimensions the sources declare (e.g. <c>journal</c>, <c>section</c>) that have values. Each dimension is counted with
/// the other dimensions' filters applied, not its own.</param>
/// <param name="FacetLabels">Each dimension's name for people, in the request's language.</param>
public sealed record SearchApiAnswer(IReadOnlyList<SearchApiHit> Hits, int Total, int Page, int Pages, bool Relaxed, int AllTermsTotal, string? Notice,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, IReadOnlyDictionary<string, string> FacetLabels);

/// <summary>The <c>/search</c> page's model (Liquid reads it by registered type).</summary>
public sealed record SearchPageView(string Title, string Q, string? Type, IReadOnlyList<SearchHitView> Hits, int Total, string? Notice,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, SearchPaging Paging)
{
    /// <summary>The facets as the page shows them: dimensions with values, each value a link that adds or removes its filter.</summary>
    public IReadOnlyList<SearchFacetView> FacetGroups { get; init; } = [];
}

public sealed record SearchFacetView(string Name, string Label, IReadOnlyList<SearchFacetValueView> Values);

/// <param name="Url">The same search with this value chosen, or without it when it is the chosen one.</param>
public sealed record SearchFacetValueView(string Value, int Count, string Url, bool Selected);

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

    static async Task<Results<Ok<SearchApiAnswer>, ValidationProblem>> SearchAsync(string? q, string? type, string? city, string? year,
        [FromQuery(Name = "site")] string? siteName,
        [FromQuery(Name = "facet"), System.ComponentModel.Description("A source's facet value as name:value (facet=journal:岭南科学传播&facet=section:综述); facet.journal=岭南科学传播 works too.")] string[]? facet,
        int? page, HttpContext http, SiteContext site, SiteCatalog catalog, SearchService search, SynonymBook synonyms, SearchMissLog misses,
        SearchFacetLabels labels, CancellationToken ct)
    {
        if (SearchFilters.Read(http.Request, facet, year) is not { } filters)
            return TypedResults.ValidationProblem(SearchFilters.Errors(http.Request, facet), title: "筛选条件有误");
        var scope = await ScopeAsync(site, catalog, ct);
        // On the portal, site= narrows to one site; elsewhere the scope is already the site itself.
        if (!string.IsNullOrEmpty(siteName)) scope = scope.Where(s => s.Value.Name == siteName).ToDictionary();
        var result = search.Search(q, scope, type, page ?? 1, city, await synonyms.ForSiteAsync(site.Required.Id, ct), filters);
        if (result.FoundNothing && string.IsNullOrEmpty(siteName)) await misses.RecordAsync(q ?? "", ct);
        return TypedResults.Ok(new SearchApiAnswer(
            result.Hits.Select(h => new SearchApiHit(h.Type, h.Title, h.Url, h.Site, h.Date, h.Snippet.Text, h.Snippet.Highlights)).ToList(),
            result.Total, result.Page, result.Pages, result.Relaxed, result.AllTermsTotal, Notice(result), result.Facets,
            result.Facets.Keys.ToDictionary(k => k, labels.Label)));
    }

    static async Task<Ok<IReadOnlyList<Suggestion>>> SuggestAsync(string? q, SiteContext site, SiteCatalog catalog, SearchService search, CancellationToken ct) =>
        TypedResults.Ok(search.Suggest(q, await ScopeAsync(site, catalog, ct)));

    static async Task<IResult> PageAsync(string? q, string? type, string? city, string? year, [FromQuery(Name = "site")] string? siteName, int? page,
        HttpContext http, SiteContext site, SiteCatalog catalog, SearchService search, SynonymBook synonyms, SearchMissLog misses,
        SearchFacetLabels labels, LiquidViews views, CancellationToken ct)
    {
        // A page forgives what the API refuses: filters it cannot read are left out.
        var filters = SearchFilters.Read(http.Request, null, year) ?? new Dictionary<string, string>();
        var scope = await ScopeAsync(site, catalog, ct);
        if (!string.IsNullOrEmpty(siteName)) scope = scope.Where(s => s.Value.Name == siteName).ToDictionary();
        var result = search.Search(q, scope, type, page ?? 1, city, await synonyms.ForSiteAsync(site.Required.Id, ct), filters);
        if (result.FoundNothing && string.IsNullOrEmpty(siteName)) await misses.RecordAsync(q ?? "", ct);

        // What is chosen, as query parameters: type, city, year and site by their own names, a source's facets as facet.<name>.
        var chosen = new List<KeyValuePair<string, string>>();
        void Choose(string dimension, string? value) { if (!string.IsNullOrEmpty(value)) chosen.Add(new(dimension, value)); }
        Choose("type", type);
        Choose("city", city);
        Choose("site", siteName);
        foreach (var (name, value) in filters) Choose(name, value);
        string Link(IEnumerable<KeyValuePair<string, string>> with, int? toPage = null) =>
            "?q=" + Uri.EscapeDataString(q ?? "") + string.Concat(with.Select(c => "&" + SearchFilters.Parameter(c.Key) + "=" + Uri.EscapeDataString(c.Value)))
            + (toPage is > 1 ? "&page=" + toPage : "");
        var groups = result.Facets.Where(f => f.Value.Count > 0 && (f.Value.Count > 1 || chosen.Any(c => c.Key == f.Key)))
            .Select(f => new SearchFacetView(f.Key, labels.Label(f.Key), f.Value.Select(v =>
            {
                var selected = chosen.Any(c => c.Key == f.Key && c.Value == v.Key);
                var with = chosen.Where(c => c.Key != f.Key).ToList();
                if (!selected) with.Add(new(f.Key, v.Key));
                return new SearchFacetValueView(v.Key, v.Value, Link(with), selected);
            }).ToList())).ToList();

        return await views.PageAsync(http, "search", new SearchPageView("搜索", q ?? "", type,
            result.Hits.Select(h => new SearchHitView(h.Type, h.Title, h.Url, h.Site, h.Date, h.Snippet.ToHtml())).ToList(),
            result.Total, Notice(result), result.Facets,
            new SearchPaging(result.Page, result.Pages, result.Total,
                result.Page > 1 ? Link(chosen, result.Page - 1) : null,
                result.Page < result.Pages ? Link(chosen, result.Page + 1) : null))
        { FacetGroups = groups });
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

