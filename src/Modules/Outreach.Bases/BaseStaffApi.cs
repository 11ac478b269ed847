using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Security;

namespace Outreach.Bases;

/// <summary>
/// What a base's staff do through the API: list and decide visits, check groups in, publish slots, edit hours.
/// Each call is for one base and answers 403 unless the caller runs that base (<see cref="BaseStaffAccess"/>). The
/// association also assigns staff and sees accreditation terms about to end; the platform admin keeps the holiday table.
/// </summary>
public static class BaseStaffApi
{
    public sealed record VisitRow(int Id, string Status, string StatusText, string TicketCode, int SlotId, DateTimeOffset StartsAt, string Organisation,
        string Contact, string Mobile, string Email, int GroupSize, string Ages, int Adults, string SpecialNeeds, DateTimeOffset CreatedAt,
        DateTimeOffset? CheckedInAt, int CheckedInCount);

    public sealed record VisitRows(IReadOnlyList<VisitRow> Items, int Total);

    public sealed record Decision(string? Note);

    public sealed record CheckInBody(string? Code, int? Count);

    public sealed record CheckInAnswer(string Result, int? VisitId, string Organisation, int GroupSize, int CheckedInCount, DateTimeOffset? CheckedInAt);

    public sealed record SlotBody(string? Date, string? Starts, string? Ends, int Capacity, int? MinGroup, int? MaxGroup, string? Audience);

    public sealed record StaffBody(string? Email);

    public sealed record ExpiringTerm(int BaseId, string Base, string Level, string TermEnds, int DaysLeft, bool Reminded);

    public sealed record HolidayBody(string? Date, string? Kind, string? Name);

    public static void Map(IEndpointRouteBuilder app)
    {
        // Rights are per base (staff of one base), checked in the handlers: 403 for anyone else signed in.
        var api = app.MapGroup("/api/v1/admin/bases").WithTags("Bases staff").RequireAuthorization().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:int}/visits", VisitsAsync).WithName("ListBaseVisits").WithSummary("本基地的团体预约（含联系方式，仅基地工作人员）。");
        api.MapPost("/{id:int}/visits/{visitId:int}/approve", ApproveAsync).WithName("ApproveBaseVisit");
        api.MapPost("/{id:int}/visits/{visitId:int}/decline", DeclineAsync).WithName("DeclineBaseVisit");
        api.MapPost("/{id:int}/checkin", CheckInAsync).WithName("CheckInBaseVisit").WithSummary("入场核验：票号或二维码内容，count 为实到人数。");
        api.MapPost("/{id:int}/slots", AddSlotAsync).WithName("AddBaseSlot");
        api.MapPut("/{id:int}/hours", HoursAsync).WithName("PutBaseHours");
        api.MapPost("/{id:int}/staff", AddStaffAsync).WithName("AddBaseStaff").WithSummary("把已注册的账号设为本基地工作人员（仅协会管理员）。");
        api.MapGet("/accreditations/expiring", ExpiringAsync).WithName("ExpiringAccreditations").WithSummary("90 天内期满的认定（仅协会管理员）。");
        app.MapPut("/api/v1/admin/holidays/{year:int}", HolidaysAsync).WithTags("Bases staff").RequireAuthorization().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("PutHolidays").WithSummary("替换某年的节假日与调休上班日（仅平台管理员）。");
    }

    static ProblemHttpResult Forbidden() => BasesApi.Problem(403, "您不是本基地的工作人员。", "forbidden");

    static async Task<(Base? Base, ProblemHttpResult? Denied)> BaseAsync(int id, ClaimsPrincipal user, OutreachDbContext db, BaseStaffAccess access, CancellationToken ct)
    {
        var b = await db.Set<Base>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return (null, BasesApi.NotFound());
        return await access.CanManageAsync(user, id, ct) ? (b, null) : (null, Forbidden());
    }

    static async Task<Results<Ok<VisitRows>, ProblemHttpResult>> VisitsAsync(int id, string? status, HttpContext http, OutreachDbContext db,
        BaseStaffAccess access, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (b, denied) = await BaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var visits = db.Set<Visit>().AsNoTracking().Where(v => v.BaseId == b!.Id);
        if (Enum.TryParse<VisitStatus>(status, true, out var s)) visits = visits.Where(v => v.Status == s);
        var rows = await visits.Join(db.Set<VisitSlot>(), v => v.SlotId, sl => sl.Id, (v, sl) => new { v, sl.StartsAt }).OrderBy(x => x.StartsAt).Take(2000).ToListAsync(ct);
        return TypedResults.Ok(new VisitRows(rows.Select(x => new VisitRow(x.v.Id, VisitStatuses.Word(x.v.Status), VisitStatuses.Chinese(x.v.Status), x.v.TicketCode,
            x.v.SlotId, Core.Localization.OutreachTime.ToBeijing(x.StartsAt), x.v.Organisation, x.v.Contact, x.v.Mobile, x.v.Email, x.v.GroupSize, x.v.Ages,
            x.v.Adults, x.v.SpecialNeeds, x.v.CreatedAt, x.v.CheckedInAt, x.v.CheckedInCount)).ToList(), rows.Count));
    }

    static async Task<Results<Ok<BasesApi.VisitCreated>, ProblemHttpResult>> DecideAsync(int id, int visitId, bool approve, string? note, HttpContext http,
        OutreachDbContext db, BaseStaffAccess access, VisitDesk desk, VisitMails mails, CancellationToken ct)
    {
        var (b, denied) = await BaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var v = await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == visitId && x.BaseId == b!.Id, ct);
        if (v is null) return BasesApi.Problem(404, "预约不存在。", "not-found");
        if (note is { Length: > BaseLimits.DecisionNote }) return BasesApi.Problem(400, $"说明不能超过 {BaseLimits.DecisionNote} 个字。", "note");
        var result = approve ? await desk.ApproveAsync(v, ct) : await desk.EndAsync(v, VisitStatus.Declined, ct, note?.Trim());
        return result.Outcome == VisitOutcome.Done
            ? TypedResults.Ok(new BasesApi.VisitCreated(v.Id, VisitStatuses.Word(v.Status), v.TicketCode, mails.ManageUrl(v)))
            : BasesApi.Problem(result.Outcome == VisitOutcome.Busy ? 503 : 409, result.Message, result.Outcome.ToString().ToLowerInvariant());
    }

    static Task<Results<Ok<BasesApi.VisitCreated>, ProblemHttpResult>> ApproveAsync(int id, int visitId, HttpContext http, OutreachDbContext db,
        BaseStaffAccess access, VisitDesk desk, VisitMails mails, CancellationToken ct) => DecideAsync(id, visitId, true, null, http, db, access, desk, mails, ct);

    static Task<Results<Ok<BasesApi.VisitCreated>, ProblemHttpResult>> DeclineAsync(int id, int visitId, Decision? body, HttpContext http, OutreachDbContext db,
        BaseStaffAccess access, VisitDesk desk, VisitMails mails, CancellationToken ct) => DecideAsync(id, visitId, false, body?.Note, http, db, access, desk, mails, ct);

    static async Task<Results<Ok<CheckInAnswer>, ProblemHttpResult>> CheckInAsync(int id, CheckInBody body, HttpContext http, OutreachDbContext db,
        BaseStaffAccess access, VisitDesk desk, CancellationToken ct)
    {
        var (b, denied) = await BaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var (result, v) = await desk.CheckInAsync(b!.Id, body.Code ?? "", body.Count, ct);
        return result == VisitDesk.CheckIn.Unknown
            ? BasesApi.Problem(404, "票号不存在。", "unknown")
            : TypedResults.Ok(new CheckInAnswer(result switch
            {
                VisitDesk.CheckIn.CheckedIn => "checked-in", VisitDesk.CheckIn.Already => "already", _ => "not-valid",
            }, v?.Id, v?.Organisation ?? "", v?.GroupSize ?? 0, v?.CheckedInCount ?? 0, v?.CheckedInAt));
    }

    static async Task<Results<Created<BasesApi.SlotDto>, ValidationProblem, ProblemHttpResult>> AddSlotAsync(int id, SlotBody body, HttpContext http,
        OutreachDbContext db, BaseStaffAccess access, CancellationToken ct)
    {
        var (b, denied) = await BaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var (slot, errors) = SlotPlanner.Check(body.Date, body.Starts, body.Ends, body.Capacity, body.MinGroup, body.MaxGroup, body.Audience);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "时段信息有误。");
        try
        {
            await SlotPlanner.AddAsync(db, b!, slot!, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return BasesApi.Problem(409, "同时有人在添加同一天的时段，请重试。", "conflict");
        }
        return TypedResults.Created((string?)null, BasesApi.Slot(slot!));
    }

    static async Task<Results<Ok<OpeningRules>, ValidationProblem, ProblemHttpResult>> HoursAsync(int id, OpeningRules body, HttpContext http,
        OutreachDbContext db, BaseStaffAccess access, TimeProvider clock, CancellationToken ct)
    {
        var (b, denied) = await BaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var problems = body.Problems();
        var json = body.ToJson();
        if (json.Length > BaseLimits.HoursJson) problems.Add(("hours", $"开放时间规则过长（不超过 {BaseLimits.HoursJson} 个字符）。"));
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()), title: "开放时间有误。");
        var tracked = await db.Set<Base>().FirstAsync(x => x.Id == b!.Id, ct);
        tracked.HoursJson = json;
        tracked.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(body);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> AddStaffAsync(int id, StaffBody body, HttpContext http, OutreachDbContext db, BaseStaffAccess access,
        CancellationToken ct)
    {
        if (!await access.ManagesAllAsync(http.User, ct)) return BasesApi.Problem(403, "只有协会管理员可以指定基地工作人员。", "forbidden");
        var b = await db.Set<Base>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return BasesApi.NotFound();
        var email = EmailAddress.Normalise(body.Email);
        var user = email is null ? null : await db.Set<OutreachUser>().AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct);
        if (user is null) return BasesApi.Problem(400, "请填写已在平台注册并验证的邮箱。", "email");
        if (!await db.Set<BaseStaff>().AnyAsync(s => s.BaseId == id && s.UserId == user.Id, ct))
        {
            db.Add(new BaseStaff { BaseId = id, UserId = user.Id });
            try { await db.SaveChangesAsync(ct); }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e)) { /* added meanwhile: the same outcome */ }
        }
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<IReadOnlyList<ExpiringTerm>>, ProblemHttpResult>> ExpiringAsync(HttpContext http, OutreachDbContext db, BaseStaffAccess access,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await access.ManagesAllAsync(http.User, ct)) return BasesApi.Problem(403, "只有协会管理员可以查看。", "forbidden");
        var today = OpeningStatus.Today(clock.GetUtcNow());
        var until = today.AddDays(AccreditationReminderJob.DaysAhead);
        var terms = await db.Set<Accreditation>().AsNoTracking().Where(a => a.State != AccreditationState.Revoked && a.TermEnds >= today && a.TermEnds <= until)
            .Join(db.Set<Base>(), a => a.BaseId, b => b.Id, (a, b) => new { a, b.Title }).OrderBy(x => x.a.TermEnds).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ExpiringTerm>>(terms.Select(x => new ExpiringTerm(x.a.BaseId, x.Title, BaseVocabulary.Levels[x.a.Level],
            x.a.TermEnds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.a.TermEnds.DayNumber - today.DayNumber, x.a.ReminderSentAt is not null)).ToList());
    }

    static async Task<Results<Ok<int>, ValidationProblem, ProblemHttpResult>> HolidaysAsync(int year, HolidayBody[] body, HttpContext http, OutreachDbContext db,
        CancellationToken ct)
    {
        if (!SiteAuthorization.IsPlatformAdmin(http.User)) return BasesApi.Problem(403, "只有平台管理员可以维护节假日表。", "forbidden");
        var errors = new Dictionary<string, string[]>();
        var days = new List<PublicHoliday>();
        for (var i = 0; i < body.Length; i++)
        {
            var d = OpeningRules.Day(body[i].Date);
            if (d is null || d.Value.Year != year) errors[$"[{i}].date"] = [$"日期应为 {year} 年内的 yyyy-MM-dd。"];
            if (!Enum.TryParse<HolidayKind>(body[i].Kind, true, out var kind)) errors[$"[{i}].kind"] = ["应为 holiday（放假）或 workday（调休上班）。"];
            var name = body[i].Name?.Trim() ?? "";
            if (name.Length is 0 or > BaseLimits.HolidayName) errors[$"[{i}].name"] = [$"请填写节日名称（不超过 {BaseLimits.HolidayName} 个字）。"];
            if (d is not null) days.Add(new PublicHoliday { Date = d.Value, Kind = kind, Name = name });
        }
        if (days.GroupBy(d => d.Date).Any(g => g.Count() > 1)) errors["date"] = ["同一日期只能出现一次。"];
        if (year is < 2000 or > 2199) errors["year"] = ["年份应在 2000 到 2199 之间。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "节假日表有误。");
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<PublicHoliday>().Where(h => h.Date >= first && h.Date <= last).ExecuteDeleteAsync(ct);
        db.AddRange(days);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(days.Count);
    }
}

/// <summary>Checks and adds visit slots (the staff API and the recipe): the day's counter row comes with the first slot of a day.</summary>
public static class SlotPlanner
{
    public static (VisitSlot? Slot, Dictionary<string, string[]> Errors) Check(string? date, string? starts, string? ends, int capacity, int? minGroup,
        int? maxGroup, string? audience)
    {
        var errors = new Dictionary<string, string[]>();
        var day = OpeningRules.Day(date);
        if (day is null) errors["date"] = ["日期格式应为 2026-09-19。"];
        var range = TimeRange.Parse($"{starts}-{ends}");
        if (range is null) errors["starts"] = ["开始和结束时间格式应为 09:30，且开始早于结束。"];
        if (capacity is < 1 or > 10_000) errors["capacity"] = ["容量应在 1 到 10000 人之间。"];
        var min = minGroup ?? 1;
        var max = maxGroup ?? Math.Min(capacity, 60);
        if (min < 1 || max < min || max > Math.Max(1, capacity)) errors["maxGroup"] = ["每团人数应满足 1 ≤ 最少 ≤ 最多 ≤ 容量。"];
        if (!string.IsNullOrEmpty(audience) && !BaseVocabulary.Audiences.ContainsKey(audience)) errors["audience"] = ["对象应为 " + string.Join("、", BaseVocabulary.Audiences.Keys) + " 之一。"];
        if (errors.Count > 0) return (null, errors);
        var offset = TimeSpan.FromHours(8);
        return (new VisitSlot
        {
            Date = day!.Value, StartsAt = new DateTimeOffset(day.Value.ToDateTime(range!.Opens), offset).ToUniversalTime(),
            EndsAt = new DateTimeOffset(day.Value.ToDateTime(range.Closes), offset).ToUniversalTime(), Capacity = capacity, MinGroup = min, MaxGroup = max,
            Audience = audience ?? "",
        }, errors);
    }

    public static async Task AddAsync(OutreachDbContext db, Base b, VisitSlot slot, CancellationToken ct)
    {
        slot.BaseId = b.Id;
        slot.SiteId = b.SiteId;
        db.Add(slot);
        if (b.DailyCapacity is { } cap && !await db.Set<VisitDay>().AnyAsync(d => d.BaseId == b.Id && d.Date == slot.Date, ct))
            db.Add(new VisitDay { BaseId = b.Id, SiteId = b.SiteId, Date = slot.Date, Capacity = cap });
        await db.SaveChangesAsync(ct);
    }
}
