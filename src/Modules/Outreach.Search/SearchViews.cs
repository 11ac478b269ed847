using Outreach.Core.Themes;

namespace Outreach.Search;

/// <summary><c>search.liquid</c> (and a theme overriding it): the query, one page of hits and the links to the pages around it.</summary>
public sealed record SearchPage(string Title, string Q, string? Type, IReadOnlyList<SearchHit> Hits, int Total,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, Paging Paging);
