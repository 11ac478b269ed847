using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using static Outreach.Dispatch.OrderApi;

namespace Outreach.Dispatch;

/// <summary>
/// The lecturer's side (signed in; cookie or bearer token): the offers and lectures of this site, 接单 or decline,
/// the report, the service record and certificates. A lecturer sees the organisation, address, audience and notes
/// of a request — what is needed to give the lecture — never the contact person's name, mobile or email.
/// </summary>
public static class LecturerApi
{
    public sealed record MyDispatch(int Id, string Url, string Status, string StatusText, string Topic, string Organisation, string Place, string Audience,
        int AudienceSize, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset AnswerDueAt, string Notes);

    public sealed record DeclineBody(string? Reason);
    public sealed record ReportBody(int? ActualAudience, int? DurationMinutes, string? Notes, IReadOnlyList<int>? PhotoIds);
    public sealed record YearTotal(int Year, int Services, decimal Hours, string CertificateUrl);
    public sealed record MyServices(IReadOnlyList<DispatchAdminApi.RecordView> Records, IReadOnlyList<YearTotal> Years);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/my").WithTags("Lecturer: dispatches").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/dispatches", ListAsync).WithName("MyDispatches");
        api.MapPost("/dispatches/{id:int}/accept", AcceptAsync).WithName("AcceptDispatch").WithSummary("接单；与已接的讲座时间重叠为 409。");
        api.MapPost("/dispatches/{id:int}/decline", DeclineAsync).WithName("DeclineDispatch").WithSummary("婉拒（需填写原因），需求退回派单队列。");
        api.MapPost("/dispatches/{id:int}/report", ReportAsync).WithName("ReportLecture").WithSummary("讲座结束后提交报告：实际人数、时长、照片（媒体库 id）、备注。");
        api.MapGet("/service-records", ServicesAsync).WithName("MyServiceRecords").WithSummary("我的志愿服务记录与每年合计时长。");
        api.MapGet("/certificates", CertificateAsync).WithName("MyCertificate").WithSummary("志愿服务时长证明 PDF：serviceRecordId 为单次，year 为全年合计。");
    }

    static int Me(ClaimsPrincipal user) => user.UserId() ?? 0;

    public static async Task<Ok<List<MyDispatch>>> ListAsync(ClaimsPrincipal user, OutreachDbContext db, Outreach.Core.Sites.SiteContext site, HttpContext http, CancellationToken ct)
    {
        NoStore(http);
        var me = Me(user);
        var rows = await (from d in db.Set<LectureDispatch>().AsNoTracking()
                          join r in db.Set<LectureRequest>() on d.RequestId equals r.Id
                          where d.LecturerUserId == me
                          orderby d.StartsAt descending
                          select new { d, r }).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => View(x.d, x.r, site.Url("/my#dispatches"))).ToList());
    }

    public static MyDispatch View(LectureDispatch d, LectureRequest r, string url) =>
        new(d.Id, url, DispatchLimits.Word(d.Status), DispatchLimits.Chinese(d.Status), r.Topic, r.Organisation,
            r.Online ? "线上" : $"{r.City}{r.County} {r.Address}", r.Audience, r.AudienceSize, OutreachTime.ToBeijing(d.StartsAt), OutreachTime.ToBeijing(d.EndsAt),
            OutreachTime.ToBeijing(d.AnswerDueAt), r.Notes);

    public static async Task<Results<NoContent, ProblemHttpResult>> AcceptAsync(int id, ClaimsPrincipal user, DispatchDesk desk, CancellationToken ct) =>
        Answer(await desk.AcceptAsync(id, Me(user), ct)) switch { var (ok, problem) => ok ? TypedResults.NoContent() : problem! };

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeclineAsync(int id, DeclineBody body, ClaimsPrincipal user, DispatchDesk desk,
        CancellationToken ct)
    {
        var result = await desk.DeclineAsync(id, Me(user), body.Reason, ct);
        if (result.Outcome == DeskOutcome.Invalid) return Invalid(result);
        return Answer(result) switch { var (ok, problem) => ok ? TypedResults.NoContent() : problem! };
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReportAsync(int id, ReportBody body, ClaimsPrincipal user, DispatchDesk desk,
        CancellationToken ct)
    {
        var result = await desk.ReportAsync(id, Me(user), body.ActualAudience, body.DurationMinutes, body.Notes, body.PhotoIds, ct);
        if (result.Outcome == DeskOutcome.Invalid) return Invalid(result);
        return Answer(result) switch { var (ok, problem) => ok ? TypedResults.NoContent() : problem! };
    }

    static (bool, ProblemHttpResult?) Answer(DeskResult result) => result.Outcome switch
    {
        DeskOutcome.Done => (true, null),
        DeskOutcome.NotFound => (false, Problem(404, result.Message, "id")),
        _ => (false, Problem(409, result.Message, result.Field)),
    };

    public static async Task<Ok<MyServices>> ServicesAsync(ClaimsPrincipal user, OutreachDbContext db, ILecturerRoster roster, Outreach.Core.Sites.SiteContext site,
        HttpContext http, CancellationToken ct)
    {
        NoStore(http);
        var ids = await roster.LecturerIdsOfUserAsync(Me(user), ct);
        var rows = await db.Set<ServiceRecord>().AsNoTracking().Where(s => ids.Contains(s.LecturerId)).OrderByDescending(s => s.ServedAt).ToListAsync(ct);
        var years = rows.GroupBy(s => OutreachTime.ToBeijing(s.ServedAt).Year).OrderByDescending(g => g.Key)
            .Select(g => new YearTotal(g.Key, g.Count(), g.Sum(s => s.TotalHours), site.Url("/api/v1/my/certificates?year=" + g.Key))).ToList();
        return TypedResults.Ok(new MyServices(rows.Select(DispatchAdminApi.View).ToList(), years));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CertificateAsync(ClaimsPrincipal user, ILecturerRoster roster, Certificates certificates,
        OutreachDbContext db, HttpContext http, int? year, int? serviceRecordId, CancellationToken ct)
    {
        NoStore(http);
        var ids = await roster.LecturerIdsOfUserAsync(Me(user), ct);
        var cert = await certificates.IssueAsync(ids.ToList(), serviceRecordId, year, ct);
        if (cert is null) return Problem(404, "没有可出具证明的服务记录。", serviceRecordId is null ? "year" : "serviceRecordId");
        var records = await db.Set<ServiceRecord>().AsNoTracking().Where(s => s.LecturerId == cert.LecturerId && s.ServedAt >= cert.PeriodFrom && s.ServedAt <= cert.PeriodTo
            && (cert.ServiceRecordId == null || s.Id == cert.ServiceRecordId)).ToListAsync(ct);
        return TypedResults.File(certificates.Pdf(cert, records), "application/pdf", $"certificate-{cert.Serial}.pdf");
    }
}
