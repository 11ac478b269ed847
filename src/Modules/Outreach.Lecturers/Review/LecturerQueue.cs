using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Lecturers.Review;

/// <summary>The current site's applications by state, with counts, for the reviewers' API and page.</summary>
public sealed class LecturerQueue(OutreachDbContext db, SiteContext site, SiteLinks links)
{
    public async Task<(IReadOnlyList<LecturersApi.ApplicationItem> Items, int Total)> ListAsync(ApplicationStatus status, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Set<LecturerApplication>().AsNoTracking().Where(a => a.Status == status);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Set<Lecturer>().AsNoTracking(), a => a.LecturerId, l => l.Id, (a, l) => new { a, l }).ToListAsync(ct);
        var ids = rows.Select(r => r.l.Id).ToList();
        var labels = await DisciplineList.LabelsAsync(db, ct);
        var fields = (await db.Set<LecturerDiscipline>().AsNoTracking().Where(d => ids.Contains(d.LecturerId)).ToListAsync(ct)).ToLookup(d => d.LecturerId);
        string Label(int id) => labels.TryGetValue(id, out var l) ? l.Label : "";
        string Level(TitleLevel t) => LecturerWords.TitleLevels.First(x => x.Value == t).Zh;
        // Reviewers see the photo whether or not it is public: they decide whether it may be.
        string? Photo(int? id) => id is { } p ? links.Absolute(site.Required, $"/admin/lecturers/photos/{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}.jpg") : null;
        var items = rows.Select(r =>
        {
            var change = r.a.ChangeJson is { } json ? JsonSerializer.Deserialize<ProposedChange>(json) : null;
            return new LecturersApi.ApplicationItem(r.a.Id, r.a.Kind == ApplicationKind.New ? "new" : "change", LecturerWords.Status(r.a.Status), r.l.Id,
                r.l.Name, r.l.Organisation, Level(r.l.TitleLevel), r.l.ProfessionalTitle, fields[r.l.Id].Select(f => Label(f.DisciplineId)).ToList(),
                r.a.SubmittedAt, r.a.Reason,
                change is null ? null : new LecturersApi.ProposedChangeView(change.Name, Level(change.TitleLevel), change.ProfessionalTitle, change.PhotoPublic,
                    change.DisciplineIds.Select(Label).ToList(), Photo(change.PhotoId)),
                Photo(r.l.PhotoId));
        }).ToList();
        return (items, total);
    }

    /// <summary>How many applications are in each state.</summary>
    public async Task<IReadOnlyDictionary<ApplicationStatus, int>> CountsAsync(CancellationToken ct) =>
        (await db.Set<LecturerApplication>().AsNoTracking().GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => x.Count);
}
