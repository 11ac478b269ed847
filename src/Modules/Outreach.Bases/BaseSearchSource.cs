using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Bases;

/// <summary>
/// Published bases of every site as search documents: name, summary, introduction, themes, city and district. Facets:
/// <c>category</c> (the base's themes, e.g. 天文) and <c>audience</c> (e.g. 中小学生), by their Chinese names.
/// </summary>
public sealed class BaseSearchSource : ISearchDocumentSource
{
    public IReadOnlyCollection<string> Types { get; } = [Base.Type];

    public IReadOnlyList<SearchFacet> Facets { get; } = [new("category", "类别", "Category"), new("audience", "适合人群", "Audience")];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var query = db.Set<Base>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(x => x.Status == ContentStatus.Published);
        if (keys is not null)
        {
            var guids = keys.Select(k => k.Split(':', 2)).Where(p => p.Length == 2 && p[0] == Base.Type)
                .Select(p => Guid.TryParseExact(p[1], "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            if (guids.Count == 0) return [];
            query = query.Where(x => guids.Contains(x.Key));
        }
        var items = await query.ToListAsync(ct);
        return items.Select(x => new SearchDocument(
            SearchChange.KeyOf(Base.Type, x.Key), x.SiteId, Base.Type, x.Title,
            SearchText.FromHtml(string.Join(" ", x.Summary, x.NameEn, x.City + x.District + x.Address,
                string.Join(" ", x.Themes.Select(t => BaseVocabulary.Themes.GetValueOrDefault(t, t))),
                string.Join(" ", x.Audiences.Select(a => BaseVocabulary.Audiences.GetValueOrDefault(a, a))), x.Intro)),
            "/bases/" + x.Slug, null, x.City, x.Themes.Select(t => BaseVocabulary.Themes.GetValueOrDefault(t, t)).ToList(),
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["category"] = x.Themes.Select(t => BaseVocabulary.Themes.GetValueOrDefault(t, t)).ToList(),
                ["audience"] = x.Audiences.Select(a => BaseVocabulary.Audiences.GetValueOrDefault(a, a)).ToList(),
            })).ToList();
    }
}

/// <summary>Each published base's page in the site's sitemap.</summary>
public sealed class BaseSitemapSource(OutreachDbContext db) : ISitemapSource
{
    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(Microsoft.AspNetCore.Http.HttpContext http, CancellationToken ct)
    {
        var bases = await db.Set<Base>().AsNoTracking().Where(b => b.Status == ContentStatus.Published)
            .OrderBy(b => b.Id).Select(b => new { b.Slug, b.UpdatedAt }).ToListAsync(ct);
        return [new SitemapEntry("/bases", bases.Count == 0 ? null : bases.Max(b => b.UpdatedAt)), .. bases.Select(b => new SitemapEntry("/bases/" + b.Slug, b.UpdatedAt))];
    }
}
