using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Lecturers;

/// <summary>One of the person's lecturer profiles as "我的讲师资料" lists it.</summary>
/// <param name="Review">The open or last review's state in words ("待审核", "需修改"), and the reviewer's comment.</param>
public sealed record MyLecturerView(string Site, string Name, string Status, string StatusCode, string Review, string Comment,
    string EditUrl, string? ProfileUrl, string PausedUntil);

public sealed record MyLecturerBlock(IReadOnlyList<MyLecturerView> Items, string ApplyUrl);

/// <summary>
/// "我的讲师资料" in the personal area: the person's lecturer profiles on every site with their review state and the
/// reviewer's comment. Deleting the account anonymises them at once (service records elsewhere keep the row).
/// </summary>
public sealed class MyLecturerSection(OutreachDbContext db, SiteCatalog catalog, SiteContext site, TimeProvider clock) : IPersonalAreaSection
{
    public string Key => "lecturer";

    IQueryable<Lecturer> Mine(int userId) =>
        db.Set<Lecturer>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(l => l.UserId == userId);

    public async Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct)
    {
        var items = await ItemsAsync(userId, ct);
        return new PersonalAreaBlock(Key, "我的讲师资料", "my-lecturer", new MyLecturerBlock(items, site.Url("/lecturers/apply")), 20);
    }

    public async Task<IReadOnlyList<MyLecturerView>> ItemsAsync(int userId, CancellationToken ct)
    {
        var mine = await Mine(userId).Where(l => l.Status != LecturerStatus.Left).OrderBy(l => l.Id).ToListAsync(ct);
        var ids = mine.Select(l => l.Id).ToList();
        var latest = (await db.Set<LecturerApplication>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(a => ids.Contains(a.LecturerId)).ToListAsync(ct))
            .GroupBy(a => a.LecturerId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).First());
        var sites = (await catalog.AllAsync(ct)).ToDictionary(s => s.Id);
        return mine.Where(l => sites.ContainsKey(l.SiteId)).Select(l =>
        {
            var s = sites[l.SiteId];
            var a = latest.GetValueOrDefault(l.Id);
            var review = a is null ? "" : (a.Kind == ApplicationKind.Change ? "资料修改：" : "申请：") + LecturerWords.StatusZh(a.Status);
            return new MyLecturerView(s.DisplayNameZh, l.Name, LecturerWords.StatusZh(l.Status), LecturerWords.Status(l.Status), review,
                a?.Reason ?? "", s.LinkTo("/lecturers/apply"), l.IsPublic ? s.LinkTo("/lecturers/" + l.Slug) : null,
                l.Status == LecturerStatus.Paused && l.PausedUntil is { } until ? $"{until.Year}年{until.Month}月{until.Day}日" : "");
        }).ToList();
    }

    public async Task<object?> ExportAsync(int userId, CancellationToken ct)
    {
        var mine = await Mine(userId).ToListAsync(ct);
        var ids = mine.Select(l => l.Id).ToList();
        var topics = (await db.Set<LecturerTopic>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(t => ids.Contains(t.LecturerId)).ToListAsync(ct)).ToLookup(t => t.LecturerId);
        var regions = (await db.Set<LecturerRegion>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(t => ids.Contains(t.LecturerId)).ToListAsync(ct)).ToLookup(t => t.LecturerId);
        var sites = (await catalog.AllAsync(ct)).ToDictionary(s => s.Id);
        return mine.Select(l => new
        {
            site = sites.GetValueOrDefault(l.SiteId)?.DisplayNameZh ?? "",
            status = LecturerWords.Status(l.Status), l.Name, gender = l.Gender.ToString(), l.BirthYear, l.Organisation,
            titleLevel = l.TitleLevel.ToString(), l.ProfessionalTitle, l.Bio, l.PhotoId, l.PhotoPublic,
            privateFields = LecturerWords.Codes(LecturerWords.Privates, l.PrivateFields),
            languages = LecturerWords.Codes(LecturerWords.Languages, l.Languages),
            availableDays = LecturerWords.Codes(LecturerWords.Days, l.AvailableDays), availableMonths = LecturerWords.Months(l.AvailableMonths),
            l.AvailabilityNote, l.PausedUntil, l.ConsentedAt, l.CreatedAt, l.ApprovedAt, l.LeftAt,
            topics = topics[l.Id].Select(t => new { t.Title, t.Summary, audiences = LecturerWords.Codes(LecturerWords.Audiences, t.Audiences), t.DurationMinutes }),
            regions = regions[l.Id].Select(r => new { r.City, r.County }),
        }).ToList();
    }

    public async Task ForgetAsync(int userId, CancellationToken ct)
    {
        // The person's profiles on every site leave and are anonymised now, not after the retention period.
        var now = clock.GetUtcNow();
        var rows = await db.Set<Lecturer>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(l => l.UserId == userId).ToListAsync(ct);
        foreach (var l in rows)
        {
            l.Status = LecturerStatus.Left;
            l.LeftAt ??= now;
            LecturerIndex.Touch(db, l);
        }
        var ids = rows.Select(r => r.Id).ToList();
        await db.Set<LecturerApplication>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(a => ids.Contains(a.LecturerId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OpenLecturerId, (int?)null).SetProperty(a => a.Status,
                a => a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.ChangesRequested ? ApplicationStatus.Withdrawn : a.Status), ct);
        await db.Set<LecturerTeamMember>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(m => ids.Contains(m.LecturerId)).ExecuteDeleteAsync(ct);
        foreach (var l in rows) LecturerLifecycle.Anonymise(l, now);
        await db.Set<Photos.LecturerPhoto>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<LecturerTopic>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerRegion>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerDiscipline>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
    }
}
