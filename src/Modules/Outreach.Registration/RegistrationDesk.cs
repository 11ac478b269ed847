using System.Data;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Caching;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>What a registrant submitted, already trimmed by the endpoint.</summary>
public sealed record RegistrationRequest(
    int OptionId, string? Name, string? Phone, string? Email, int GroupSize, IReadOnlyDictionary<string, string[]> Answers,
    bool Consent, string? IdCard = null, bool IdCardConsent = false, string? IdempotencyKey = null, int? UserId = null);

/// <summary>
/// What the desk decided. <see cref="Outcome.Duplicate"/> carries no registration: the person already registered
/// is told by mail, never the one asking. <see cref="Outcome.KeyReused"/>: the Idempotency-Key came back with another body.
/// </summary>
public enum Outcome { Created, Replayed, Full, Closed, Invalid, Busy, NotFound, Conflict, Duplicate, KeyReused, Gone }

public sealed record DeskResult(Outcome Outcome, Registration? Registration = null, string Message = "",
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static DeskResult Invalid(Dictionary<string, string[]> errors) => new(Outcome.Invalid, Message: "报名信息有误，请检查后重新提交。", Errors: errors);
    public static readonly DeskResult Busy = new(Outcome.Busy, Message: "报名人数较多，请稍后再试。");

    public static readonly DeskResult KeyReused = new(Outcome.KeyReused,
        Message: "该 Idempotency-Key 已用于另一份不同的报名，请为新的报名使用新的 Key。");

    /// <summary>The same words whoever asks, so the answer tells nothing of the registration on file but that it exists.</summary>
    public static DeskResult Duplicate(bool hasEmail) => new(Outcome.Duplicate, Message: hasEmail
        ? "该手机号/邮箱已报名本活动，我们已将管理链接发送到报名时登记的联系方式。"
        : "该手机号/邮箱已报名本活动。报名时未登记邮箱，管理链接见报名成功后的页面或当时保存的确认信息。");
}

/// <summary>
/// Every change of a registration's seat goes through here, each in one transaction: register, cancel,
/// approve, reject, move, confirm an offer, let an offer expire, check in. Seats are counted in
/// <see cref="Quota.Taken"/> and only ever moved by a conditional UPDATE (<c>Taken + n &lt;= Capacity</c>),
/// which the database serialises: SQLite by the write lock taken at <c>BEGIN IMMEDIATE</c>, PostgreSQL by the
/// row lock of the UPDATE (the condition is re-checked on the locked row). Lock waits end in "try again".
/// </summary>
public sealed class RegistrationDesk(OutreachDbContext db, RegistrationMails mails, TimeProvider clock, IDataProtectionProvider protection,
    IOptions<RegistrationOptions> options, ILogger<RegistrationDesk> logger, SeatAvailability availability, ICacheEvictor pages)
{
    // Seats moved in the current transaction: after its commit, pages showing seats left are refreshed and the
    // quotas that gave seats back are no longer marked full.
    readonly HashSet<int> _seatsTaken = [], _seatsFreed = [];

    readonly IDataProtector _idCards = protection.CreateProtector("Outreach.Registration.IdCard.v1");

    public async Task<DeskResult> RegisterAsync(Event ev, RegistrationRequest req, HttpContext? http, CancellationToken ct)
    {
        // Most of a rush arrives after the last seat: answered from memory, except a retry with its key, which gets
        // its own registration back (one indexed read).
        if (availability.IsFull(req.OptionId) && await SoldOutAnswerAsync(ev, req, ct) is { } soldOut) return soldOut;
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == ev.Id, ct);
        if (form is null || ev.Status != ContentStatus.Published) return new(Outcome.NotFound, Message: "本活动不接受报名。");
        var option = await db.Set<TicketOption>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == req.OptionId && o.EventId == ev.Id, ct);

        var errors = new Dictionary<string, string[]>();
        if (option is null) errors["optionId"] = ["请选择场次或票种。"];
        var name = req.Name?.Trim() ?? "";
        if (NameProblem(name) is { } nameProblem) errors["name"] = [nameProblem];
        var phone = Contact.NormalisePhone(req.Phone);
        if (phone is null) errors["phone"] = ["请填写有效的 11 位手机号码，例如 13800138000。"];
        var email = "";
        if (!string.IsNullOrWhiteSpace(req.Email))
        {
            if (Contact.NormaliseEmail(req.Email) is { } e) email = e;
            else errors["email"] = ["邮箱格式不正确。"];
        }
        if (req.GroupSize < 1 || req.GroupSize > form.MaxGroupSize)
            errors["groupSize"] = [form.MaxGroupSize == 1 ? "本活动每人限报 1 位。" : $"人数应在 1 到 {form.MaxGroupSize} 之间。"];
        if (!req.Consent) errors["consent"] = ["请阅读并同意个人信息处理说明。"];
        string? idCard = null;
        if (form.RequiresIdCard)
        {
            idCard = req.IdCard?.Trim().ToUpperInvariant();
            if (!Contact.IsValidIdCard(idCard)) errors["idCard"] = ["请填写有效的 18 位居民身份证号码。"];
            if (!req.IdCardConsent) errors["idCardConsent"] = ["本活动需核验身份证，请单独同意身份证号码的处理。"];
        }
        var (answers, answerErrors) = Answers.Check(Question.Parse(form.QuestionsJson), req.Answers);
        foreach (var (k, v) in answerErrors) errors[k] = v;
        var key = req.IdempotencyKey?.Trim();
        if (key is { Length: > RegistrationLimits.IdempotencyKey }) errors["idempotencyKey"] = [$"Idempotency-Key 不能超过 {RegistrationLimits.IdempotencyKey} 个字符。"];
        else if (key is not null && !RegistrationLimits.IsSingleLine(key)) errors["idempotencyKey"] = ["Idempotency-Key 不能包含控制字符。"];
        if (errors.Count > 0) return DeskResult.Invalid(errors);
        if (string.IsNullOrEmpty(key)) key = null;

        var now = clock.GetUtcNow();
        if (form.OpensAt is { } opens && now < opens) return new(Outcome.Closed, Message: $"报名尚未开始，将于 {Core.Localization.OutreachTime.Date(opens, "zh-CN")} {Core.Localization.OutreachTime.Time(opens)} 开放。");
        if (now >= (form.ClosesAt ?? ev.StartsAt)) return new(Outcome.Closed, Message: "报名已截止。");

        var answersJson = answers.ToJsonString();
        if (answersJson.Length > RegistrationLimits.AnswersJson) return DeskResult.Invalid(new() { ["answers"] = ["回答总长度超出上限，请精简后再提交。"] });
        var hash = RequestHash(option!.Id, name, phone!, email, req.GroupSize, answersJson);
        // A retry with its key, or someone already registered with this phone or email: before any lock is taken.
        if (await EarlierAsync(ev.Id, key, hash, phone!, email, ct) is { } earlier) return await AnswerEarlierAsync(earlier, ev, http, ct);

        var registration = new Registration
        {
            SiteId = ev.SiteId, EventId = ev.Id, OptionId = option.Id, TicketCode = Tickets.NewCode(), GroupSize = req.GroupSize,
            Name = name, Phone = phone!, Email = email, AnswersJson = answersJson, ActivePhone = phone,
            ActiveEmail = email.Length > 0 ? email : null, IdempotencyKey = key, IdempotencyHash = key is null ? null : hash, UserId = req.UserId,
            CreatedAt = now, UpdatedAt = now, ConsentedAt = now,
            IdCardProtected = idCard is null ? null : _idCards.Protect(idCard), IdCardTail = idCard is null ? "" : idCard[^4..],
        };
        // Sold out and no waitlist: say so without rendering anything. A plain read, only a shortcut — the
        // conditional UPDATE below is what guarantees the seat.
        if (!form.Waitlist && await db.Set<Quota>().AsNoTracking().AnyAsync(q => q.Id == option.QuotaId && q.Taken + req.GroupSize > q.Capacity, ct))
            return Full(option, req.GroupSize);

        // The seat transaction: the conditional UPDATE, then the registration and its unrendered mail in one
        // INSERT batch (one round trip), then the commit. A concurrent request of the same person or key is
        // caught by the unique indexes, not by reads under the lock. The mail is rendered after the commit.
        var seated = form.RequiresApproval ? RegistrationStatus.Pending : RegistrationStatus.Confirmed;
        Earlier? raced;
        try
        {
            await using var tx = await BeginAsync(ct);
            if (await TakeSeatsAsync(option.QuotaId, registration.GroupSize, ct)) registration.Status = seated;
            else if (form.Waitlist) registration.Status = RegistrationStatus.Waitlisted;
            else return Full(option, req.GroupSize);

            db.Add(registration);
            mails.Defer(MailKind(registration.Status), registration, http);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            AfterCommit(ev.SiteId);
            await mails.RenderQueuedAsync(ct);
            return new(Outcome.Created, registration);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request of the same person (or with the same key) won the race; the seat went back with the rollback.
            ForgetUncommitted();
            raced = await EarlierAsync(ev.Id, key, hash, phone!, email, ct);
            if (raced is null) return new(Outcome.Conflict, Message: "提交冲突，请重试。");
        }
        catch (Exception e) when (DbErrors.IsBusy(e))
        {
            ForgetUncommitted();
            logger.LogWarning("Registration for event {EventId} gave up waiting for the seat lock", ev.Id);
            return DeskResult.Busy;
        }
        return await AnswerEarlierAsync(raced, ev, http, ct);
    }

    /// <summary>A transaction rolled back: nothing it added or marked is kept for later.</summary>
    void ForgetUncommitted()
    {
        db.ChangeTracker.Clear();
        _seatsTaken.Clear();
        _seatsFreed.Clear();
    }

    static readonly DeskResult SoldOut = new(Outcome.Full, Message: "名额已满。");

    /// <summary>Full for one person means full for everyone only when one seat was asked for; larger groups are not marked.</summary>
    DeskResult Full(TicketOption option, int groupSize)
    {
        if (groupSize == 1) availability.MarkFull(option.Id, option.QuotaId);
        return SoldOut;
    }

    /// <summary>A sold-out option's answer without a database read, or null when the request needs the full path (a key to look up).</summary>
    async Task<DeskResult?> SoldOutAnswerAsync(Event ev, RegistrationRequest req, CancellationToken ct)
    {
        var key = req.IdempotencyKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > RegistrationLimits.IdempotencyKey) return req.GroupSize == 1 ? SoldOut : null;
        var known = await db.Set<Registration>().AsNoTracking().AnyAsync(r => r.EventId == ev.Id && r.IdempotencyKey == key, ct);
        return known || req.GroupSize != 1 ? null : SoldOut; // a known key takes the normal path: replay or 422
    }

    /// <summary>After a commit that moved seats: the pages showing seats left, and this node's sold-out marks.</summary>
    void AfterCommit(int siteId)
    {
        if (_seatsTaken.Count + _seatsFreed.Count > 0) pages.EvictSoon(PageCacheTags.Site(siteId));
        foreach (var quotaId in _seatsFreed) availability.Released(quotaId);
        _seatsTaken.Clear();
        _seatsFreed.Clear();
    }

    /// <summary>A name as people type it: required, short, one line.</summary>
    static string? NameProblem(string name) =>
        name.Length is 0 or > RegistrationLimits.Name ? $"请填写姓名（不超过 {RegistrationLimits.Name} 个字）。"
        : !RegistrationLimits.IsSingleLine(name) ? "姓名不能包含换行或其他控制字符。"
        : null;

    /// <summary>
    /// SHA-256 of the request as the desk understood it (normalised phone and email, checked answers), so a
    /// retry that differs only in spacing is the same request. The ID-card number is left out: a hash of it
    /// could be reversed by trying every plausible number.
    /// </summary>
    static string RequestHash(int optionId, string name, string phone, string email, int groupSize, string answersJson)
    {
        var canonical = JsonSerializer.Serialize(new object?[] { optionId, name, phone, email, groupSize, answersJson });
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>What an earlier registration means for this request: the same request again, a reused key, or a duplicate person.</summary>
    sealed record Earlier(Outcome Outcome, Registration Registration);

    async Task<Earlier?> EarlierAsync(int eventId, string? key, string hash, string phone, string email, CancellationToken ct)
    {
        var rows = db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId);
        if (key is not null && await rows.FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct) is { } same)
            return new(same.IdempotencyHash == hash ? Outcome.Replayed : Outcome.KeyReused, same);
        var holder = await rows.Where(r => r.ActivePhone == phone || (email != "" && r.ActiveEmail == email)).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        return holder is null ? null : new(Outcome.Duplicate, holder);
    }

    /// <summary>
    /// A replay gets its own registration back (the key is the client's secret). A duplicate gets nothing of the
    /// registration on file: its manage link goes by mail to the address stored on it, at most once per
    /// <see cref="RegistrationOptions.ManageLinkMailMinutes"/>.
    /// </summary>
    async Task<DeskResult> AnswerEarlierAsync(Earlier earlier, Event ev, HttpContext? http, CancellationToken ct)
    {
        switch (earlier.Outcome)
        {
            case Outcome.Replayed: return new(Outcome.Replayed, earlier.Registration);
            case Outcome.KeyReused: return DeskResult.KeyReused;
        }
        var holder = earlier.Registration;
        if (holder.Email.Length > 0) await MailManageLinkAsync(holder, http, ct);
        return DeskResult.Duplicate(holder.Email.Length > 0);
    }

    async Task MailManageLinkAsync(Registration holder, HttpContext? http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.AddMinutes(-options.Value.ManageLinkMailMinutes);
        if (holder.ManageLinkMailedAt > since) return; // a cheap read first: no write for a flood of attempts
        try
        {
            await using var tx = await BeginAsync(ct);
            // The database decides who sends: one conditional UPDATE, so concurrent attempts send one mail.
            var claimed = await db.Set<Registration>()
                .Where(r => r.Id == holder.Id && r.AnonymisedAt == null && (r.ManageLinkMailedAt == null || r.ManageLinkMailedAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ManageLinkMailedAt, now), ct) == 1;
            if (!claimed) return;
            mails.Defer("manage-link", holder, http);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (DbErrors.IsBusy(e) || DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            logger.LogWarning("Manage-link mail for registration {Id} not queued: the database was busy", holder.Id);
            return;
        }
        await mails.RenderQueuedAsync(ct);
    }

    /// <summary>The mail a new or confirmed registration gets for its status.</summary>
    static string MailKind(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Pending => "pending",
        RegistrationStatus.Waitlisted => "waitlisted",
        _ => "confirmed",
    };

    /// <summary>
    /// SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so the write lock is taken before anything is
    /// read and waits at most the command timeout. PostgreSQL: READ COMMITTED with a lock timeout.
    /// </summary>
    async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        var seconds = options.Value.LockTimeoutSeconds;
        // SQLite waits for its lock up to the command timeout. PostgreSQL's lock_timeout must end the wait first:
        // a command timeout cuts the connection instead of giving a clean, recognisable error.
        db.Database.SetCommandTimeout(db.Database.IsNpgsql() ? seconds + 5 : seconds);
        var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        // No SAVEPOINT around SaveChanges: a failed save rolls the whole transaction back anyway, and the two
        // statements it would add are round trips while the seat row is locked.
        db.Database.AutoSavepointsEnabled = false;
        if (db.Database.IsNpgsql())
        {
            // SET LOCAL takes no parameters; set_config(…, is_local: true) is the same, parameterised.
            var timeout = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";
            await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', {timeout}, true)", ct);
        }
        return tx;
    }

    /// <summary>One conditional UPDATE: true when the seats were there and are now held.</summary>
    async Task<bool> TakeSeatsAsync(int quotaId, int seats, CancellationToken ct)
    {
        var taken = await db.Set<Quota>().Where(q => q.Id == quotaId && q.Taken + seats <= q.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Taken, q => q.Taken + seats), ct) == 1;
        if (taken) _seatsTaken.Add(quotaId);
        return taken;
    }

    async Task ReleaseSeatsAsync(int quotaId, int seats, CancellationToken ct)
    {
        await db.Set<Quota>().Where(q => q.Id == quotaId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Taken, q => q.Taken - seats), ct);
        _seatsFreed.Add(quotaId);
    }

    /// <summary>Moves a registration from one status to another only if it is still in the expected one.</summary>
    async Task<bool> TransitionAsync(Registration r, RegistrationStatus to, DateTimeOffset now, CancellationToken ct,
        DateTimeOffset? offerExpiresAt = null, string? note = null)
    {
        var from = r.Status;
        var keepContact = to is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted or RegistrationStatus.Offered;
        var changed = await db.Set<Registration>().Where(x => x.Id == r.Id && x.Status == from).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.OfferExpiresAt, offerExpiresAt);
            if (note is not null) s.SetProperty(x => x.DecisionNote, note);
            // An ended registration frees the person to register again.
            if (!keepContact) s.SetProperty(x => x.ActivePhone, (string?)null).SetProperty(x => x.ActiveEmail, (string?)null);
        }, ct) == 1;
        if (changed)
        {
            r.Status = to;
            r.OfferExpiresAt = offerExpiresAt;
            r.UpdatedAt = now;
            if (note is not null) r.DecisionNote = note;
        }
        return changed;
    }

    /// <summary>
    /// Ends a registration (cancelled by the person, rejected, or an offer expired) and passes its seat on. Its
    /// mail, and the offers the freed seat goes to, are queued unrendered and rendered after the commit.
    /// </summary>
    public async Task<DeskResult> EndAsync(Registration r, RegistrationStatus to, string mailKind, HttpContext? http, CancellationToken ct, string? note = null)
    {
        if (!r.IsActive) return new(Outcome.Conflict, r, "该报名已结束。");
        if (to == RegistrationStatus.Rejected && r.Status != RegistrationStatus.Pending) return new(Outcome.Conflict, r, "只能拒绝待审核的报名。");
        var option = await db.Set<TicketOption>().AsNoTracking().FirstAsync(o => o.Id == r.OptionId, ct);
        var now = clock.GetUtcNow();
        var held = r.HoldsSeat;
        return await InTransactionAsync(async () =>
        {
            if (!await TransitionAsync(r, to, now, ct, note: note)) return new DeskResult(Outcome.Conflict, r, "该报名刚被他人处理，请刷新。");
            if (held)
            {
                await ReleaseSeatsAsync(option.QuotaId, r.GroupSize, ct);
                await OfferNextAsync(option.QuotaId, now, http, ct);
            }
            mails.Defer(mailKind, r, http, note);
            return new DeskResult(Outcome.Created, r);
        }, ct);
    }

    public Task<DeskResult> CancelAsync(Registration r, HttpContext? http, CancellationToken ct) =>
        EndAsync(r, RegistrationStatus.Cancelled, "cancelled", http, ct);

    public async Task<DeskResult> ApproveAsync(Registration r, HttpContext? http, CancellationToken ct)
    {
        if (r.Status != RegistrationStatus.Pending) return new(Outcome.Conflict, r, "只能通过待审核的报名。");
        return await InTransactionAsync(async () =>
        {
            if (!await TransitionAsync(r, RegistrationStatus.Confirmed, clock.GetUtcNow(), ct)) return new DeskResult(Outcome.Conflict, r, "该报名刚被他人处理，请刷新。");
            mails.Defer("approved", r, http);
            return new DeskResult(Outcome.Created, r);
        }, ct);
    }

    /// <summary>The waitlisted person takes the seat held for them, if the offer still stands.</summary>
    public async Task<DeskResult> ConfirmOfferAsync(Registration r, HttpContext? http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (r.Status != RegistrationStatus.Offered || r.OfferExpiresAt <= now) return new(Outcome.Conflict, r, "该递补名额已失效。");
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == r.EventId, ct);
        if (form is null) return new(Outcome.Conflict, r, "本活动已不接受报名。");
        var to = form.RequiresApproval ? RegistrationStatus.Pending : RegistrationStatus.Confirmed;
        return await InTransactionAsync(async () =>
        {
            var changed = await db.Set<Registration>().Where(x => x.Id == r.Id && x.Status == RegistrationStatus.Offered && x.OfferExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.OfferExpiresAt, (DateTimeOffset?)null), ct) == 1;
            if (!changed) return new DeskResult(Outcome.Conflict, r, "该递补名额已失效。");
            r.Status = to;
            r.OfferExpiresAt = null;
            mails.Defer(MailKind(to), r, http);
            return new DeskResult(Outcome.Created, r);
        }, ct);
    }

    /// <summary>Moves a registration to another option of its event; its seats move too, or nothing changes.</summary>
    public async Task<DeskResult> MoveAsync(Registration r, int optionId, HttpContext? http, CancellationToken ct)
    {
        var target = await db.Set<TicketOption>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == optionId && o.EventId == r.EventId, ct);
        if (target is null) return new(Outcome.Invalid, r, "目标场次不存在。");
        if (target.Id == r.OptionId) return new(Outcome.Created, r);
        var current = await db.Set<TicketOption>().AsNoTracking().FirstAsync(o => o.Id == r.OptionId, ct);
        var now = clock.GetUtcNow();
        return await InTransactionAsync(async () =>
        {
            if (r.HoldsSeat && current.QuotaId != target.QuotaId)
            {
                if (!await TakeSeatsAsync(target.QuotaId, r.GroupSize, ct)) return new DeskResult(Outcome.Full, r, "目标场次名额已满。");
                await ReleaseSeatsAsync(current.QuotaId, r.GroupSize, ct);
                await OfferNextAsync(current.QuotaId, now, http, ct);
            }
            var status = r.Status;
            if (await db.Set<Registration>().Where(x => x.Id == r.Id && x.Status == status && x.OptionId == r.OptionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.OptionId, target.Id).SetProperty(x => x.UpdatedAt, now), ct) != 1)
                throw new ConcurrentChange();
            r.OptionId = target.Id;
            if (status == RegistrationStatus.Confirmed) mails.Defer("moved", r, http);
            return new DeskResult(Outcome.Created, r);
        }, ct);
    }

    /// <summary>Offers freed seats of a quota to the waitlist, first come first served, skipping groups that do not fit.</summary>
    async Task OfferNextAsync(int quotaId, DateTimeOffset now, HttpContext? http, CancellationToken ct)
    {
        var optionIds = await db.Set<TicketOption>().AsNoTracking().Where(o => o.QuotaId == quotaId).Select(o => o.Id).ToListAsync(ct);
        var waiting = await db.Set<Registration>().AsNoTracking()
            .Where(r => optionIds.Contains(r.OptionId) && r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Id).Take(50).ToListAsync(ct);
        if (waiting.Count == 0) return;
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstAsync(f => f.EventId == waiting[0].EventId, ct);
        foreach (var next in waiting)
        {
            if (!await TakeSeatsAsync(quotaId, next.GroupSize, ct)) continue;
            if (!await TransitionAsync(next, RegistrationStatus.Offered, now, ct, now.AddHours(form.OfferHours)))
            {
                await ReleaseSeatsAsync(quotaId, next.GroupSize, ct);
                continue;
            }
            mails.Defer("offer", next, http);
        }
    }

    /// <summary>Offers whose time ran out pass on to the next person (the waitlist job, per site).</summary>
    public async Task<int> ExpireOffersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<Registration>().AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresAt <= now).OrderBy(r => r.Id).Take(200).ToListAsync(ct);
        var expired = 0;
        foreach (var r in due)
            if ((await EndAsync(r, RegistrationStatus.Expired, "expired", null, ct)).Outcome == Outcome.Created) expired++;
        return expired;
    }

    public enum CheckInResult { CheckedIn, AlreadyCheckedIn, NotValid, Unknown }

    /// <summary>The first scan marks attendance (one conditional UPDATE); later scans report when it happened.</summary>
    public async Task<(CheckInResult Result, Registration? Registration)> CheckInAsync(int eventId, string typedCode, int? count, CancellationToken ct)
    {
        var code = Tickets.Normalise(typedCode);
        var r = code.Length == 0 ? null : await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(x => x.EventId == eventId && x.TicketCode == code, ct);
        if (r is null) return (CheckInResult.Unknown, null);
        if (r.Status != RegistrationStatus.Confirmed) return (CheckInResult.NotValid, r);
        var arrived = Math.Clamp(count ?? r.GroupSize, 1, r.GroupSize);
        var now = clock.GetUtcNow();
        var marked = await db.Set<Registration>().Where(x => x.Id == r.Id && x.Status == RegistrationStatus.Confirmed && x.CheckedInAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CheckedInAt, now).SetProperty(x => x.CheckedInCount, arrived).SetProperty(x => x.NoShow, false), ct) == 1;
        if (!marked) return (CheckInResult.AlreadyCheckedIn, await db.Set<Registration>().AsNoTracking().FirstAsync(x => x.Id == r.Id, ct));
        r.CheckedInAt = now;
        r.CheckedInCount = arrived;
        return (CheckInResult.CheckedIn, r);
    }

    /// <summary>Changes the answers (and name) of an active registration; seats are untouched.</summary>
    public async Task<DeskResult> ChangeAnswersAsync(Registration r, string? name, IReadOnlyDictionary<string, string[]> given, CancellationToken ct)
    {
        if (!r.IsActive) return new(Outcome.Conflict, r, "该报名已结束，不能修改。");
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == r.EventId, ct);
        if (form is null) return new(Outcome.Conflict, r, "本活动已不接受报名，不能修改。");
        var (answers, errors) = Answers.Check(Question.Parse(form.QuestionsJson), given);
        var trimmed = name?.Trim() ?? r.Name;
        if (NameProblem(trimmed) is { } problem) errors["name"] = [problem];
        var json = answers.ToJsonString();
        if (json.Length > RegistrationLimits.AnswersJson) errors["answers"] = ["回答总长度超出上限，请精简后再提交。"];
        if (errors.Count > 0) return DeskResult.Invalid(errors);
        await db.Set<Registration>().Where(x => x.Id == r.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.AnswersJson, json).SetProperty(x => x.Name, trimmed).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
        r.AnswersJson = json;
        r.Name = trimmed;
        return new(Outcome.Created, r);
    }

    /// <summary>
    /// Blanks a registration's personal data (on request, or by the retention job); status, option, group
    /// size and attendance stay, so the statistics survive.
    /// </summary>
    public async Task AnonymiseAsync(IQueryable<Registration> rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = (await rows.Select(x => new { x.Id, x.Key }).ToListAsync(ct)).Select(x => (x.Id, x.Key)).ToList();
        await rows.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Name, "")
            .SetProperty(x => x.Phone, "")
            .SetProperty(x => x.Email, "")
            .SetProperty(x => x.AnswersJson, "{}")
            .SetProperty(x => x.IdCardProtected, (string?)null)
            .SetProperty(x => x.IdCardTail, "")
            .SetProperty(x => x.ActivePhone, (string?)null)
            .SetProperty(x => x.ActiveEmail, (string?)null)
            .SetProperty(x => x.IdempotencyKey, (string?)null)
            .SetProperty(x => x.IdempotencyHash, (string?)null)
            .SetProperty(x => x.ManageLinkMailedAt, (DateTimeOffset?)null)
            .SetProperty(x => x.UserId, (int?)null)
            .SetProperty(x => x.AnonymisedAt, now), ct);
        // Their mails (queued, sent or failed) and pickup files carry the same data: they go too.
        await mails.ForgetAsync(ids, ct);
    }

    /// <summary>The person deletes their data: an active registration is cancelled first (its seat passes on).</summary>
    public async Task DeleteAsync(Registration r, HttpContext? http, CancellationToken ct)
    {
        var eventDeleted = await db.Set<Event>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).AnyAsync(e => e.Id == r.EventId && e.DeletedAt != null, ct);
        // A deleted event's registration ends quietly: no mail about an event that is gone, no offers to its waitlist.
        if (r.IsActive && eventDeleted) await TransitionAsync(r, RegistrationStatus.Cancelled, clock.GetUtcNow(), ct);
        else if (r.IsActive) await CancelAsync(r, http, ct);
        await AnonymiseAsync(db.Set<Registration>().Where(x => x.Id == r.Id), ct);
    }

    sealed class ConcurrentChange : Exception;

    async Task<DeskResult> InTransactionAsync(Func<Task<DeskResult>> work, CancellationToken ct)
    {
        try
        {
            await using var tx = await BeginAsync(ct);
            var result = await work();
            if (result.Outcome != Outcome.Created) { ForgetUncommitted(); return result; } // rolled back by dispose
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (result.Registration is { } r) AfterCommit(r.SiteId);
            await mails.RenderQueuedAsync(ct);
            return result;
        }
        catch (ConcurrentChange)
        {
            ForgetUncommitted();
            return new(Outcome.Conflict, Message: "该报名刚被他人处理，请刷新。");
        }
        catch (Exception e) when (DbErrors.IsBusy(e))
        {
            ForgetUncommitted();
            return DeskResult.Busy;
        }
    }
}
