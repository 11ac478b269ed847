using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Lecturers;

/// <summary>The queries the directory, the API, the pages and the contract share.</summary>
public static class LecturerQuery
{
    /// <summary>Lecturers the public may see on the current site.</summary>
    public static IQueryable<Lecturer> Public(OutreachDbContext db) =>
        db.Set<Lecturer>().AsNoTracking().Where(l => l.Status == LecturerStatus.Approved || l.Status == LecturerStatus.Paused);

    public static async Task<IQueryable<Lecturer>> FilterAsync(IQueryable<Lecturer> query, LecturerSearch search, OutreachDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(search.Field))
        {
            var code = search.Field.Trim();
            var ids = await db.Set<Discipline>().AsNoTracking()
                .Where(d => d.Code == code || d.Name == code || db.Set<Discipline>().Any(p => p.Id == d.ParentId && (p.Code == code || p.Name == code)))
                .Select(d => d.Id).ToListAsync(ct);
            query = query.Where(l => db.Set<LecturerDiscipline>().Any(x => x.LecturerId == l.Id && ids.Contains(x.DisciplineId)));
        }
        if (LecturerWords.One(LecturerWords.Audiences, search.Audience) is { } audience)
            query = query.Where(l => db.Set<LecturerTopic>().Any(t => t.LecturerId == l.Id && (t.Audiences & audience) != 0));
        if (!string.IsNullOrWhiteSpace(search.City))
        {
            var city = search.City.Trim();
            var county = search.County?.Trim() ?? "";
            query = county.Length == 0
                ? query.Where(l => db.Set<LecturerRegion>().Any(r => r.LecturerId == l.Id && r.City == city))
                : query.Where(l => db.Set<LecturerRegion>().Any(r => r.LecturerId == l.Id && r.City == city && (r.County == "" || r.County == county)));
        }
        if (LecturerWords.One(LecturerWords.Languages, search.Language) is { } language)
            query = query.Where(l => (l.Languages & language) != 0);
        if (!string.IsNullOrWhiteSpace(search.Team))
        {
            var slug = search.Team.Trim();
            query = query.Where(l => db.Set<LecturerTeamMember>().Any(m => m.LecturerId == l.Id
                && db.Set<LecturerTeam>().Any(t => t.Id == m.TeamId && t.Slug == slug)));
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
}
