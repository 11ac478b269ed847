using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Lecturers.Directory;

/// <summary>
/// Public lecturers of every site as search documents: name as title; topics, fields, public organisation, title and
/// bio as body. Never phone, e-mail or the fields the lecturer keeps private. Tags are the discipline names (facets).
/// </summary>
public sealed class LecturerSearchSource : ISearchDocumentSource
{
    public IReadOnlyCollection<string> Types { get; } = [LecturerIndex.Type];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var query = db.Set<Lecturer>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(l => l.Status == LecturerStatus.Approved || l.Status == LecturerStatus.Paused);
        if (keys is not null)
        {
            var guids = keys.Select(k => k.Split(':', 2)).Where(p => p.Length == 2 && p[0] == LecturerIndex.Type)
                .Select(p => Guid.TryParseExact(p[1], "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            if (guids.Count == 0) return [];
            query = query.Where(l => guids.Contains(l.Key));
        }
        var lecturers = await query.ToListAsync(ct);
        var ids = lecturers.Select(l => l.Id).ToList();
        var topics = (await db.Set<LecturerTopic>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(t => ids.Contains(t.LecturerId)).ToListAsync(ct)).ToLookup(t => t.LecturerId);
        var fields = (await db.Set<LecturerDiscipline>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(d => ids.Contains(d.LecturerId))
            .Join(db.Set<Discipline>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), d => d.DisciplineId, x => x.Id, (d, x) => new { d.LecturerId, x.Name })
            .ToListAsync(ct)).ToLookup(x => x.LecturerId, x => x.Name);
        var regions = (await db.Set<LecturerRegion>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(r => ids.Contains(r.LecturerId)).ToListAsync(ct)).ToLookup(r => r.LecturerId);
        return lecturers.Select(l => new SearchDocument(
            SearchChange.KeyOf(LecturerIndex.Type, l.Key), l.SiteId, LecturerIndex.Type, l.Name,
            string.Join(" ", [
                l.ProfessionalTitle,
                l.PrivateFields.HasFlag(PrivateFields.Organisation) ? "" : l.Organisation,
                string.Join(" ", fields[l.Id]),
                .. topics[l.Id].SelectMany(t => new[] { t.Title, t.Summary }),
                l.Bio,
            ]),
            "/lecturers/" + l.Slug, null, regions[l.Id].Select(r => r.City).FirstOrDefault(), fields[l.Id].ToList())).ToList();
    }
}
