using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Lecturers.Review;

namespace Outreach.Lecturers.Pages.Admin.Lecturers;

/// <summary>The reviewers' queue: counts by state, the applications of one state, and the three decisions with a reason.</summary>
[SitePermission(LecturerPermissions.Review)]
public sealed class IndexModel(LecturerQueue queue, LecturerReview review, SiteContext site) : PageModel
{
    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();
    public IReadOnlyList<LecturersApi.ApplicationItem> Items { get; private set; } = [];
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public ApplicationStatus Current => LecturerWords.ParseApplicationStatus(Status) ?? ApplicationStatus.Pending;

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await queue.CountsAsync(ct);
        (Items, Total) = await queue.ListAsync(Current, 1, 200, ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, string decision, string? reason, CancellationToken ct)
    {
        var kind = decision switch { "approve" => ReviewDecision.Approve, "reject" => ReviewDecision.Reject, _ => ReviewDecision.RequestChanges };
        var (outcome, _) = await review.DecideAsync(id, kind, reason, User, ct);
        TempData[outcome == ReviewOutcome.Done ? "Message" : "Error"] = outcome switch
        {
            ReviewOutcome.Done => kind switch { ReviewDecision.Approve => "已通过，已邮件通知申请人。", ReviewDecision.Reject => "已拒绝，已邮件通知申请人。", _ => "已请申请人修改，已邮件通知。" },
            ReviewOutcome.ReasonRequired => "请填写理由或修改意见。",
            ReviewOutcome.NotFound => "找不到该申请。",
            _ => "该申请已不在待审核状态。",
        };
        return Redirect(site.Url("/admin/lecturers"));
    }
}
