using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// One event's registrations for its organisers: filters and search, approve, reject with a reason, move to
/// another option, cancel, CSV export and per-option statistics. Seats and statuses change only through
/// <see cref="RegistrationDesk"/>. Personal data: <c>no-store</c>, and the search term travels in a POST body,
/// never in the URL.
/// </summary>
[SitePermission(RegistrationPermissions.Manage)]
public sealed class ListModel(OutreachDbContext db, RegistrationDesk desk, SiteContext site, AuditLog audit) : PageModel
{
    public const int PageSize = 100;

    public Event Item { get; private set; } = null!;
    public RegistrationForm Form { get; private set; } = null!;
    public List<OptionStats> Options { get; private set; } = [];
    public Counts Totals { get; private set; } = Counts.None;
    public List<RegistrationApi.AdminRow> Rows { get; private set; } = [];
    public int Matching { get; private set; }
    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    /// <summary>A status word (<see cref="RegistrationStatuses.Word"/>), or empty for all.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Option { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>Name, phone, email or ticket code; posted, and kept across a row action in TempData (not the URL).</summary>
    [BindProperty] public string? Q { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public string Here(int? page = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Status)) query.Add("status=" + Uri.EscapeDataString(Status));
        if (Option is { } o) query.Add("option=" + o.ToString(CultureInfo.InvariantCulture));
        if ((page ?? PageNumber) > 1) query.Add("p=" + (page ?? PageNumber).ToString(CultureInfo.InvariantCulture));
        return site.Url($"/admin/registrations/{Item.Id}") + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    /// <summary>Where a row action or the search posts: this view's filters, and the handler.</summary>
    public string Post(string handler)
    {
        var here = Here();
        return here + (here.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
    }

    public string CsvUrl()
    {
        var url = site.Url($"/admin/registrations/{Item.Id}?handler=Csv");
        if (!string.IsNullOrEmpty(Status)) url += "&status=" + Uri.EscapeDataString(Status);
        if (Option is { } o) url += "&option=" + o.ToString(CultureInfo.InvariantCulture);
        return url;
    }

    public async Task<IActionResult> OnGetAsync(int eventId, CancellationToken ct)
    {
        if (TempData["Q"] is string q) Q = q;
        return await ShowAsync(eventId, ct);
    }

    public Task<IActionResult> OnPostSearchAsync(int eventId, CancellationToken ct)
    {
        PageNumber = 1;
        return ShowAsync(eventId, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        var rows = await RegistrationApi.AdminRowsAsync(db, desk, Item.Id, Status, ct, Option);
        audit.Record(User, "registrations.export", "event:" + Item.Slug, $"csv, {rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return File(RegistrationApi.Csv(rows), "text/csv; charset=utf-8", $"registrations-{Item.Slug}.csv");
    }

    public Task<IActionResult> OnPostApproveAsync(int eventId, int id, CancellationToken ct) =>
        ActAsync(eventId, id, "registration.approve", "", "已通过审核，已邮件通知报名人。", (r, http) => desk.ApproveAsync(r, http, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(int eventId, int id, string? reason, CancellationToken ct)
    {
        var note = reason?.Trim() ?? "";
        if (note.Length is 0 or > RegistrationLimits.DecisionNote) return FailAsync(eventId, $"请填写拒绝理由（不超过 {RegistrationLimits.DecisionNote} 字），理由会邮件告知报名人。");
        return ActAsync(eventId, id, "registration.reject", "", "已拒绝，理由已邮件告知报名人。",
            (r, http) => desk.EndAsync(r, RegistrationStatus.Rejected, "rejected", http, ct, note: note), ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(int eventId, int id, int target, CancellationToken ct)
    {
        var name = await db.Set<TicketOption>().AsNoTracking().Where(o => o.Id == target && o.EventId == eventId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (name is null) return await FailAsync(eventId, "目标场次不存在。");
        return await ActAsync(eventId, id, "registration.move", "to option:" + target.ToString(CultureInfo.InvariantCulture), $"已调整到“{name}”。",
            (r, http) => desk.MoveAsync(r, target, http, ct), ct);
    }

    public Task<IActionResult> OnPostCancelAsync(int eventId, int id, CancellationToken ct) =>
        ActAsync(eventId, id, "registration.cancel", "", "已取消该报名，名额已释放。", (r, http) => desk.CancelAsync(r, http, ct), ct);

    /// <summary>
    /// The audit row is added before the desk works, so it is saved in the desk's own transaction together with
    /// the change (and dropped with it when the desk refuses).
    /// </summary>
    async Task<IActionResult> ActAsync(int eventId, int id, string action, string details, string done,
        Func<Registration, HttpContext, Task<DeskResult>> act, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        var r = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.EventId == eventId, ct);
        if (r is null) return await FailAsync(eventId, "报名不存在。");
        audit.Record(User, action, "event:" + Item.Slug, $"registration:{r.Id}" + (details.Length > 0 ? ", " + details : ""));
        var result = await act(r, HttpContext);
        if (result.Outcome != Outcome.Created)
        {
            db.ChangeTracker.Clear();
            return await FailAsync(eventId, result.Message.Length > 0 ? result.Message : "操作未完成，请刷新后重试。");
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        TempData["Message"] = done;
        return Back();
    }

    Task<IActionResult> FailAsync(int eventId, string message)
    {
        TempData["Error"] = message;
        return Task.FromResult<IActionResult>(Back(eventId));
    }

    IActionResult Back(int? eventId = null)
    {
        if (!string.IsNullOrWhiteSpace(Q)) TempData["Q"] = Q;
        if (eventId is { } id && Item is null) Item = new Event { Id = id };
        return Redirect(Here());
    }

    async Task<IActionResult> ShowAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        Options = await RegistrationStatistics.OptionsAsync(db, Item.Id, ct);
        Totals = Counts.From((await RegistrationStatistics.TalliesAsync(db, [Item.Id], ct)));
        var all = await RegistrationApi.AdminRowsAsync(db, desk, Item.Id, Status, ct, Option, Q);
        Matching = all.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    async Task<bool> LoadAsync(int eventId, CancellationToken ct)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        var form = item is null ? null : await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        if (item is null || form is null) return false;
        (Item, Form) = (item, form);
        return true;
    }
}
