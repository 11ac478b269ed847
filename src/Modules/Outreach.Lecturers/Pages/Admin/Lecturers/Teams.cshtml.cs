using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Lecturers.Pages.Admin.Lecturers;

/// <summary>The team editor: a site's lecturer teams with name, slug, description, cover image, lead and members.</summary>
[SitePermission(LecturerPermissions.Manage)]
public sealed class TeamsModel(OutreachDbContext db, SiteContext site, TimeProvider clock, AuditLog audit) : PageModel
{
    public IReadOnlyList<LecturerTeam> Teams { get; private set; } = [];
    public IReadOnlyDictionary<int, int> MemberCounts { get; private set; } = new Dictionary<int, int>();
    public IReadOnlyList<Lecturer> Lecturers { get; private set; } = [];
    public LecturerTeam? Editing { get; private set; }
    public HashSet<int> Members { get; private set; } = [];
    public List<string> Errors { get; } = [];

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? CoverImageId { get; set; }
    [BindProperty] public int? LeadId { get; set; }
    [BindProperty] public List<int> MemberIds { get; set; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (SingleLine.Check(Name, LecturerLimits.TeamName, out var name, required: true) is { } problem) Errors.Add("团队名称" + problem);
        var slug = string.IsNullOrWhiteSpace(Slug) ? Slugs.FromTitle(name, "team") : Slug.Trim();
        if (!Slugs.IsValid(slug)) Errors.Add("网址名应为小写字母、数字和连字符。");
        if ((Description ?? "").Length > LecturerLimits.TeamDescription) Errors.Add($"简介不能超过 {LecturerLimits.TeamDescription} 个字符。");
        var allowed = Lecturers.Select(l => l.Id).ToHashSet();
        if (LeadId is { } lead && !allowed.Contains(lead)) Errors.Add("团长应为本站讲师。");
        if (MemberIds.Any(m => !allowed.Contains(m))) Errors.Add("成员应为本站讲师。");
        if (await db.Set<LecturerTeam>().AnyAsync(t => t.Slug == slug && t.Id != (Id ?? 0), ct)) Errors.Add("网址名已被其他团队使用。");
        if (Errors.Count > 0) return Page();

        var now = clock.GetUtcNow();
        var team = Id is { } id ? await db.Set<LecturerTeam>().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        if (Id is not null && team is null) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (team is null)
        {
            db.Add(team = new LecturerTeam { CreatedAt = now, Position = Teams.Count });
        }
        team.Name = name;
        team.Slug = slug;
        team.Description = (Description ?? "").Trim();
        team.CoverImageId = CoverImageId is > 0 ? CoverImageId : null;
        team.LeadLecturerId = LeadId;
        team.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var wanted = MemberIds.Append(LeadId ?? 0).Where(m => m > 0).ToHashSet();
        await db.Set<LecturerTeamMember>().Where(m => m.TeamId == team.Id && !wanted.Contains(m.LecturerId)).ExecuteDeleteAsync(ct);
        var have = await db.Set<LecturerTeamMember>().Where(m => m.TeamId == team.Id).Select(m => m.LecturerId).ToListAsync(ct);
        foreach (var m in wanted.Except(have)) db.Add(new LecturerTeamMember { TeamId = team.Id, LecturerId = m });
        audit.Record(User, "lecturers.team.saved", "lecturer-team:" + team.Id, team.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = "已保存。";
        return Redirect(site.Url("/admin/lecturers/teams?id=" + team.Id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var deleted = await db.Set<LecturerTeam>().Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        if (deleted > 0) audit.Record(User, "lecturers.team.deleted", "lecturer-team:" + id);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = deleted > 0 ? "已删除。" : "找不到该团队。";
        return Redirect(site.Url("/admin/lecturers/teams"));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Teams = await db.Set<LecturerTeam>().AsNoTracking().OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(ct);
        MemberCounts = await db.Set<LecturerTeamMember>().AsNoTracking().GroupBy(m => m.TeamId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Lecturers = await db.Set<Lecturer>().AsNoTracking().Where(l => l.Status == LecturerStatus.Approved || l.Status == LecturerStatus.Paused)
            .OrderBy(l => l.Name).ToListAsync(ct);
        Editing = Id is { } id ? Teams.FirstOrDefault(t => t.Id == id) : null;
        if (Editing is not null)
            Members = (await db.Set<LecturerTeamMember>().AsNoTracking().Where(m => m.TeamId == Editing.Id).Select(m => m.LecturerId).ToListAsync(ct)).ToHashSet();
    }
}
