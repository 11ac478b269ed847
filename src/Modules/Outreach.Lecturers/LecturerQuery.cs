using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Lecturers;

/// <summary>
/// The queries the directory, the API, the pages and the contract share. They name the sites they read explicitly
/// (a site: itself; the portal: every public site that runs the module), so one code path serves both.
/// </summary>
public static class LecturerQuery
{
    static IQueryable<T> All<T>(OutreachDbContext db) where T : class => db.Set<T>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);

    /// <summary>Lecturers the public may see on the given sites.</summary>
    public static IQueryable<Lecturer> Public(OutreachDbContext db, IReadOnlyCollection<int> siteIds) =>
        All<Lecturer>(db).Where(l => siteIds.Contains(l.SiteId) && (l.Status == LecturerStatus.Approved || l.Status == LecturerStatus.Paused));

    /// <summary>Lecturers the public may see on the current site.</summary>
    public static IQueryable<Lecturer> Public(OutreachDbContext db) =>
        db.Set<Lecturer>().AsNoTracking().Where(l => l.Status == LecturerStatus.Approved || l.Status == LecturerStatus.Paused);

    public static async Task<IQueryable<Lecturer>> FilterAsync(IQueryable<Lecturer> query, LecturerSearch search, OutreachDbContext db,
        IReadOnlyCollection<int> siteIds, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(search.Field))
        {
            var code = search.Field.Trim();
            var disciplines = All<Discipline>(db).Where(d => siteIds.Contains(d.SiteId));
            var ids = await disciplines
                .Where(d => d.Code == code || d.Name == code || disciplines.Any(p => p.Id == d.ParentId && (p.Code == code || p.Name == code)))
                .Select(d => d.Id).ToListAsync(ct);
            query = query.Where(l => All<LecturerDiscipline>(db).Any(x => x.LecturerId == l.Id && ids.Contains(x.DisciplineId)));
        }
        if (LecturerWords.One(LecturerWords.Audiences, search.Audience) is { } audience)
            query = query.Where(l => All<LecturerTopic>(db).Any(t => t.LecturerId == l.Id && (t.Audiences & audience) != 0));
        if (!string.IsNullOrWhiteSpace(search.City))
        {
            var city = search.City.Trim();
            var county = search.County?.Trim() ?? "";
            query = county.Length == 0
                ? query.Where(l => All<LecturerRegion>(db).Any(r => r.LecturerId == l.Id && r.City == city))
                : query.Where(l => All<LecturerRegion>(db).Any(r => r.LecturerId == l.Id && r.City == city && (r.County == "" || r.County == county)));
        }
        if (LecturerWords.One(LecturerWords.Languages, search.Language) is { } language)
            query = query.Where(l => (l.Languages & language) != 0);
        if (!string.IsNullOrWhiteSpace(search.Team))
        {
            var slug = search.Team.Trim();
            var teamIds = await All<LecturerTeam>(db).Where(t => siteIds.Contains(t.SiteId) && t.Slug == slug).Select(t => t.Id).ToListAsync(ct);
            query = query.Where(l => All<LecturerTeamMember>(db).Any(m => m.LecturerId == l.Id && teamIds.Contains(m.TeamId)));
        }
        return query;
    }

    /// <summary>Available on a Beijing-time day: not paused beyond it, the day kind and month fit (none given = any).</summary>
    public static bool IsAvailable(Lecturer l, DateOnly day)
    {
        if (l.Status == LecturerStatus.Paused && (l.PausedUntil is null || l.PausedUntil > day)) return false;
        if (l.Status is not (LecturerStatus.Approved or LecturerStatus.Paused)) return false;
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (l.AvailableDays != AvailableDays.None && !l.AvailableDays.HasFlag(weekend ? AvailableDays.Weekends : AvailableDays.Weekdays)) return false;
        return l.AvailableMonths == 0 || (l.AvailableMonths & (1 << (day.Month - 1))) != 0;
    }

    /// <summary>The sites a request reads: the portal every public site running the module, any other site itself.</summary>
    public static async Task<IReadOnlyDictionary<int, Site>> ScopeAsync(Site current, SiteCatalog catalog, Func<Site, bool> runsModule, CancellationToken ct) =>
        current.Prefix == ""
            ? (await catalog.AllAsync(ct)).Where(s => s.IsPublic && runsModule(s)).ToDictionary(s => s.Id)
            : new Dictionary<int, Site> { [current.Id] = current };
}
