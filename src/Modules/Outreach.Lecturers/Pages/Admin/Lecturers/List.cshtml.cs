using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Lecturers.Pages.Admin.Lecturers;

/// <summary>
/// Every lecturer of the site with filters and a CSV export (UTF-8 with a BOM, formula cells escaped). Personal columns
/// (e-mail, phone, gender, birth year) only for those who manage the lecturer teams (site admins); reviewers see the rest.
/// </summary>
[SitePermission(LecturerPermissions.Review)]
public sealed class ListModel(OutreachDbContext db, SiteContext site, SiteAuthorization authorization, AuditLog audit) : PageModel
{
    public sealed record Row(int Id, string Name, string Status, string Organisation, string Title, string Fields, string Cities, string Teams,
        DateTimeOffset CreatedAt, string Slug, string? Email, string? Phone, string? Gender, int? BirthYear);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Personal { get; private set; }
    public IReadOnlyList<DisciplineLabel> Disciplines { get; private set; } = [];
    public IReadOnlyList<LecturerTeam> TeamList { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public string CsvUrl() => site.Url("/admin/lecturers/list") + QueryString.Create(new Dictionary<string, string?>
        { ["handler"] = "Csv", ["status"] = Status, ["field"] = Field, ["city"] = City, ["team"] = Team, ["q"] = Q }
        .Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.Headers.CacheControl = "no-store";
        audit.Record(User, "lecturers.export", "lecturers", $"{Rows.Count} rows{(Personal ? ", personal columns" : "")}");
        await db.SaveChangesAsync(ct);
        return File(Csv(Rows, Personal), "text/csv; charset=utf-8", $"lecturers-{site.Required.Name}.csv");
    }

    public static byte[] Csv(IReadOnlyList<Row> rows, bool personal)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            string[] head = ["编号", "姓名", "状态", "工作单位", "职称", "学科", "地区", "团队", "申请时间", "主页"];
            csv.WriteRecord(personal ? [.. head, "邮箱", "手机", "性别", "出生年份"] : head);
            foreach (var r in rows)
            {
                string[] cells = [r.Id.ToString(CultureInfo.InvariantCulture), r.Name, r.Status, r.Organisation, r.Title, r.Fields, r.Cities, r.Teams,
                    Outreach.Core.Localization.OutreachTime.ToBeijing(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), "/lecturers/" + r.Slug];
                csv.WriteRecord(personal ? [.. cells, r.Email ?? "", r.Phone ?? "", r.Gender ?? "", r.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? ""] : cells);
            }
        }
        return buffer.ToArray();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Personal = await authorization.HasAsync(User, LecturerPermissions.Manage, ct);
        var labels = await DisciplineList.LabelsAsync(db, ct);
        Disciplines = labels.Values.OrderBy(l => l.Label).ToList();
        TeamList = await db.Set<LecturerTeam>().AsNoTracking().OrderBy(t => t.Position).ToListAsync(ct);
        var query = db.Set<Lecturer>().AsNoTracking().Where(l => l.AnonymisedAt == null);
        if (Enum.GetValues<LecturerStatus>().Cast<LecturerStatus?>().FirstOrDefault(s => LecturerWords.Status(s!.Value) == Status) is { } status)
            query = query.Where(l => l.Status == status);
        query = await LecturerQuery.FilterAsync(query, new LecturerSearch(Field, null, City, null, null, Team), db, [site.Required.Id], ct);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(l => l.Name.Contains(Q.Trim()) || l.Organisation.Contains(Q.Trim()));
        var lecturers = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Take(5000).ToListAsync(ct);
        var ids = lecturers.Select(l => l.Id).ToList();
        var fields = (await db.Set<LecturerDiscipline>().AsNoTracking().Where(d => ids.Contains(d.LecturerId)).ToListAsync(ct)).ToLookup(d => d.LecturerId);
        var regions = (await db.Set<LecturerRegion>().AsNoTracking().Where(r => ids.Contains(r.LecturerId)).ToListAsync(ct)).ToLookup(r => r.LecturerId);
        var teams = (await db.Set<LecturerTeamMember>().AsNoTracking().Where(m => ids.Contains(m.LecturerId))
            .Join(db.Set<LecturerTeam>().AsNoTracking(), m => m.TeamId, t => t.Id, (m, t) => new { m.LecturerId, t.Name }).ToListAsync(ct)).ToLookup(x => x.LecturerId, x => x.Name);
        var userIds = lecturers.Where(l => l.UserId is not null).Select(l => l.UserId!.Value).ToList();
        var contacts = Personal
            ? await db.Set<OutreachUser>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.Email, u.PhoneNumber), ct)
            : [];
        Rows = lecturers.Select(l => new Row(l.Id, l.Name, LecturerWords.StatusZh(l.Status), l.Organisation,
            LecturerWords.TitleLevels.First(t => t.Value == l.TitleLevel).Zh + " " + l.ProfessionalTitle,
            string.Join("；", fields[l.Id].Where(f => labels.ContainsKey(f.DisciplineId)).Select(f => labels[f.DisciplineId].Label)),
            string.Join("、", regions[l.Id].Select(r => r.City + (r.County.Length > 0 ? "·" + r.County : ""))), string.Join("、", teams[l.Id]), l.CreatedAt, l.Slug,
            Personal && l.UserId is { } u && contacts.TryGetValue(u, out var c) ? c.Email : null,
            Personal && l.UserId is { } u2 && contacts.TryGetValue(u2, out var c2) ? c2.PhoneNumber : null,
            Personal && l.Gender != LecturerGender.Unspecified ? LecturerWords.Genders.First(g => g.Value == l.Gender).Zh : null,
            Personal ? l.BirthYear : null)).ToList();
    }
}
