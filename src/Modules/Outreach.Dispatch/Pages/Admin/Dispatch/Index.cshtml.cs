using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Dispatch.Pages.Admin.Dispatch;

/// <summary>派单队列: confirmed requests by state with filters; each open request with its ranked lecturers and a dispatch form.</summary>
[SitePermission(DispatchPermissions.Manage)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site, Suggestions suggestions, DispatchDesk desk) : PageModel
{
    public sealed record Card(DispatchAdminApi.QueueItem Item, IReadOnlyList<Suggestion> Suggestions, LectureRequest Request);

    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "submitted";
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? Audience { get; set; }
    public List<Card> Cards { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public List<string> Cities { get; private set; } = [];
    public string? Message { get; private set; }
    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var confirmed = db.Set<LectureRequest>().AsNoTracking().Where(r => r.ContactConfirmedAt != null && r.AnonymisedAt == null);
        Counts = (await confirmed.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => DispatchLimits.Word(x.Key), x => x.Count);
        Cities = await confirmed.Select(r => r.City).Distinct().OrderBy(c => c).ToListAsync(ct);
        var query = confirmed;
        if (Enum.TryParse<RequestStatus>(Status, true, out var s) && Enum.IsDefined(s)) query = query.Where(r => r.Status == s);
        if (!string.IsNullOrWhiteSpace(City)) query = query.Where(r => r.City == City);
        if (!string.IsNullOrWhiteSpace(Audience)) query = query.Where(r => r.Audience == Audience);
        var rows = await query.OrderBy(r => r.PreferredAt1).ThenBy(r => r.Id).Take(50).ToListAsync(ct);
        var items = await DispatchAdminApi.ItemsAsync(db, site, rows, ct);
        for (var i = 0; i < rows.Count; i++)
            Cards.Add(new Card(items[i], rows[i].Status == RequestStatus.Submitted ? await suggestions.ForAsync(rows[i], 3, ct) : [], rows[i]));
    }

    public async Task<IActionResult> OnPostDispatchAsync(int id, int lecturerId, string? startsAt, CancellationToken ct)
    {
        var when = OutreachTime.FromLocalInput(startsAt) is { } iso && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (DateTimeOffset?)null;
        var result = when is null ? DeskResult.Invalid("startsAt", "请填写讲座时间。") : await desk.DispatchAsync(id, lecturerId, when.Value, User, ct);
        TempData["message"] = result.Outcome == DeskOutcome.Done ? "已派单，讲师将收到邮件。" : result.Message;
        return Redirect(site.Url("/admin/dispatch"));
    }

    public async Task<IActionResult> OnPostConfirmAsync(int dispatchId, CancellationToken ct)
    {
        var result = await desk.ConfirmAsync(dispatchId, User, ct);
        TempData["message"] = result.Outcome == DeskOutcome.Done ? "已确认，服务时长已记录。" : result.Message;
        return Redirect(site.Url("/admin/dispatch?status=reported"));
    }
}
