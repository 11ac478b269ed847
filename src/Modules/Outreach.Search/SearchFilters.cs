using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outreach.Core.Search;

namespace Outreach.Search;

/// <summary>
/// The filters of a search request beyond type, city and site: <c>year=2025</c>, and a source's facet values as
/// <c>facet.journal=岭南科学传播</c> or <c>facet=journal:岭南科学传播</c> (repeatable; one value per dimension).
/// </summary>
public static class SearchFilters
{
    const int MaxValueLength = 200;

    /// <summary>The filters by dimension, or null when one cannot be read (see <see cref="Errors"/>).</summary>
    public static Dictionary<string, string>? Read(HttpRequest request, string[]? facet, string? year) =>
        Parse(request, facet, year, out var errors) is var filters && errors.Count == 0 ? filters : null;

    /// <summary>What is wrong, by field, zh-CN (for the API's 400).</summary>
    public static Dictionary<string, string[]> Errors(HttpRequest request, string[]? facet)
    {
        Parse(request, facet, request.Query["year"], out var errors);
        return errors;
    }

    /// <summary>How a dimension is written in a link: the fixed ones by their own name, a source's as <c>facet.name</c>.</summary>
    public static string Parameter(string dimension) => SearchFacet.Fixed.Contains(dimension) ? dimension : "facet." + dimension;

    static Dictionary<string, string> Parse(HttpRequest request, string[]? facet, string? year, out Dictionary<string, string[]> errors)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            if (!SearchFacet.IsValidName(name)) problems[field] = [$"没有名为“{name}”的筛选维度（小写字母、数字或连字符）。"];
            else if (value.Length > MaxValueLength) problems[field] = [$"筛选值不能超过 {MaxValueLength} 个字符。"];
            else if (filters.TryGetValue(name, out var other) && other != value.Trim()) problems[field] = [$"“{name}”只能选一个值。"];
            else filters[name] = value.Trim();
        }
        if (!string.IsNullOrEmpty(year))
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 9999) filters["year"] = y.ToString(CultureInfo.InvariantCulture);
            else problems["year"] = ["年份应为四位数字，例如 2025。"];
        }
        foreach (var (key, values) in request.Query)
            if (key.StartsWith("facet.", StringComparison.Ordinal))
                foreach (var value in values) Add(key, key["facet.".Length..], value);
        foreach (var item in facet ?? [])
        {
            if (string.IsNullOrWhiteSpace(item)) continue;
            var colon = item.IndexOf(':');
            if (colon <= 0) { problems["facet"] = ["应写作“维度:值”，例如 facet=journal:岭南科学传播。"]; continue; }
            Add("facet", item[..colon].Trim(), item[(colon + 1)..]);
        }
        errors = problems;
        return filters;
    }
}

/// <summary>Names of the facet dimensions for people: the fixed ones, then what the sources declare.</summary>
public sealed class SearchFacetLabels(IEnumerable<ISearchDocumentSource> sources)
{
    static readonly SearchFacet[] Fixed = [new("year", "年份", "Year"), new("type", "类型", "Type"), new("site", "站点", "Site"), new("city", "城市", "City")];

    readonly Dictionary<string, SearchFacet> _all = Fixed.Concat(sources.SelectMany(s => s.Facets).Where(f => SearchFacet.IsValidName(f.Name)))
        .DistinctBy(f => f.Name).ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>In the request's language (English when the UI culture is English); the name itself when nobody declared it.</summary>
    public string Label(string name) => _all.TryGetValue(name, out var facet)
        ? CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? facet.LabelEn : facet.LabelZh
        : name;
}
