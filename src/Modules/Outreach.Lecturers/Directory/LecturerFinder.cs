using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Modules;
using Outreach.Core.Sites;
using Outreach.Search;
using Outreach.Search.Synonyms;

namespace Outreach.Lecturers.Directory;

/// <summary>A page of the public directory, with facets (counts by field, city, language) of the whole result.</summary>
public sealed record LecturerResults(IReadOnlyList<LecturerProfile> Items, int Total, int Page, int PageSize,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

/// <summary>
/// The public directory's query: filters in the database, Chinese full-text (names, topics, bios) through the search
/// module's index, ranked by relevance when a query is given and by name otherwise. On the portal it reads every
/// public site that runs the module.
/// </summary>
public sealed class LecturerFinder(OutreachDbContext db, SiteContext site, SiteCatalog catalog, ModuleCatalog modules, SearchService search,
    SynonymBook synonyms, SiteLinks links, TimeProvider clock, LecturerDirectory directory)
{
    public const int PageSize = 20;

    /// <summary>The full-text search looks at this many best hits at most.</summary>
    const int MaxSearchPages = 50;

    public async Task<LecturerResults> FindAsync(LecturerSearch filter, string? q, int page, CancellationToken ct)
    {
        var scope = await LecturerQuery.ScopeAsync(site.Required, catalog, s => modules.IsEnabled(directory, s), ct);
        var ids = scope.Keys.ToList();
        var query = await LecturerQuery.FilterAsync(LecturerQuery.Public(db, ids), filter, db, ids, ct);
        List<Lecturer> rows;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var ranked = await RankAsync(q, scope, ct);
            var keys = ranked.Keys.ToList();
            rows = (await query.Where(l => keys.Contains(l.Key)).ToListAsync(ct)).OrderBy(l => ranked[l.Key]).ToList();
        }
        else rows = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Take(5000).ToListAsync(ct);
        page = Math.Max(1, page);
        var shown = rows.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var today = DateOnly.FromDateTime(OutreachTime.ToBeijing(clock.GetUtcNow()).DateTime);
        var items = await LecturerProfiles.BuildAsync(db, scope, links, shown, today, ct);
        return new LecturerResults(items, rows.Count, page, PageSize, await FacetsAsync(rows, ct));
    }

    /// <summary>The lecturers the index finds for <paramref name="q"/>, best first, by their search key.</summary>
    async Task<Dictionary<Guid, int>> RankAsync(string q, IReadOnlyDictionary<int, Site> scope, CancellationToken ct)
    {
        var map = await synonyms.ForSiteAsync(site.Required.Id, ct);
        var slugs = new List<(string Site, string Slug)>();
        for (var p = 1; p <= MaxSearchPages; p++)
        {
            var result = search.Search(q, scope, LecturerIndex.Type, p, null, map);
            foreach (var hit in result.Hits)
            {
                var at = hit.Url.LastIndexOf("/lecturers/", StringComparison.Ordinal);
                if (at >= 0) slugs.Add((hit.Site, hit.Url[(at + "/lecturers/".Length)..]));
            }
            if (p >= result.Pages) break;
        }
        if (slugs.Count == 0) return [];
        var bySite = scope.Values.ToDictionary(s => s.Name, s => s.Id);
        var wanted = slugs.Select(s => s.Slug).Distinct().ToList();
        var found = await db.Set<Lecturer>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(l => scope.Keys.Contains(l.SiteId) && wanted.Contains(l.Slug)).Select(l => new { l.SiteId, l.Slug, l.Key }).ToListAsync(ct);
        var rank = new Dictionary<Guid, int>();
        foreach (var (name, slug) in slugs)
            if (bySite.TryGetValue(name, out var siteId) && found.FirstOrDefault(f => f.SiteId == siteId && f.Slug == slug) is { } f)
                rank.TryAdd(f.Key, rank.Count);
        return rank;
    }

    async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> FacetsAsync(List<Lecturer> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var cities = await db.Set<LecturerRegion>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(r => ids.Contains(r.LecturerId)).Select(r => new { r.LecturerId, r.City }).Distinct().ToListAsync(ct);
        var fields = await db.Set<LecturerDiscipline>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(d => ids.Contains(d.LecturerId))
            .Join(db.Set<Discipline>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), d => d.DisciplineId, x => x.Id, (d, x) => new { d.LecturerId, x.ParentId, x.Id })
            .ToListAsync(ct);
        var parentIds = fields.Select(f => f.ParentId ?? f.Id).Distinct().ToList();
        var parents = await db.Set<Discipline>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(d => parentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        return new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["field"] = fields.Select(f => new { f.LecturerId, Code = parents.GetValueOrDefault(f.ParentId ?? f.Id, "") }).Distinct()
                .GroupBy(f => f.Code).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            ["city"] = cities.GroupBy(c => c.City).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            ["language"] = LecturerWords.Languages.ToDictionary(l => l.Code, l => rows.Count(r => r.Languages.HasFlag(l.Value))).Where(kv => kv.Value > 0)
                .ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }
}
