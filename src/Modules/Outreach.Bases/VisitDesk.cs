using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Registration;

namespace Outreach.Bases;

/// <summary>What a teacher or organiser submitted for a group visit.</summary>
public sealed record VisitRequest(int SlotId, string? Organisation, string? Contact, string? Mobile, string? Email, int GroupSize,
    string? Ages, int Adults, string? SpecialNeeds, bool Consent, int? UserId = null);

public enum VisitOutcome { Done, Invalid, Full, NotFound, Conflict, Busy, Closed }

public sealed record VisitResult(VisitOutcome Outcome, Visit? Visit = null, string Message = "", IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly VisitResult Busy = new(VisitOutcome.Busy, Message: "预约人数较多，请稍后再试。");
}

/// <summary>
/// Every change of a visit's seats, each in one transaction, on the registration engine's terms: people are
/// counted in <see cref="VisitSlot.Taken"/> and, when the base caps the day, <see cref="VisitDay.Taken"/>, and
/// both only move by a conditional UPDATE (<c>Taken + n &lt;= Capacity</c>) that the database serialises
/// (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL: the row lock, the condition re-checked on the locked
/// row). Slot before day, always in this order, so two bookings never wait on each other in a circle.
/// </summary>
public sealed class VisitDesk(OutreachDbContext db, VisitMails mails, TimeProvider clock, IOptions<RegistrationOptions> options, ILogger<VisitDesk> logger)
{
    public const string ConsentText = "我同意基地为办理本次团体参观预约、入场核验和通知而处理我填写的联系人姓名、手机号码、邮箱和团体信息；信息仅用于本次参观，参观结束后按网站留存期限匿名化。";

    public async Task<VisitResult> BookAsync(Base b, VisitRequest req, CancellationToken ct)
    {
        var slot = await db.Set<VisitSlot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == req.SlotId && s.BaseId == b.Id, ct);
        var errors = new Dictionary<string, string[]>();
        if (slot is null) errors["slotId"] = ["请选择参观时段。"];
        var organisation = Line(req.Organisation, "organisation", "学校或单位名称", BaseLimits.Organisation, true, errors);
        var contact = Line(req.Contact, "contact", "联系人姓名", BaseLimits.Contact, true, errors);
        var mobile = Contact.NormalisePhone(req.Mobile);
        if (mobile is null) errors["mobile"] = ["请填写有效的 11 位手机号码，例如 13800138000。"];
        var email = "";
        if (!string.IsNullOrWhiteSpace(req.Email))
        {
            if (req.Email.Length <= BaseLimits.Email && Contact.NormaliseEmail(req.Email) is { } e) email = e;
            else errors["email"] = ["邮箱格式不正确。"];
        }
        if (slot is not null && (req.GroupSize < slot.MinGroup || req.GroupSize > slot.MaxGroup))
            errors["groupSize"] = [$"该时段每团 {slot.MinGroup} 到 {slot.MaxGroup} 人。"];
        var ages = Line(req.Ages, "ages", "年龄段", BaseLimits.Ages, false, errors);
        if (req.Adults < 0 || req.Adults > 100) errors["adults"] = ["带队成人数应在 0 到 100 之间。"];
        var needs = req.SpecialNeeds?.Trim() ?? "";
        if (needs.Length > BaseLimits.SpecialNeeds) errors["specialNeeds"] = [$"特殊需要不能超过 {BaseLimits.SpecialNeeds} 个字。"];
        if (!req.Consent) errors["consent"] = ["请阅读并同意个人信息处理说明。"];
        if (errors.Count > 0) return new(VisitOutcome.Invalid, Message: "预约信息有误，请检查后重新提交。", Errors: errors);

        var now = clock.GetUtcNow();
        if (slot!.StartsAt <= now) return new(VisitOutcome.Closed, Message: "该时段已开始或已结束，请选择其他时段。");
        if (slot.Taken + req.GroupSize > slot.Capacity) return new(VisitOutcome.Full, Message: "该时段名额不足。");

        var visit = new Visit
        {
            SiteId = b.SiteId, BaseId = b.Id, SlotId = slot.Id, TicketCode = Tickets.NewCode(), Organisation = organisation, Contact = contact,
            Mobile = mobile!, Email = email, GroupSize = req.GroupSize, Ages = ages, Adults = req.Adults, SpecialNeeds = needs, UserId = req.UserId,
            CreatedAt = now, UpdatedAt = now, ConsentedAt = now, Status = b.AutoConfirm ? VisitStatus.Confirmed : VisitStatus.Pending,
        };
        var mail = await mails.PrepareAsync(b.AutoConfirm ? "confirmed" : "received", visit, b, slot);
        try
        {
            await using var tx = await BeginAsync(ct);
            if (!await TakeAsync(slot, req.GroupSize, b.DailyCapacity is not null, ct))
                return new(VisitOutcome.Full, Message: "该时段或当日名额不足，请选择其他时段。");
            db.Add(visit);
            var queued = mail is null ? null : mails.Enqueue(mail);
            await db.SaveChangesAsync(ct);
            if (queued is not null)
            {
                queued.Reference = VisitMails.Reference(visit); // the id exists only now; deleting the data deletes the mail
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            return new(VisitOutcome.Done, visit);
        }
        catch (Exception e) when (DbErrors.IsBusy(e))
        {
            db.ChangeTracker.Clear();
            logger.LogWarning("Visit booking for base {BaseId} gave up waiting for the seat lock", b.Id);
            return VisitResult.Busy;
        }
    }

    static string Line(string? value, string field, string label, int max, bool required, Dictionary<string, string[]> errors)
    {
        var s = value?.Trim() ?? "";
        if (required && s.Length == 0) errors[field] = [$"请填写{label}。"];
        else if (s.Length > max) errors[field] = [$"{label}不能超过 {max} 个字。"];
        else if (s.Any(char.IsControl)) errors[field] = [$"{label}不能包含换行或其他控制字符。"];
        return s;
    }

    /// <summary>Slot, then day (when the base caps the day): each one conditional UPDATE; false leaves the caller to roll back.</summary>
    async Task<bool> TakeAsync(VisitSlot slot, int people, bool daily, CancellationToken ct)
    {
        if (await db.Set<VisitSlot>().Where(s => s.Id == slot.Id && s.Taken + people <= s.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + people), ct) != 1) return false;
        if (!daily) return true;
        return await db.Set<VisitDay>().Where(d => d.BaseId == slot.BaseId && d.Date == slot.Date && d.Taken + people <= d.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + people), ct) == 1;
    }

    async Task ReleaseAsync(VisitSlot slot, int people, bool daily, CancellationToken ct)
    {
        await db.Set<VisitSlot>().Where(s => s.Id == slot.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - people), ct);
        if (daily)
            await db.Set<VisitDay>().Where(d => d.BaseId == slot.BaseId && d.Date == slot.Date)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - people), ct);
    }

    /// <summary>Ends a visit (cancelled by the booker, declined by the base) and frees its people.</summary>
    public async Task<VisitResult> EndAsync(Visit v, VisitStatus to, CancellationToken ct, string? note = null)
    {
        if (!v.HoldsSeats) return new(VisitOutcome.Conflict, v, "该预约已结束。");
        if (to == VisitStatus.Declined && v.Status != VisitStatus.Pending) return new(VisitOutcome.Conflict, v, "只能婉拒待确认的预约。");
        var (b, slot) = await ContextAsync(v, ct);
        var from = v.Status;
        var ended = new Visit { Id = v.Id, Key = v.Key, Email = v.Email, Contact = v.Contact, Organisation = v.Organisation, GroupSize = v.GroupSize, TicketCode = v.TicketCode, Status = to };
        var mail = await mails.PrepareAsync(to == VisitStatus.Declined ? "declined" : "cancelled", ended, b, slot, note);
        return await InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            if (await db.Set<Visit>().Where(x => x.Id == v.Id && x.Status == from).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.DecisionNote, note ?? ""), ct) != 1)
                return new(VisitOutcome.Conflict, v, "该预约刚被他人处理，请刷新。");
            await ReleaseAsync(slot, v.GroupSize, b.DailyCapacity is not null, ct);
            if (mail is not null) mails.Enqueue(mail);
            v.Status = to;
            return new(VisitOutcome.Done, v);
        }, ct);
    }

    /// <summary>The base's staff confirm a pending visit: the ticket goes out.</summary>
    public async Task<VisitResult> ApproveAsync(Visit v, CancellationToken ct)
    {
        if (v.Status != VisitStatus.Pending) return new(VisitOutcome.Conflict, v, "只能确认待确认的预约。");
        var (b, slot) = await ContextAsync(v, ct);
        v.Status = VisitStatus.Confirmed;
        var mail = await mails.PrepareAsync("confirmed", v, b, slot);
        v.Status = VisitStatus.Pending;
        return await InTransactionAsync(async () =>
        {
            if (await db.Set<Visit>().Where(x => x.Id == v.Id && x.Status == VisitStatus.Pending).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Status, VisitStatus.Confirmed).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct) != 1)
                return new(VisitOutcome.Conflict, v, "该预约刚被他人处理，请刷新。");
            if (mail is not null) mails.Enqueue(mail);
            v.Status = VisitStatus.Confirmed;
            return new(VisitOutcome.Done, v);
        }, ct);
    }

    /// <summary>The booker moves the visit to another slot of the same base: the new people are taken before the old are freed.</summary>
    public async Task<VisitResult> ChangeSlotAsync(Visit v, int slotId, CancellationToken ct)
    {
        if (!v.HoldsSeats) return new(VisitOutcome.Conflict, v, "该预约已结束，不能修改。");
        var (b, current) = await ContextAsync(v, ct);
        var target = await db.Set<VisitSlot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId && s.BaseId == v.BaseId, ct);
        if (target is null) return new(VisitOutcome.Invalid, v, "请选择参观时段。", new Dictionary<string, string[]> { ["slotId"] = ["请选择本基地的参观时段。"] });
        if (target.Id == current.Id) return new(VisitOutcome.Done, v);
        if (target.StartsAt <= clock.GetUtcNow()) return new(VisitOutcome.Closed, v, "该时段已开始或已结束，请选择其他时段。");
        if (v.GroupSize < target.MinGroup || v.GroupSize > target.MaxGroup)
            return new(VisitOutcome.Invalid, v, "人数不符合该时段要求。", new Dictionary<string, string[]> { ["groupSize"] = [$"该时段每团 {target.MinGroup} 到 {target.MaxGroup} 人。"] });
        var mail = await mails.PrepareAsync("changed", v, b, target);
        var status = v.Status;
        return await InTransactionAsync(async () =>
        {
            if (!await TakeAsync(target, v.GroupSize, b.DailyCapacity is not null, ct)) return new(VisitOutcome.Full, v, "目标时段名额不足。");
            if (await db.Set<Visit>().Where(x => x.Id == v.Id && x.Status == status && x.SlotId == current.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.SlotId, target.Id).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct) != 1)
                return new(VisitOutcome.Conflict, v, "该预约刚被他人处理，请刷新。");
            await ReleaseAsync(current, v.GroupSize, b.DailyCapacity is not null, ct);
            if (mail is not null) mails.Enqueue(mail);
            v.SlotId = target.Id;
            return new(VisitOutcome.Done, v);
        }, ct);
    }

    public enum CheckIn { CheckedIn, Already, NotValid, Unknown }

    /// <summary>The first scan counts the people who arrived (one conditional UPDATE); later scans say when.</summary>
    public async Task<(CheckIn Result, Visit? Visit)> CheckInAsync(int baseId, string typed, int? count, CancellationToken ct)
    {
        var code = Tickets.Normalise(typed);
        var v = code.Length == 0 ? null : await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(x => x.BaseId == baseId && x.TicketCode == code, ct);
        if (v is null) return (CheckIn.Unknown, null);
        if (v.Status != VisitStatus.Confirmed) return (CheckIn.NotValid, v);
        var arrived = Math.Clamp(count ?? v.GroupSize + v.Adults, 1, v.GroupSize + v.Adults);
        var now = clock.GetUtcNow();
        var marked = await db.Set<Visit>().Where(x => x.Id == v.Id && x.Status == VisitStatus.Confirmed && x.CheckedInAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CheckedInAt, now).SetProperty(x => x.CheckedInCount, arrived), ct) == 1;
        if (!marked) return (CheckIn.Already, await db.Set<Visit>().AsNoTracking().FirstAsync(x => x.Id == v.Id, ct));
        v.CheckedInAt = now;
        v.CheckedInCount = arrived;
        return (CheckIn.CheckedIn, v);
    }

    async Task<(Base Base, VisitSlot Slot)> ContextAsync(Visit v, CancellationToken ct) =>
        (await db.Set<Base>().AsNoTracking().FirstAsync(x => x.Id == v.BaseId, ct),
         await db.Set<VisitSlot>().AsNoTracking().FirstAsync(s => s.Id == v.SlotId, ct));

    /// <summary>As the registration desk: SQLite BEGIN IMMEDIATE; PostgreSQL READ COMMITTED with a lock timeout.</summary>
    async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        var seconds = options.Value.LockTimeoutSeconds;
        db.Database.SetCommandTimeout(db.Database.IsNpgsql() ? seconds + 5 : seconds);
        var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (db.Database.IsNpgsql())
        {
            var timeout = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";
            await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', {timeout}, true)", ct);
        }
        return tx;
    }

    async Task<VisitResult> InTransactionAsync(Func<Task<VisitResult>> work, CancellationToken ct)
    {
        try
        {
            await using var tx = await BeginAsync(ct);
            var result = await work();
            if (result.Outcome != VisitOutcome.Done) return result; // rolled back by dispose
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (Exception e) when (DbErrors.IsBusy(e))
        {
            db.ChangeTracker.Clear();
            return VisitResult.Busy;
        }
    }
}
