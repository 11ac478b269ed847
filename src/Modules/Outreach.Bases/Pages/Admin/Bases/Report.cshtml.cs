using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>The yearly report form of one base (its staff): file a year once, re-file when the association returned it.</summary>
public sealed class ReportModel(OutreachDbContext db, BaseStaffAccess access, SiteContext site, TimeProvider clock, YearlyReports reports, AuditLog audit)
    : BaseAdminPage(db, access, site)
{
    public IReadOnlyList<YearlyReport> Reports { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Conflict { get; private set; }

    /// <summary>The report being re-filed (returned), if the form is for one.</summary>
    public YearlyReport? Returned { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public int? Visitors { get; set; }
    [BindProperty] public int? Activities { get; set; }
    [BindProperty] public int? Volunteers { get; set; }
    [BindProperty] public int? OpenDays { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        await LoadAsync(ct);
        if (Returned is { } r) (Visitors, Activities, Volunteers, OpenDays, Notes) = (r.Visitors, r.Activities, r.Volunteers, r.OpenDays, r.Notes);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        var input = new ReportInput(Year, Visitors, Activities, Volunteers, OpenDays, Notes);
        var returned = Year is { } y && await Db.Set<YearlyReport>().AnyAsync(r => r.BaseId == Base.Id && r.Year == y && r.State == ReportState.Returned, ct);
        if (returned)
        {
            var (outcome, errors) = await reports.RefileAsync(Base.Id, Year!.Value, input, User.UserId(), ct);
            if (outcome == ReportOutcome.Done)
            {
                audit.Record(User, "bases.report.refiled", "base:" + Base.Id, $"{Year}");
                return Back($"已重新提交 {Year} 年度报告。", "/reports");
            }
            Errors = errors;
            if (outcome == ReportOutcome.WrongState) Conflict = "这份报告已重新提交或已审核。";
        }
        else
        {
            var (outcome, _, errors) = await reports.FileAsync(Base, input, User.UserId(), ct);
            if (outcome == ReportOutcome.Done)
            {
                audit.Record(User, "bases.report.filed", "base:" + Base.Id, $"{Year}");
                return Back($"已提交 {Year} 年度报告，等待协会审核。", "/reports");
            }
            Errors = errors;
            if (outcome == ReportOutcome.Duplicate) Conflict = $"本基地 {Year} 年度的报告已经提交过。";
        }
        await LoadAsync(ct);
        Response.StatusCode = Conflict is null ? 400 : 409;
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Reports = await Db.Set<YearlyReport>().AsNoTracking().Where(r => r.BaseId == Base.Id).OrderByDescending(r => r.Year).ToListAsync(ct);
        Year ??= OpeningStatus.Today(clock.GetUtcNow()).Year - 1;
        Returned = Reports.FirstOrDefault(r => r.Year == Year && r.State == ReportState.Returned);
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;
}
