using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>The campaign owner's approval queue for events submitted from other sites.</summary>
[SitePermission(Permissions.ReviewContent)]
public sealed class CampaignsModel(CampaignApprovals approvals, SiteContext site, AuditLog audit) : PageModel
{
    public List<CampaignApprovals.QueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await approvals.QueueAsync(null, ct);

    public Task<IActionResult> OnPostApproveAsync(int entry, CancellationToken ct) => DecideAsync(entry, EntryStatus.Approved, "已通过。", ct);

    public Task<IActionResult> OnPostRejectAsync(int entry, CancellationToken ct) => DecideAsync(entry, EntryStatus.Rejected, "已拒绝。", ct);

    async Task<IActionResult> DecideAsync(int entry, EntryStatus decision, string message, CancellationToken ct)
    {
        audit.Record(User, "campaign." + decision.ToString().ToLowerInvariant(), "campaign-entry:" + entry);
        if (!await approvals.DecideAsync(entry, decision, ct)) return NotFound();
        TempData["Message"] = message;
        return Redirect(site.Url("/admin/campaigns"));
    }
}
