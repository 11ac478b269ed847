using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using static Outreach.Dispatch.OrderApi;

namespace Outreach.Dispatch;

/// <summary>The dispatchers' API (permission <see cref="DispatchPermissions.Manage"/>): the queue with suggestions, 派单, confirmation, records, statistics.</summary>
public static class DispatchAdminApi
{
    public sealed record QueueItem(int Id, string Url, string Status, string StatusText, string Organisation, string OrganisationType, string City, string County,
        string Topic, string Audience, int AudienceSize, IReadOnlyList<DateTimeOffset> PreferredTimes, bool Online, DateTimeOffset CreatedAt,
        string ContactName, string ContactPhone, string? Lecturer, int? DispatchId, string? DispatchStatus, DateTimeOffset? StartsAt);

    public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Total, int Page, int PageSize);

    public sealed record RequestDetail(QueueItem Request, string Address, string Notes, IReadOnlyList<Suggestion> Suggestions, int? Rating, string RatingComment);

    public sealed record DispatchBody(int? LecturerId, DateTimeOffset? StartsAt);

    public sealed record DispatchCreated(int Id, string Status, int RequestId, int LecturerId, DateTimeOffset StartsAt, DateTimeOffset AnswerDueAt);

    public sealed record RecordView(int Id, string Lecturer, string Organisation, string Activity, DateTimeOffset ServedAt, decimal Hours, decimal TravelHours, decimal TotalHours);

    public sealed record CorrectionBody(decimal? Hours, string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin: lecture dispatch").RequireSitePermission(DispatchPermissions.Manage).DisableAntiforgery();
        api.MapGet("/lecture-requests", QueueAsync).WithName("LectureRequestQueue").WithSummary("派单队列（已确认联系人的需求），可按状态、城市、区县、听众、关键词筛选，分页。");
        api.MapGet("/lecture-requests/{id:int}", DetailAsync).WithName("LectureRequestDetail").WithSummary("需求详情与推荐讲师（主题、地区、档期、工作量、语言）。");
        api.MapPost("/lecture-requests/{id:int}/dispatch", DispatchAsync).WithName("DispatchLecture").WithSummary("派单给一位讲师并定时间；讲师收到邮件并在“我的”中看到。");
        api.MapPost("/dispatches/{id:int}/confirm", ConfirmAsync).WithName("ConfirmLectureReport").WithSummary("确认讲师报告，记录志愿服务时长（时长 + 本站交通补贴时长）。");
        api.MapPost("/service-records/{id:int}/correct", CorrectAsync).WithName("CorrectServiceRecord").WithSummary("更正服务时长（留痕）。");
        api.MapGet("/service-records", RecordsAsync).WithName("ServiceRecords").WithSummary("服务记录；format=csv 为志愿服务平台导入格式（UTF-8 BOM）。");
        api.MapGet("/lecture-statistics", StatisticsAsync).WithName("LectureStatistics").WithSummary("按年统计：需求、派单、接单、完成、婉拒、平均响应时间、听众、时长；format=csv|svg。");
        api.MapGet("/tours/{slug}/totals", TourTotalsAsync).WithName("TourTotals").WithSummary("巡讲合计；format=csv 导出各站明细。");
    }

    public static async Task<QueuePage> QueueAsync(OutreachDbContext db, SiteContext site, HttpContext http, string? status, string? city, string? county,
        string? audience, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        NoStore(http);
        var query = db.Set<LectureRequest>().AsNoTracking().Where(r => r.ContactConfirmedAt != null && r.AnonymisedAt == null);
        if (Enum.TryParse<RequestStatus>(status, true, out var s) && Enum.IsDefined(s)) query = query.Where(r => r.Status == s);
        if (!string.IsNullOrWhiteSpace(city)) query = query.Where(r => r.City == city.Trim());
        if (!string.IsNullOrWhiteSpace(county)) query = query.Where(r => r.County == county.Trim());
        if (!string.IsNullOrWhiteSpace(audience)) query = query.Where(r => r.Audience == audience.Trim());
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(r => r.Topic.Contains(q.Trim()) || r.Organisation.Contains(q.Trim()));
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.Status).ThenBy(r => r.PreferredAt1).ThenBy(r => r.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new QueuePage(await ItemsAsync(db, site, rows, ct), total, number, size);
    }

    public static async Task<IReadOnlyList<QueueItem>> ItemsAsync(OutreachDbContext db, SiteContext site, IReadOnlyList<LectureRequest> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var dispatches = (await db.Set<LectureDispatch>().AsNoTracking().Where(d => ids.Contains(d.RequestId)).ToListAsync(ct))
            .GroupBy(d => d.RequestId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Id).First());
        return rows.Select(r =>
        {
            var d = dispatches.GetValueOrDefault(r.Id);
            return new QueueItem(r.Id, site.Url("/admin/dispatch#request-" + r.Id), DispatchLimits.Word(r.Status), DispatchLimits.Chinese(r.Status), r.Organisation,
                DispatchLimits.OrganisationTypes[r.OrganisationType], r.City, r.County, r.Topic, r.Audience, r.AudienceSize,
                r.PreferredTimes.Select(OutreachTime.ToBeijing).ToList(), r.Online, OutreachTime.ToBeijing(r.CreatedAt), r.ContactName, r.ContactPhone,
                d?.LecturerName, d?.Id, d is null ? null : DispatchLimits.Word(d.Status), d is null ? null : OutreachTime.ToBeijing(d.StartsAt));
        }).ToList();
    }

    public static async Task<Results<Ok<RequestDetail>, ProblemHttpResult>> DetailAsync(int id, OutreachDbContext db, SiteContext site, Suggestions suggestions,
        HttpContext http, CancellationToken ct)
    {
        NoStore(http);
        var r = await db.Set<LectureRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.AnonymisedAt == null, ct);
        if (r is null) return Problem(404, "讲座需求不存在。", "id");
        var item = (await ItemsAsync(db, site, [r], ct))[0];
        return TypedResults.Ok(new RequestDetail(item, r.Address, r.Notes, await suggestions.ForAsync(r, 10, ct), r.Rating, r.RatingComment));
    }

    public static async Task<Results<Created<DispatchCreated>, ValidationProblem, ProblemHttpResult>> DispatchAsync(int id, DispatchBody body, DispatchDesk desk,
        SiteContext site, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        NoStore(http);
        if (body.LecturerId is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lecturerId"] = ["请选择讲师。"] }, title: "请选择讲师。");
        if (body.StartsAt is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["startsAt"] = ["请填写讲座时间。"] }, title: "请填写讲座时间。");
        var result = await desk.DispatchAsync(id, body.LecturerId.Value, body.StartsAt.Value, user, ct);
        return result.Outcome switch
        {
            DeskOutcome.Done when result.Value is LectureDispatch d => TypedResults.Created(site.Url("/admin/dispatch#request-" + id),
                new DispatchCreated(d.Id, DispatchLimits.Word(d.Status), d.RequestId, d.LecturerId, OutreachTime.ToBeijing(d.StartsAt), OutreachTime.ToBeijing(d.AnswerDueAt))),
            DeskOutcome.Invalid => Invalid(result),
            DeskOutcome.NotFound => Problem(404, result.Message, "id"),
            _ => Problem(409, result.Message, result.Field),
        };
    }

    public static async Task<Results<Ok<RecordView>, ProblemHttpResult>> ConfirmAsync(int id, DispatchDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await desk.ConfirmAsync(id, user, ct);
        return result.Outcome switch
        {
            DeskOutcome.Done when result.Value is ServiceRecord s => TypedResults.Ok(View(s)),
            DeskOutcome.NotFound => Problem(404, result.Message, "id"),
            _ => Problem(409, result.Message, result.Field),
        };
    }

    public static async Task<Results<Ok<RecordView>, ValidationProblem, ProblemHttpResult>> CorrectAsync(int id, CorrectionBody body, DispatchDesk desk,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await desk.CorrectAsync(id, body.Hours, body.Reason, user, ct);
        return result.Outcome switch
        {
            DeskOutcome.Done when result.Value is ServiceRecord s => TypedResults.Ok(View(s)),
            DeskOutcome.Invalid => Invalid(result),
            _ => Problem(404, result.Message, "id"),
        };
    }

    public static async Task<Results<Ok<List<RecordView>>, FileContentHttpResult>> RecordsAsync(OutreachDbContext db, SiteContext site, AuditLog audit,
        ClaimsPrincipal user, HttpContext http, int? year, string? format, CancellationToken ct)
    {
        NoStore(http);
        var query = db.Set<ServiceRecord>().AsNoTracking();
        if (year is { } y)
        {
            var from = new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
            query = query.Where(s => s.ServedAt >= from && s.ServedAt < from.AddYears(1));
        }
        var rows = await query.OrderBy(s => s.ServedAt).ThenBy(s => s.Id).ToListAsync(ct);
        if (format == "csv")
        {
            audit.Record(user, "dispatch.export", "service-records", year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all");
            await db.SaveChangesAsync(ct);
            return TypedResults.File(DispatchCsv.ServiceRecords(rows, site.Required.DisplayNameZh), "text/csv; charset=utf-8", $"service-records-{site.Required.Name}.csv");
        }
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    public static async Task<Results<Ok<LectureStatistics.Report>, FileContentHttpResult, ContentHttpResult>> StatisticsAsync(LectureStatistics statistics,
        TimeProvider clock, HttpContext http, int? year, string? format, CancellationToken ct)
    {
        NoStore(http);
        var report = await statistics.ForYearAsync(year ?? OutreachTime.ToBeijing(clock.GetUtcNow()).Year, ct);
        return format switch
        {
            "csv" => TypedResults.File(DispatchCsv.Statistics(report), "text/csv; charset=utf-8", $"lecture-statistics-{report.Year}.csv"),
            "svg" => TypedResults.Content(LectureStatistics.Svg(report), "image/svg+xml; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    public static async Task<Results<Ok<Tours.TourTotals>, FileContentHttpResult, ProblemHttpResult>> TourTotalsAsync(string slug, Tours tours, string? format,
        CancellationToken ct)
    {
        var view = await tours.FindAsync(slug, ct);
        if (view is null) return Problem(404, "巡讲不存在。", "slug");
        return format == "csv" ? TypedResults.File(DispatchCsv.Tour(view), "text/csv; charset=utf-8", $"tour-{slug}.csv") : TypedResults.Ok(view.Totals);
    }

    public static RecordView View(ServiceRecord s) =>
        new(s.Id, s.LecturerName, s.Organisation, s.Activity, OutreachTime.ToBeijing(s.ServedAt), s.Hours, s.TravelHours, s.TotalHours);
}

/// <summary>What the dispatch module lets a role do.</summary>
public static class DispatchPermissions
{
    /// <summary>See the queue with the requesters' contact data, dispatch, confirm reports and hours, export.</summary>
    public const string Manage = "dispatch.manage";
}
