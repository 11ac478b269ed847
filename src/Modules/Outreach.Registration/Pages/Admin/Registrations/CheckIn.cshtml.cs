using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// The door: staff type or scan a ticket code; the first scan checks in (a group checks in a count), a second
/// says when it happened. Live counts per option come from <c>?handler=Counts</c>, polled by checkin.js. Staff
/// with check-in only see names and masked phones.
/// </summary>
[SitePermission(RegistrationPermissions.CheckIn)]
public sealed class CheckInModel(OutreachDbContext db, RegistrationDesk desk, SiteContext site, SiteAuthorization auth, TimeProvider clock) : PageModel
{
    /// <summary>What the last code gave: ok (green), again (orange) or bad (red).</summary>
    public sealed record Answer(string Kind, string Headline, string Detail);

    public sealed record SlotCount(int Id, string Name, string Time, int CheckedIn, int Confirmed);

    public Event Item { get; private set; } = null!;
    public List<SlotCount> Slots { get; private set; } = [];
    public Answer? Result { get; private set; }
    public bool Scanned { get; private set; }
    public bool CanManage { get; private set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public int? Count { get; set; }

    /// <summary>Set by the script when the code came from the camera, so the camera opens again for the next person.</summary>
    [BindProperty] public string? Scan { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        Slots = await SlotsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        Scanned = Scan == "1";
        if (string.IsNullOrWhiteSpace(Code)) Result = new Answer("bad", "请输入票号", "");
        else if (Count is < 1 or > 500) Result = new Answer("bad", "到场人数应为 1 到 500 之间的整数", "");
        else
        {
            var (outcome, r) = await desk.CheckInAsync(Item.Id, Code, Count, ct);
            Result = await DescribeAsync(outcome, r, ct);
        }
        Code = null;
        Count = null;
        ModelState.Clear(); // the next code starts from an empty box
        Slots = await SlotsAsync(ct);
        return Page();
    }

    /// <summary>Counts per option for the polling script; no personal data.</summary>
    public async Task<IActionResult> OnGetCountsAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        var slots = await SlotsAsync(ct);
        return new JsonResult(new
        {
            slots = slots.Select(s => new { s.Id, s.CheckedIn, s.Confirmed }),
            checkedIn = slots.Sum(s => s.CheckedIn),
            confirmed = slots.Sum(s => s.Confirmed),
        });
    }

    async Task<Answer> DescribeAsync(RegistrationDesk.CheckInResult outcome, Registration? r, CancellationToken ct)
    {
        if (outcome == RegistrationDesk.CheckInResult.Unknown || r is null) return new Answer("bad", "票号不存在或不属于本活动", "请核对票号，或请观众出示报名成功的邮件。");
        var option = await db.Set<TicketOption>().AsNoTracking().Where(o => o.Id == r.OptionId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var name = r.AnonymisedAt is not null ? "（已匿名）" : r.Name;
        var phone = CanManage ? r.Phone : Contact.MaskPhone(r.Phone);
        var detail = string.Join(" · ", new[] { option, phone, "票号 " + r.TicketCode }.Where(s => s.Length > 0));
        return outcome switch
        {
            RegistrationDesk.CheckInResult.CheckedIn => new Answer("ok", $"签到成功 · {name} · {r.CheckedInCount} 人", detail),
            RegistrationDesk.CheckInResult.AlreadyCheckedIn => new Answer("again", $"已于 {When(r.CheckedInAt!.Value)} 签到",
                $"{name} · {r.CheckedInCount} 人 · {detail}"),
            _ => new Answer("bad", $"不能签到：{RegistrationStatuses.Chinese(r.Status)}", $"{name} · {detail}"),
        };
    }

    /// <summary>Beijing time; the date too when it was not today.</summary>
    string When(DateTimeOffset at) =>
        OutreachTime.ToBeijing(at).Date == OutreachTime.ToBeijing(clock.GetUtcNow()).Date
            ? OutreachTime.Time(at)
            : OutreachTime.Date(at, "zh-CN") + " " + OutreachTime.Time(at);

    async Task<List<SlotCount>> SlotsAsync(CancellationToken ct) =>
        (await RegistrationStatistics.OptionsAsync(db, Item.Id, ct)).Select(o => new SlotCount(o.Option.Id, o.Option.Name,
            o.Option.StartsAt is { } s && !o.Option.Name.Contains(OutreachTime.Time(s), StringComparison.Ordinal) ? OutreachTime.Time(s) + (o.Option.EndsAt is { } e ? "–" + OutreachTime.Time(e) : "") : "",
            o.Counts.CheckedInPeople, o.Counts.ConfirmedPeople)).ToList();

    async Task<bool> LoadAsync(int eventId, CancellationToken ct)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (item is null || !await db.Set<RegistrationForm>().AnyAsync(f => f.EventId == eventId, ct)) return false;
        Item = item;
        CanManage = await auth.HasAsync(User, RegistrationPermissions.Manage, ct);
        return true;
    }
}
