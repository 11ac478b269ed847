using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>
/// <c>POST /api/v1/events/{id}/registrations</c>, <c>GET /api/v1/registrations/{token}</c> and the admin list
/// <c>GET /api/v1/admin/events/{id}/registrations</c> (JSON or <c>?format=csv</c>).
/// </summary>
public static class RegistrationApi
{
    public const string RateLimitPolicy = "registration";

    public sealed record RegistrationBody(
        int OptionId, string? Name, string? Phone, string? Email, int? GroupSize, JsonElement? Answers, bool Consent,
        string? IdCard = null, bool IdCardConsent = false);

    public sealed record RegistrationCreated(int Id, string Status, string TicketCode, string ManageUrl);

    public sealed record RegistrationDetail(int Id, string Status, string StatusText, string TicketCode, string Event, string EventUrl, string Option,
        DateTimeOffset StartsAt, string Name, string Phone, string Email, int GroupSize, IReadOnlyDictionary<string, string> Answers,
        DateTimeOffset CreatedAt, DateTimeOffset? OfferExpiresAt, DateTimeOffset? CheckedInAt, bool EventDeleted);

    public sealed record AdminRow(int Id, string Status, string TicketCode, int OptionId, string Option, string Name, string Phone, string Email,
        int GroupSize, IReadOnlyDictionary<string, string> Answers, DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt, int CheckedInCount,
        bool NoShow, bool Anonymised, string IdCard);

    public sealed record AdminRows(IReadOnlyList<AdminRow> Items, int Total);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Registration");

        api.MapPost("/events/{id:int}/registrations", async Task<Results<Created<RegistrationCreated>, Ok<RegistrationCreated>, ValidationProblem, ProblemHttpResult>> (
            int id, RegistrationBody body, HttpContext http, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            OutreachDbContext db, RegistrationDesk desk, RegistrationLinks links, SiteContext site, ContactLimiter limiter, CancellationToken ct) =>
        {
            NoStore(http);
            var ev = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.Status == ContentStatus.Published, ct);
            if (ev is null) return Problem(404, "活动不存在或未发布。");
            if (!await limiter.TryAcquireAsync(body.Phone, body.Email, http)) return Problem(429, "提交过于频繁，请稍后再试。");
            var key = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
            var result = await desk.RegisterAsync(ev, new RegistrationRequest(body.OptionId, body.Name, body.Phone, body.Email, body.GroupSize ?? 1,
                Answers.FromJson(body.Answers), body.Consent, body.IdCard, body.IdCardConsent, key, http.User.UserId()), http, ct);
            return Answer(result, site, links, http);
        }).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().WithName("Register")
          .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
          .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
          .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
          .WithSummary("报名（无需账号）。Idempotency-Key 头可让同一请求的重试返回同一条报名；同一 Key 换了内容为 422；已报名的手机号/邮箱为 409（管理链接只发到登记的邮箱）。");

        api.MapGet("/registrations/{token}", async Task<Results<Ok<RegistrationDetail>, ProblemHttpResult>> (string token, HttpContext http, ManageAccess access,
            RegistrationLinks links, SiteContext site, CancellationToken ct) =>
        {
            NoStore(http);
            var (found, denial) = await access.FindAsync(token, ct);
            return denial switch
            {
                ManageAccess.Denial.Forged => Problem(403, "链接无效或已被篡改。"),
                ManageAccess.Denial.Missing => Problem(404, "报名不存在或信息已删除。"),
                ManageAccess.Denial.Expired => Problem(410, access.Expired, "expired"),
                _ => TypedResults.Ok(Detail(found!, links, site, http)),
            };
        }).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
          .WithName("GetRegistration").WithSummary("报名详情（管理链接的令牌）。活动被删除后仍可读取（eventDeleted = true）；活动结束超过设定天数后为 410。");

        api.MapGet("/admin/events/{id:int}/registrations", async Task<Results<Ok<AdminRows>, FileContentHttpResult, ProblemHttpResult>> (int id, string? format, string? status, HttpContext http,
            OutreachDbContext db, RegistrationDesk desk, AuditLog audit, CancellationToken ct) =>
        {
            NoStore(http);
            var ev = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
            if (ev is null) return Problem(404, "活动不存在。");
            var rows = await AdminRowsAsync(db, desk, ev.Id, status, ct);
            audit.Record(http.User, "registrations.export", "event:" + ev.Slug, format == "csv" ? "csv" : "json");
            await db.SaveChangesAsync(ct);
            if (format == "csv") return TypedResults.File(Csv(rows), "text/csv; charset=utf-8", $"registrations-{ev.Slug}.csv");
            return TypedResults.Ok(new AdminRows(rows, rows.Count));
        }).Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound).RequireSitePermission(RegistrationPermissions.Manage).DisableAntiforgery().WithTags("Admin: registrations").WithName("ListRegistrations");
    }

    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    /// <summary>The signed-in account's id, or null for anonymous registrants.</summary>

    static Results<Created<RegistrationCreated>, Ok<RegistrationCreated>, ValidationProblem, ProblemHttpResult> Answer(DeskResult result, SiteContext site, RegistrationLinks links, HttpContext http)
    {
        switch (result.Outcome)
        {
            case Outcome.Created or Outcome.Replayed:
                var r = result.Registration!;
                var body = new RegistrationCreated(r.Id, RegistrationStatuses.Word(r.Status), r.TicketCode, links.Manage(site.Required, r, http));
                if (result.Outcome == Outcome.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Ok(body);
                }
                return TypedResults.Created(body.ManageUrl, body);
            case Outcome.Invalid:
                return TypedResults.ValidationProblem(result.Errors!.ToDictionary(), title: result.Message);
            case Outcome.Busy:
                http.Response.Headers.RetryAfter = "2";
                return Problem(503, result.Message);
            case Outcome.NotFound:
                return Problem(404, result.Message);
            case Outcome.Duplicate:
                return Problem(409, result.Message, "duplicate");
            case Outcome.KeyReused:
                return Problem(422, result.Message, "idempotency-key-reused");
            case Outcome.Gone:
                return Problem(410, result.Message, "gone");
            default:
                return Problem(409, result.Message, result.Outcome.ToString().ToLowerInvariant());
        }
    }

    static ProblemHttpResult Problem(int status, string title, string? code = null) =>
        TypedResults.Problem(title: title, statusCode: status, extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    /// <summary>What the person may see of their registration (the API and the PIPL data export); works for a deleted event too.</summary>
    public static RegistrationDetail Detail(ManageAccess.Found found, RegistrationLinks links, SiteContext site, HttpContext? http)
    {
        var (r, ev) = (found.Registration, found.Event);
        var questions = Question.Parse(found.Form?.QuestionsJson ?? "[]");
        return new RegistrationDetail(r.Id, RegistrationStatuses.Word(r.Status), RegistrationStatuses.Chinese(r.Status), r.TicketCode, ev.Title,
            links.Absolute(site.Required, found.EventDeleted ? "/events" : "/events/" + ev.Slug, http), found.Option?.Name ?? "",
            OutreachTime.ToBeijing(found.Option?.StartsAt ?? ev.StartsAt),
            r.Name, r.Phone, r.Email, r.GroupSize,
            Answers.Readable(questions, r.AnswersJson).ToDictionary(a => a.Label, a => a.Answer),
            OutreachTime.ToBeijing(r.CreatedAt), r.OfferExpiresAt is { } o ? OutreachTime.ToBeijing(o) : null,
            r.CheckedInAt is { } c ? OutreachTime.ToBeijing(c) : null, found.EventDeleted);
    }

    public static async Task<List<AdminRow>> AdminRowsAsync(OutreachDbContext db, RegistrationDesk desk, int eventId, string? status, CancellationToken ct,
        int? optionId = null, string? q = null)
    {
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        var questions = Question.Parse(form?.QuestionsJson ?? "[]");
        var options = await db.Set<TicketOption>().AsNoTracking().Where(o => o.EventId == eventId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var query = db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId);
        if (Enum.TryParse<RegistrationStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)) query = query.Where(r => r.Status == s);
        if (optionId is { } oid) query = query.Where(r => r.OptionId == oid);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var code = Tickets.Normalise(term);
            query = query.Where(r => r.Name.Contains(term) || r.Phone.Contains(term) || r.Email.Contains(term.ToLowerInvariant()) || r.TicketCode == code);
        }
        var rows = await query.OrderBy(r => r.Id).ToListAsync(ct);
        return rows.Select(r => new AdminRow(r.Id, RegistrationStatuses.Word(r.Status), r.TicketCode, r.OptionId, options.GetValueOrDefault(r.OptionId, ""),
            r.Name, r.Phone, r.Email, r.GroupSize, Answers.Readable(questions, r.AnswersJson).ToDictionary(a => a.Label, a => a.Answer),
            OutreachTime.ToBeijing(r.CreatedAt), r.CheckedInAt is { } c ? OutreachTime.ToBeijing(c) : null, r.CheckedInCount, r.NoShow,
            r.AnonymisedAt is not null, r.IdCardTail.Length > 0 ? "**************" + r.IdCardTail : "")).ToList();
    }

    /// <summary>UTF-8 with a byte-order mark, so Excel opens the Chinese correctly; cells that look like formulas are escaped.</summary>
    public static byte[] Csv(IReadOnlyList<AdminRow> rows)
    {
        using var buffer = new MemoryStream();
        var labels = rows.SelectMany(r => r.Answers.Keys).Distinct().ToList();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord([.. new[] { "编号", "状态", "票号", "场次", "姓名", "手机", "邮箱", "人数", "报名时间", "签到时间", "签到人数", "缺席", "身份证" }, .. labels]);
            foreach (var r in rows)
                csv.WriteRecord([
                    r.Id.ToString(CultureInfo.InvariantCulture),
                    RegistrationStatuses.Chinese(Enum.Parse<RegistrationStatus>(r.Status, ignoreCase: true)),
                    r.TicketCode, r.Option, r.Anonymised ? "（已匿名）" : r.Name, r.Phone, r.Email,
                    r.GroupSize.ToString(CultureInfo.InvariantCulture),
                    r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.CheckedInAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                    r.CheckedInCount.ToString(CultureInfo.InvariantCulture), r.NoShow ? "是" : "", r.IdCard,
                    .. labels.Select(l => r.Answers.GetValueOrDefault(l, "")),
                ]);
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// The per-phone and per-email limit of public registration (the per-IP one is ASP.NET Core's rate limiter
/// policy <see cref="RegistrationApi.RateLimitPolicy"/>). Counted per contact <em>and</em> client address, so
/// someone hammering a stranger's phone number from elsewhere uses up only their own attempts and never
/// blocks that person's registration. Per node and in memory: a flood is slowed on each node.
/// </summary>
public sealed class ContactLimiter(IOptions<RegistrationOptions> options, Outreach.Core.Accounts.AccountThrottle throttle)
{
    // In the database (AccountThrottle), so the limit per contact holds across every node of a cluster.
    Outreach.Core.Accounts.ThrottleRule Rule => new("reg-contact", options.Value.PerContactPerHour, TimeSpan.FromHours(1));

    public Task<bool> TryAcquireAsync(string? phone, string? email, HttpContext http) =>
        TryAcquireAsync(phone, email, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.RequestAborted);

    public async Task<bool> TryAcquireAsync(string? phone, string? email, string clientAddress, CancellationToken ct = default)
    {
        foreach (var contact in new[] { Contact.NormalisePhone(phone), Contact.NormaliseEmail(email) })
            if (contact is not null && await throttle.TakeAsync(Rule, contact + "|" + clientAddress, ct) is not null) return false;
        return true;
    }
}
