using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Pages;

/// <summary>Pages and news as search documents: published, not deleted, of every site.</summary>
public sealed class ArticleSearchSource : ISearchDocumentSource
{
    public IReadOnlyCollection<string> Types { get; } = ["page", "news"];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var documents = new List<SearchDocument>();
        documents.AddRange(await LoadAsync(db.Set<Page>(), "/pages/", keys, ct));
        documents.AddRange(await LoadAsync(db.Set<NewsItem>(), "/news/", keys, ct));
        return documents;
    }

    static async Task<IEnumerable<SearchDocument>> LoadAsync<T>(DbSet<T> set, string path, IReadOnlyCollection<string>? keys, CancellationToken ct)
        where T : Article, new()
    {
        var type = new T().ContentType;
        // The index serves every site; the Deleted filter stays on, so deleted items drop out.
        var query = set.AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(x => x.Status == ContentStatus.Published);
        if (keys is not null)
        {
            var guids = keys.Select(k => k.Split(':', 2)).Where(p => p.Length == 2 && p[0] == type)
                .Select(p => Guid.TryParseExact(p[1], "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            if (guids.Count == 0) return [];
            query = query.Where(x => guids.Contains(x.Key));
        }
        var items = await query.ToListAsync(ct);
        return items.Select(x => new SearchDocument(
            SearchChange.KeyOf(type, x.Key), x.SiteId, type, x.Title,
            SearchText.FromHtml(x.Summary + " " + x.Body),
            x.Slug == Page.HomeSlug && x is Page ? "/" : path + x.Slug,
            x.PublishedAt));
    }
}
