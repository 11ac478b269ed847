using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Events;

/// <summary>Published events of every site as search documents, with their city and tags.</summary>
public sealed class EventSearchSource : ISearchDocumentSource
{
    const string Type = "event";

    public IReadOnlyCollection<string> Types { get; } = [Type];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        // The index serves every site; the Deleted filter stays on, so deleted events drop out.
        var query = db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(x => x.Status == ContentStatus.Published);
        if (keys is not null)
        {
            var guids = keys.Select(k => k.Split(':', 2)).Where(p => p.Length == 2 && p[0] == Type)
                .Select(p => Guid.TryParseExact(p[1], "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            if (guids.Count == 0) return [];
            query = query.Where(x => guids.Contains(x.Key));
        }
        var items = await query.ToListAsync(ct);
        return items.Select(x => new SearchDocument(
            SearchChange.KeyOf(Type, x.Key), x.SiteId, Type, x.Title,
            SearchText.FromHtml(string.Join(" ", x.Summary, x.Organiser, x.VenueName, x.City + x.District, x.Body)),
            "/events/" + x.Slug, x.StartsAt, x.City, x.TagList)).ToList();
    }
}
