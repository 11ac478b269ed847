using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Lecturers;

/// <summary>
/// Turns lecturer rows the caller may show into public profiles, loading their topics, regions, fields and teams in a
/// few queries (by the rows' ids, so rows of several sites — the portal — work alike), each with its own site's links.
/// </summary>
public static class LecturerProfiles
{
    public static async Task<IReadOnlyList<LecturerProfile>> BuildAsync(OutreachDbContext db, IReadOnlyDictionary<int, Site> sites, SiteLinks links, IReadOnlyList<Lecturer> rows,
        DateOnly today, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var topics = (await All<LecturerTopic>(db).Where(t => ids.Contains(t.LecturerId)).OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(ct))
            .ToLookup(t => t.LecturerId);
        var regions = (await All<LecturerRegion>(db).Where(r => ids.Contains(r.LecturerId)).OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.LecturerId);
        var fields = (await All<LecturerDiscipline>(db).Where(d => ids.Contains(d.LecturerId)).OrderBy(d => d.Id).ToListAsync(ct)).ToLookup(d => d.LecturerId);
        var labels = await DisciplineList.LabelsAsync(db, rows.Select(r => r.SiteId).Distinct().ToList(), ct);
        var memberships = await All<LecturerTeamMember>(db).Where(m => ids.Contains(m.LecturerId))
            .Join(All<LecturerTeam>(db), m => m.TeamId, t => t.Id, (m, t) => new { m.LecturerId, t.Id, t.Slug, t.Name, t.Position })
            .ToListAsync(ct);
        var teams = memberships.OrderBy(t => t.Position).ThenBy(t => t.Id).ToLookup(t => t.LecturerId);
        return rows.Where(l => sites.ContainsKey(l.SiteId)).Select(l => Profile(l, sites[l.SiteId])).ToList();

        LecturerProfile Profile(Lecturer l, Site site) => new(
            l.Id, l.Slug, l.Name, links.Absolute(site, "/lecturers/" + l.Slug), LecturerWords.Status(l.Status),
            l.PrivateFields.HasFlag(PrivateFields.Gender) || l.Gender == LecturerGender.Unspecified ? null : LecturerWords.Genders.First(g => g.Value == l.Gender).Zh,
            l.PrivateFields.HasFlag(PrivateFields.BirthYear) ? null : l.BirthYear,
            l.PrivateFields.HasFlag(PrivateFields.Organisation) ? null : l.Organisation,
            LecturerWords.TitleLevels.First(t => t.Value == l.TitleLevel).Zh, l.ProfessionalTitle, l.Bio,
            PublicPhotoPath(l) is { } photo ? links.Absolute(site, photo) : null,
            fields[l.Id].Where(f => labels.ContainsKey(f.DisciplineId)).Select(f => labels[f.DisciplineId]).Select(f => new LecturerDisciplineInfo(f.Code, f.Name, f.Label)).ToList(),
            topics[l.Id].Select(t => new LecturerTopicInfo(t.Id, t.Title, t.Summary, LecturerWords.Codes(LecturerWords.Audiences, t.Audiences),
                LecturerWords.Names(LecturerWords.Audiences, t.Audiences), t.DurationMinutes, LecturerWords.Codes(LecturerWords.Formats, t.Formats))).ToList(),
            regions[l.Id].Select(r => new LecturerRegionInfo(r.City, r.County)).ToList(),
            LecturerWords.Codes(LecturerWords.Languages, l.Languages),
            new LecturerAvailabilityInfo(LecturerWords.Codes(LecturerWords.Days, l.AvailableDays), LecturerWords.Months(l.AvailableMonths), l.AvailabilityNote,
                l.Status == LecturerStatus.Paused ? l.PausedUntil : null, LecturerQuery.IsAvailable(l, today)),
            teams[l.Id].Select(t => new LecturerTeamInfo(t.Id, t.Slug, t.Name, links.Absolute(site, "/lecturer-teams/" + t.Slug))).ToList(),
            site.Name);
    }

    static IQueryable<T> All<T>(OutreachDbContext db) where T : class => db.Set<T>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);

    /// <summary>
    /// The site path of the lecturer's photo when the public may see it (public lecturer, photo marked public), else
    /// null. The id is in the path so a replaced photo gets a new URL.
    /// </summary>
    public static string? PublicPhotoPath(Lecturer l) =>
        l.IsPublic && l.PhotoPublic && l.PhotoId is { } id ? $"/lecturers/{l.Slug}/photo-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.jpg" : null;
}
