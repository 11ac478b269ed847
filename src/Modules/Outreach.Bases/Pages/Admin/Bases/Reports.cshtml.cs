using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>The association's assessment list: every base's yearly reports, waiting ones first, accepted or returned with a comment.</summary>
[SitePermission(BasePermissions.ReviewReports)]
public sealed class ReportsModel(OutreachDbContext db, SiteContext site, YearlyReports reports, AuditLog audit) : PageModel
{
    public IReadOnlyList<YearlyReportsApi.ReportItem> Items { get; private set; } = [];
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct) =>
        (Items, Total) = await YearlyReportsApi.QueryAsync(db, site, Year, YearlyReportsApi.ParseState(State), 1, ct);

    public async Task<IActionResult> OnPostAsync(int reportId, string decision, string? comment, CancellationToken ct)
    {
        var accept = decision == "accept";
        var outcome = await reports.ReviewAsync(reportId, accept, comment, User.UserId(), ct);
        if (outcome == ReportOutcome.Done) audit.Record(User, accept ? "bases.report.accepted" : "bases.report.returned", "base-report:" + reportId);
        TempData["Message"] = outcome switch
        {
            ReportOutcome.Done => accept ? "已通过。" : "已退回，基地可修改后重新提交。",
            ReportOutcome.Invalid => $"退回时请填写意见（不超过 {BaseLimits.DecisionNote} 个字）。",
            ReportOutcome.NotFound => "找不到该报告。",
            _ => "这份报告已经审核过。",
        };
        return Redirect(site.Url("/admin/bases/reports"));
    }
}
