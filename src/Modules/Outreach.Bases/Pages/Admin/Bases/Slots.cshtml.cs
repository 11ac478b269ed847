using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>
/// Visit slots of a base and the bookings of one slot: publish a slot, approve or decline a booking (the
/// <see cref="VisitDesk"/> moves the places and mails), check a group in with the people who came.
/// </summary>
public sealed class SlotsModel(OutreachDbContext db, BaseStaffAccess access, SiteContext site, TimeProvider clock, VisitDesk desk, AuditLog audit)
    : BaseAdminPage(db, access, site)
{
    public IReadOnlyList<VisitSlot> Slots { get; private set; } = [];
    public VisitSlot? Selected { get; private set; }
    public IReadOnlyList<Visit> Visits { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int? Slot { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Starts { get; set; }
    [BindProperty] public string? Ends { get; set; }
    [BindProperty] public int Capacity { get; set; }
    [BindProperty] public int? MinGroup { get; set; }
    [BindProperty] public int? MaxGroup { get; set; }
    [BindProperty] public string? Audience { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        var (slot, errors) = SlotPlanner.Check(Date, Starts, Ends, Capacity, MinGroup, MaxGroup, string.IsNullOrEmpty(Audience) ? null : Audience);
        if (errors.Count > 0)
        {
            Errors = errors;
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            await SlotPlanner.AddAsync(Db, Base, slot!, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return Back("同时有人在添加同一天的时段，请重试。", "/slots");
        }
        audit.Record(User, "bases.slot.added", "base:" + Base.Id, $"{slot!.Date:yyyy-MM-dd} {Starts}-{Ends}");
        return Back("已添加时段。", "/slots?slot=" + slot.Id);
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, int visitId, string decision, string? note, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        var v = await Db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == visitId && x.BaseId == Base.Id, ct);
        if (v is null) return NotFound();
        if ((note ?? "").Length > BaseLimits.DecisionNote) return Back($"说明不能超过 {BaseLimits.DecisionNote} 个字。", "/slots?slot=" + v.SlotId);
        var approve = decision == "approve";
        var result = approve ? await desk.ApproveAsync(v, ct) : await desk.EndAsync(v, VisitStatus.Declined, ct, note?.Trim());
        audit.Record(User, approve ? "bases.visit.approved" : "bases.visit.declined", "base-visit:" + v.Id);
        return Back(result.Outcome == VisitOutcome.Done ? (approve ? "已确认预约，已邮件通知。" : "已婉拒预约，已邮件通知。") : result.Message, "/slots?slot=" + v.SlotId);
    }

    public async Task<IActionResult> OnPostCheckInAsync(int id, string? code, int? count, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        if (count is < 0 or > 10_000) return Back("实到人数应在 0 到 10000 之间。", "/slots?slot=" + Slot);
        var (result, v) = await desk.CheckInAsync(Base.Id, code ?? "", count, ct);
        var message = result switch
        {
            VisitDesk.CheckIn.CheckedIn => $"已入场：{v!.Organisation}，实到 {v.CheckedInCount} 人。",
            VisitDesk.CheckIn.Already => $"该团体已于 {Core.Localization.OutreachTime.Time(v!.CheckedInAt!.Value)} 入场。",
            VisitDesk.CheckIn.Unknown => "票号不存在。",
            _ => "该预约未确认或已取消，不能入场。",
        };
        return Back(message, "/slots" + (v is null ? "" : "?slot=" + v.SlotId));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var today = OpeningStatus.Today(clock.GetUtcNow());
        Slots = await Db.Set<VisitSlot>().AsNoTracking().Where(s => s.BaseId == Base.Id && s.Date >= today && s.Date <= today.AddDays(90))
            .OrderBy(s => s.StartsAt).Take(300).ToListAsync(ct);
        if (Slot is { } slotId)
        {
            Selected = await Db.Set<VisitSlot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId && s.BaseId == Base.Id, ct);
            if (Selected is not null)
                Visits = await Db.Set<Visit>().AsNoTracking().Where(v => v.SlotId == slotId && v.BaseId == Base.Id).OrderBy(v => v.CreatedAt).ToListAsync(ct);
        }
    }

    public static string When(VisitSlot s) =>
        $"{Core.Localization.OutreachTime.Date(s.StartsAt, "zh-CN")} {Core.Localization.OutreachTime.Time(s.StartsAt)}–{Core.Localization.OutreachTime.Time(s.EndsAt)}";
}
