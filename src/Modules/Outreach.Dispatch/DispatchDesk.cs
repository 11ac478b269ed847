using System.Data;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Accounts;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

public enum DeskOutcome { Done, NotFound, Conflict, Invalid }

/// <summary>The answer of a desk action: what happened, and for a refusal a zh-CN message naming the field.</summary>
public sealed record DeskResult(DeskOutcome Outcome, string Message = "", string Field = "", object? Value = null)
{
    public static readonly DeskResult Done = new(DeskOutcome.Done);
    public static DeskResult NotFound(string message) => new(DeskOutcome.NotFound, message);
    public static DeskResult Conflict(string message, string field = "") => new(DeskOutcome.Conflict, message, field);
    public static DeskResult Invalid(string field, string message) => new(DeskOutcome.Invalid, message, field);
}

/// <summary>
/// The loop after the order: 派单 (dispatch), 接单 (accept/decline), the report, the office's confirmation that
/// records service hours, the requester's rating, corrections, and the escalation of unanswered offers. Every
/// state change is one conditional UPDATE on the expected state, so a double click, a second node or the
/// escalation job racing a lecturer changes a row once.
/// </summary>
public sealed class DispatchDesk(OutreachDbContext db, SiteContext site, IMailOutbox outbox, ISmsSender sms, ILecturerRoster roster,
    TrackTokens tokens, SiteLinks links, AuditLog audit, TimeProvider clock, IOptions<DispatchOptions> options, ILogger<DispatchDesk> logger,
    IServiceProvider services)
{
    static readonly DispatchStatus[] Holding = [DispatchStatus.Accepted, DispatchStatus.Reported, DispatchStatus.Confirmed];

    public async Task<DeskResult> DispatchAsync(int requestId, int lecturerId, DateTimeOffset startsAt, ClaimsPrincipal dispatcher, CancellationToken ct)
    {
        var r = await db.Set<LectureRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == requestId && x.AnonymisedAt == null, ct);
        if (r is null) return DeskResult.NotFound("讲座需求不存在。");
        if (r.ContactConfirmedAt is null) return DeskResult.Conflict("联系人尚未确认验证码，不能派单。", "id");
        if (r.Status != RequestStatus.Submitted) return DeskResult.Conflict("该需求已派单或已结束，不在派单队列中。", "id");
        var lecturer = await roster.FindAsync(lecturerId, ct);
        if (lecturer is null) return DeskResult.Invalid("lecturerId", "讲师不存在或未在本站开放接单。");
        var now = clock.GetUtcNow();
        if (startsAt <= now) return DeskResult.Invalid("startsAt", "讲座时间必须晚于当前时间。");
        var d = new LectureDispatch
        {
            SiteId = site.Required.Id, RequestId = r.Id, LecturerId = lecturer.Id, LecturerUserId = lecturer.UserId, LecturerName = lecturer.Name,
            StartsAt = startsAt, EndsAt = startsAt.AddMinutes(r.DurationMinutes), Status = DispatchStatus.Offered, OfferedAt = now,
            AnswerDueAt = now.AddHours(options.Value.AnswerHours),
        };
        await using var tx = await BeginAsync(ct);
        if (await db.Set<LectureRequest>().Where(x => x.Id == r.Id && x.Status == RequestStatus.Submitted)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Dispatched).SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.FirstDispatchedAt, x => x.FirstDispatchedAt ?? now), ct) != 1)
            return DeskResult.Conflict("该需求刚被其他人派单。", "id");
        db.Add(d);
        var email = lecturer.UserId is { } uid ? await db.Set<OutreachUser>().Where(u => u.Id == uid).Select(u => u.Email).FirstOrDefaultAsync(ct) : null;
        if (!string.IsNullOrEmpty(email))
            outbox.Enqueue(DispatchMails.Dispatched(site.Required, email, lecturer.Name, r, d, links.Absolute(site.Required, "/my#dispatches")) with { Reference = "lecture-dispatch:" + r.Id });
        audit.Record(dispatcher, "dispatch.dispatch", "lecture-request:" + r.Id, "lecturer:" + lecturer.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return DeskResult.Done with { Value = d };
    }

    /// <summary>
    /// 接单. The schedule row of the lecturer's account is locked first (an UPDATE), then the offer turns into an
    /// acceptance only if no other held lecture of the same person overlaps it — on any site, since one account may
    /// lecture for several — in one conditional UPDATE with NOT EXISTS. Under the lock PostgreSQL's READ COMMITTED sees
    /// the other transaction's committed acceptance; SQLite serialises writers anyway.
    /// </summary>
    public async Task<DeskResult> AcceptAsync(int dispatchId, int userId, CancellationToken ct)
    {
        var d = await MineAsync(dispatchId, userId, ct);
        if (d is null) return DeskResult.NotFound("派单不存在。");
        if (d.Status != DispatchStatus.Offered) return DeskResult.Conflict("该派单已处理或已超时退回。", "id");
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"DispatchLecturerSchedules\" (\"UserId\", \"Accepts\") VALUES ({userId}, 0) ON CONFLICT DO NOTHING", ct);
        await using var tx = await BeginAsync(ct);
        await db.Set<LecturerSchedule>().Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Accepts, x => x.Accepts + 1), ct);
        var (lecturerId, starts, ends) = (d.LecturerId, d.StartsAt, d.EndsAt);
        // Crossing sites on purpose: the person's lectures elsewhere block this time too.
        var everySite = db.Set<LectureDispatch>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        var accepted = await db.Set<LectureDispatch>()
            .Where(x => x.Id == d.Id && x.Status == DispatchStatus.Offered && x.AnswerDueAt > now
                && !everySite.Any(o => (o.LecturerUserId == userId || o.LecturerId == lecturerId) && o.Id != d.Id && Holding.Contains(o.Status)
                    && o.StartsAt < ends && o.EndsAt > starts))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DispatchStatus.Accepted).SetProperty(x => x.AnsweredAt, now), ct);
        if (accepted != 1)
        {
            await tx.RollbackAsync(ct);
            var current = await db.Set<LectureDispatch>().AsNoTracking().FirstAsync(x => x.Id == d.Id, ct);
            return current.Status == DispatchStatus.Offered && current.AnswerDueAt > now
                ? DeskResult.Conflict("您在这个时间已接了另一场讲座，时间冲突，不能重复接单。", "startsAt")
                : DeskResult.Conflict("该派单已处理或已超时退回。", "id");
        }
        await db.Set<LectureRequest>().Where(x => x.Id == d.RequestId && x.Status == RequestStatus.Dispatched)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Accepted).SetProperty(x => x.UpdatedAt, now), ct);
        var r = await db.Set<LectureRequest>().AsNoTracking().FirstAsync(x => x.Id == d.RequestId, ct);
        var track = links.Absolute(site.Required, "/lecture-requests/track/" + tokens.For(r, TrackTokens.Track));
        if (r.ContactEmail.Length > 0) outbox.Enqueue(DispatchMails.Accepted(site.Required, r, d, track) with { Reference = DispatchMails.Reference(r) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (r.ContactEmail.Length == 0 && r.ContactPhone.Length > 0)
            await sms.SendAsync(r.ContactPhone, $"【{site.Required.DisplayNameZh}】您预约的讲座“{r.Topic}”已安排：{d.LecturerName}讲师，{DispatchMails.When(d.StartsAt)}。", ct);
        return DeskResult.Done;
    }

    public async Task<DeskResult> DeclineAsync(int dispatchId, int userId, string? reason, CancellationToken ct)
    {
        var text = (reason ?? "").Trim();
        if (text.Length == 0) return DeskResult.Invalid("reason", "请填写婉拒的原因。");
        if (text.Length > DispatchLimits.Reason) return DeskResult.Invalid("reason", $"原因不能超过 {DispatchLimits.Reason} 个字。");
        var d = await MineAsync(dispatchId, userId, ct);
        if (d is null) return DeskResult.NotFound("派单不存在。");
        var now = clock.GetUtcNow();
        await using var tx = await BeginAsync(ct);
        if (await db.Set<LectureDispatch>().Where(x => x.Id == d.Id && x.Status == DispatchStatus.Offered)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DispatchStatus.Declined).SetProperty(x => x.AnsweredAt, now).SetProperty(x => x.DeclineReason, text), ct) != 1)
            return DeskResult.Conflict("该派单已处理或已超时退回。", "id");
        await Requeue(d.RequestId, now, ct);
        await tx.CommitAsync(ct);
        return DeskResult.Done;
    }

    public async Task<DeskResult> ReportAsync(int dispatchId, int userId, int? audience, int? minutes, string? notes, IReadOnlyList<int>? photoIds, CancellationToken ct)
    {
        if (audience is not (>= 0 and <= DispatchLimits.MaxAudience)) return DeskResult.Invalid("actualAudience", "请填写实际听众人数。");
        if (minutes is not (>= DispatchLimits.MinMinutes and <= DispatchLimits.MaxMinutes)) return DeskResult.Invalid("durationMinutes", "讲座时长应在 15 分钟到 8 小时之间。");
        var text = (notes ?? "").Trim();
        if (text.Length > DispatchLimits.Notes) return DeskResult.Invalid("notes", $"备注不能超过 {DispatchLimits.Notes} 个字。");
        var photos = (photoIds ?? []).Distinct().ToList();
        if (photos.Count > DispatchLimits.MaxPhotos) return DeskResult.Invalid("photoIds", $"最多 {DispatchLimits.MaxPhotos} 张照片。");
        var d = await MineAsync(dispatchId, userId, ct);
        if (d is null) return DeskResult.NotFound("派单不存在。");
        if (await ForeignPhotoAsync(photos, userId, ct) is { } foreign)
            return DeskResult.Invalid("photoIds", $"照片 {foreign} 不是您在本站媒体库上传的图片，请先上传照片再提交报告。");
        var now = clock.GetUtcNow();
        if (d.Status == DispatchStatus.Accepted && now < d.StartsAt) return DeskResult.Conflict("讲座尚未开始，结束后再提交报告。", "id");
        await using var tx = await BeginAsync(ct);
        if (await db.Set<LectureDispatch>().Where(x => x.Id == d.Id && x.Status == DispatchStatus.Accepted)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DispatchStatus.Reported).SetProperty(x => x.ReportedAt, now)
                    .SetProperty(x => x.ActualAudience, audience).SetProperty(x => x.ActualMinutes, minutes).SetProperty(x => x.ReportNotes, text), ct) != 1)
            return DeskResult.Conflict("只有已接单的讲座可以提交报告（报告只能提交一次）。", "id");
        var tracked = await db.Set<LectureDispatch>().FirstAsync(x => x.Id == d.Id, ct);
        tracked.PhotoIds = photos;
        await db.Set<LectureRequest>().Where(x => x.Id == d.RequestId && x.Status == RequestStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Reported).SetProperty(x => x.UpdatedAt, now), ct);
        var r = await db.Set<LectureRequest>().AsNoTracking().FirstAsync(x => x.Id == d.RequestId, ct);
        var rate = links.Absolute(site.Required, "/lecture-requests/rate/" + tokens.For(r, TrackTokens.Rate));
        if (r.ContactEmail.Length > 0 && !r.PlannedByOffice) outbox.Enqueue(DispatchMails.RatingLink(site.Required, r, d, rate) with { Reference = DispatchMails.Reference(r) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (r.ContactEmail.Length == 0 && r.ContactPhone.Length > 0 && !r.PlannedByOffice)
            await sms.SendAsync(r.ContactPhone, $"【{site.Required.DisplayNameZh}】感谢邀请科普讲座，请为本次讲座评分：{rate}", ct);
        return DeskResult.Done;
    }

    /// <summary>
    /// The first photo id that is not an image of this site's media library uploaded by the reporter (null: all fine).
    /// One answer for "missing", "another site's" and "someone else's", so a report cannot probe the library.
    /// </summary>
    async Task<int?> ForeignPhotoAsync(IReadOnlyList<int> photos, int userId, CancellationToken ct)
    {
        if (photos.Count == 0) return null;
        var images = services.GetService<IImageLibrary>() is { } library ? await library.FindManyAsync(photos, ct) : new Dictionary<int, LibraryImage>();
        foreach (var id in photos)
            if (!images.TryGetValue(id, out var image) || image.SiteId != site.Required.Id || image.Width <= 0 || image.UploadedById != userId) return id;
        return null;
    }

    /// <summary>The dispatcher confirms a report: the lecture becomes service hours (its duration plus the site's travel allowance).</summary>
    public async Task<DeskResult> ConfirmAsync(int dispatchId, ClaimsPrincipal dispatcher, CancellationToken ct)
    {
        var d = await db.Set<LectureDispatch>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == dispatchId, ct);
        if (d is null) return DeskResult.NotFound("派单不存在。");
        var r = await db.Set<LectureRequest>().AsNoTracking().FirstAsync(x => x.Id == d.RequestId, ct);
        var now = clock.GetUtcNow();
        await using var tx = await BeginAsync(ct);
        if (await db.Set<LectureDispatch>().Where(x => x.Id == d.Id && x.Status == DispatchStatus.Reported)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DispatchStatus.Confirmed).SetProperty(x => x.ConfirmedAt, now), ct) != 1)
            return DeskResult.Conflict("只有已提交报告、尚未确认的讲座可以确认。", "id");
        await db.Set<LectureRequest>().Where(x => x.Id == r.Id && x.Status == RequestStatus.Reported)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Completed).SetProperty(x => x.UpdatedAt, now), ct);
        var record = new ServiceRecord
        {
            SiteId = site.Required.Id, DispatchId = d.Id, LecturerId = d.LecturerId, LecturerUserId = d.LecturerUserId, LecturerName = d.LecturerName,
            Organisation = r.Organisation, Activity = "科普讲座：" + r.Topic, ServedAt = d.StartsAt,
            Hours = Math.Round((d.ActualMinutes ?? r.DurationMinutes) / 60m, 2), TravelHours = DispatchSiteSettings.Of(site.Required).TravelHours, CreatedAt = now,
        };
        db.Add(record);
        audit.Record(dispatcher, "dispatch.confirm", "lecture-dispatch:" + d.Id, $"hours={record.Hours}+{record.TravelHours}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return DeskResult.Done with { Value = record };
    }

    /// <summary>A correction keeps the old value, the new one, who and why (and an audit row).</summary>
    public async Task<DeskResult> CorrectAsync(int recordId, decimal? hours, string? reason, ClaimsPrincipal dispatcher, CancellationToken ct)
    {
        if (hours is not (>= 0 and <= 24)) return DeskResult.Invalid("hours", "服务时长应在 0 到 24 小时之间。");
        var why = (reason ?? "").Trim();
        if (why.Length is 0 or > DispatchLimits.Reason) return DeskResult.Invalid("reason", "请填写更正原因（不超过 500 字）。");
        var record = await db.Set<ServiceRecord>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (record is null) return DeskResult.NotFound("服务记录不存在。");
        var old = record.Hours;
        db.Add(new ServiceCorrection { SiteId = record.SiteId, ServiceRecordId = record.Id, OldHours = old, NewHours = hours.Value, Reason = why,
            Actor = AuditLog.ActorOf(dispatcher), At = clock.GetUtcNow() });
        record.Hours = hours.Value;
        audit.Record(dispatcher, "dispatch.correct", "service-record:" + record.Id, $"{old} → {hours.Value}: {why}");
        await db.SaveChangesAsync(ct);
        return DeskResult.Done with { Value = record };
    }

    /// <summary>评单: once per request (a conditional UPDATE on "not rated yet"), only after the lecture was reported.</summary>
    public async Task<DeskResult> RateAsync(LectureRequest r, int? stars, string? comment, CancellationToken ct)
    {
        if (stars is not (>= 1 and <= 5)) return DeskResult.Invalid("stars", "请选择 1 到 5 星。");
        var text = (comment ?? "").Trim();
        if (text.Length > DispatchLimits.RatingComment) return DeskResult.Invalid("comment", $"评价不能超过 {DispatchLimits.RatingComment} 个字。");
        if (r.Status is not (RequestStatus.Reported or RequestStatus.Completed)) return DeskResult.Conflict("讲座完成后才能评分。", "stars");
        var now = clock.GetUtcNow();
        return await db.Set<LectureRequest>().Where(x => x.Id == r.Id && x.RatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Rating, stars).SetProperty(x => x.RatingComment, text).SetProperty(x => x.RatedAt, now), ct) == 1
            ? DeskResult.Done
            : DeskResult.Conflict("本次讲座已经评过分，每个链接只能评一次。", "stars");
    }

    /// <summary>Offers past their answer time go back to the queue, each exactly once (the job; current site).</summary>
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<LectureDispatch>().AsNoTracking().Where(d => d.Status == DispatchStatus.Offered && d.AnswerDueAt <= now)
            .OrderBy(d => d.Id).Take(200).ToListAsync(ct);
        var count = 0;
        foreach (var d in due)
        {
            await using var tx = await BeginAsync(ct);
            if (await db.Set<LectureDispatch>().Where(x => x.Id == d.Id && x.Status == DispatchStatus.Offered)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DispatchStatus.Escalated).SetProperty(x => x.EscalatedAt, now), ct) != 1) continue;
            await Requeue(d.RequestId, now, ct);
            await tx.CommitAsync(ct);
            count++;
        }
        if (count > 0) logger.LogInformation("Escalated {Count} unanswered dispatches of site {Site}", count, site.Required.Name);
        return count;
    }

    Task<int> Requeue(int requestId, DateTimeOffset now, CancellationToken ct) =>
        db.Set<LectureRequest>().Where(x => x.Id == requestId && x.Status == RequestStatus.Dispatched)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RequestStatus.Submitted).SetProperty(x => x.UpdatedAt, now), ct);

    /// <summary>A dispatch of this site offered to one of the signed-in person's lecturer records; anyone else's reads as missing.</summary>
    Task<LectureDispatch?> MineAsync(int dispatchId, int userId, CancellationToken ct) =>
        db.Set<LectureDispatch>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == dispatchId && x.LecturerUserId == userId, ct);

    /// <summary>SQLite: BEGIN IMMEDIATE takes the write lock first. PostgreSQL: READ COMMITTED with a lock timeout.</summary>
    async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        db.Database.SetCommandTimeout(30);
        var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', '20s', true)", ct);
        return tx;
    }
}
