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

namespace Outreach.Bases;

/// <summary>
/// Yearly reports through the API: a base's staff file (and re-file when returned) their base's report; the
/// association (<see cref="BasePermissions.ReviewReports"/>) lists them for assessment and accepts or returns them.
/// </summary>
public static class YearlyReportsApi
{
    public sealed record ReportItem(int Id, int BaseId, string Base, int Year, int Visitors, int Activities, int Volunteers, int OpenDays, string Notes,
        string State, string StateText, string ReviewComment, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt, string Url);

    public sealed record ReportPage(IReadOnlyList<ReportItem> Items, int Total, int Page, int PageSize);

    public sealed record ReviewBody(string? Comment);

    public const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/bases").WithTags("Bases staff").RequireAuthorization().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:int}/reports", OfBaseAsync).WithName("ListBaseReports").WithSummary("本基地的年度报告（基地工作人员）。");
        api.MapPost("/{id:int}/reports", FileAsync).WithName("FileBaseReport").WithSummary("提交某年度的年度报告；每个基地每年一份，重复提交 409。")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:int}/reports/{year:int}", RefileAsync).WithName("RefileBaseReport").WithSummary("修改后重新提交被退回的年度报告。")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/reports", ListAsync).WithName("ListYearlyReports").WithSummary("全部基地的年度报告，供协会评估（year、state 可筛选）。")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/reports/{reportId:int}/accept", AcceptAsync).WithName("AcceptYearlyReport").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/reports/{reportId:int}/return", ReturnAsync).WithName("ReturnYearlyReport").WithSummary("退回年度报告，须填写意见。")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static ReportItem Item(YearlyReport r, string baseName, SiteContext site) => new(r.Id, r.BaseId, baseName, r.Year, r.Visitors, r.Activities,
        r.Volunteers, r.OpenDays, r.Notes, YearlyReports.Word(r.State), YearlyReports.Chinese(r.State), r.ReviewComment, OutreachTime.ToBeijing(r.SubmittedAt),
        r.ReviewedAt is { } at ? OutreachTime.ToBeijing(at) : null, site.Url($"/admin/bases/{r.BaseId}/reports?year={r.Year}"));

    static async Task<(Base? Base, ProblemHttpResult? Denied)> StaffBaseAsync(int id, ClaimsPrincipal user, OutreachDbContext db, BaseStaffAccess access,
        CancellationToken ct)
    {
        var b = await db.Set<Base>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return (null, BasesApi.NotFound());
        return await access.CanManageAsync(user, id, ct) ? (b, null) : (null, BasesApi.Problem(403, "您不是本基地的工作人员。", "forbidden"));
    }

    static async Task<Results<Ok<IReadOnlyList<ReportItem>>, ProblemHttpResult>> OfBaseAsync(int id, HttpContext http, OutreachDbContext db,
        BaseStaffAccess access, SiteContext site, CancellationToken ct)
    {
        var (b, denied) = await StaffBaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var reports = await db.Set<YearlyReport>().AsNoTracking().Where(r => r.BaseId == b!.Id).OrderByDescending(r => r.Year).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ReportItem>>(reports.Select(r => Item(r, b!.Title, site)).ToList());
    }

    static async Task<Results<Created<ReportItem>, ValidationProblem, ProblemHttpResult>> FileAsync(int id, ReportInput body, HttpContext http,
        OutreachDbContext db, BaseStaffAccess access, YearlyReports reports, SiteContext site, CancellationToken ct)
    {
        var (b, denied) = await StaffBaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var (outcome, report, errors) = await reports.FileAsync(b!, body, http.User.UserId(), ct);
        return outcome switch
        {
            ReportOutcome.Done => TypedResults.Created(site.Url($"/api/v1/admin/bases/{b!.Id}/reports"), Item(report!, b.Title, site)),
            ReportOutcome.Invalid => TypedResults.ValidationProblem(errors, title: "年度报告填写有误。"),
            _ => BasesApi.Problem(409, $"本基地 {body.Year} 年度的报告已经提交过；被退回时请修改后重新提交。", "duplicate"),
        };
    }

    static async Task<Results<Ok<ReportItem>, ValidationProblem, ProblemHttpResult>> RefileAsync(int id, int year, ReportInput body, HttpContext http,
        OutreachDbContext db, BaseStaffAccess access, YearlyReports reports, SiteContext site, CancellationToken ct)
    {
        var (b, denied) = await StaffBaseAsync(id, http.User, db, access, ct);
        if (denied is not null) return denied;
        var (outcome, errors) = await reports.RefileAsync(b!.Id, year, body, http.User.UserId(), ct);
        if (outcome == ReportOutcome.Invalid) return TypedResults.ValidationProblem(errors, title: "年度报告填写有误。");
        if (outcome == ReportOutcome.NotFound) return BasesApi.Problem(404, $"本基地没有 {year} 年度的报告。", "not-found");
        if (outcome == ReportOutcome.WrongState) return BasesApi.Problem(409, "只有被退回的报告可以修改后重新提交。", "state");
        var report = await db.Set<YearlyReport>().AsNoTracking().SingleAsync(r => r.BaseId == b.Id && r.Year == year, ct);
        return TypedResults.Ok(Item(report, b.Title, site));
    }

    static async Task<Results<Ok<ReportPage>, ValidationProblem, ProblemHttpResult>> ListAsync(int? year, string? state, int? page, HttpContext http,
        OutreachDbContext db, SiteAuthorization auth, SiteContext site, CancellationToken ct)
    {
        if (!await auth.HasAsync(http.User, BasePermissions.ReviewReports, ct)) return BasesApi.Problem(403, "只有协会的评估人员可以查看全部年度报告。", "forbidden");
        var errors = new Dictionary<string, string[]>();
        ReportState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (ParseState(state) is { } s) wanted = s;
            else errors["state"] = ["应为 submitted（待审核）、accepted（已通过）或 returned（已退回）。"];
        }
        if (page is < 1) errors["page"] = ["页码从 1 开始。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "查询参数有误。");
        var (items, total) = await QueryAsync(db, site, year, wanted, page ?? 1, ct);
        return TypedResults.Ok(new ReportPage(items, total, page ?? 1, PageSize));
    }

    public static ReportState? ParseState(string? state) => state switch
    {
        "submitted" => ReportState.Submitted, "accepted" => ReportState.Accepted, "returned" => ReportState.Returned, _ => null,
    };

    /// <summary>The assessment list (the API and the admin page): waiting reports first, then by year and base.</summary>
    public static async Task<(List<ReportItem> Items, int Total)> QueryAsync(OutreachDbContext db, SiteContext site, int? year, ReportState? state, int page,
        CancellationToken ct)
    {
        var q = db.Set<YearlyReport>().AsNoTracking().Where(r => (year == null || r.Year == year) && (state == null || r.State == state));
        var total = await q.CountAsync(ct);
        var rows = await q.Join(db.Set<Base>(), r => r.BaseId, b => b.Id, (r, b) => new { r, b.Title })
            .OrderBy(x => x.r.State).ThenByDescending(x => x.r.Year).ThenBy(x => x.Title).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (rows.Select(x => Item(x.r, x.Title, site)).ToList(), total);
    }

    static Task<Results<Ok<ReportItem>, ValidationProblem, ProblemHttpResult>> AcceptAsync(int reportId, HttpContext http, OutreachDbContext db,
        SiteAuthorization auth, YearlyReports reports, SiteContext site, CancellationToken ct) => ReviewAsync(reportId, true, null, http, db, auth, reports, site, ct);

    static Task<Results<Ok<ReportItem>, ValidationProblem, ProblemHttpResult>> ReturnAsync(int reportId, ReviewBody? body, HttpContext http,
        OutreachDbContext db, SiteAuthorization auth, YearlyReports reports, SiteContext site, CancellationToken ct) =>
        ReviewAsync(reportId, false, body?.Comment, http, db, auth, reports, site, ct);

    static async Task<Results<Ok<ReportItem>, ValidationProblem, ProblemHttpResult>> ReviewAsync(int reportId, bool accept, string? comment, HttpContext http,
        OutreachDbContext db, SiteAuthorization auth, YearlyReports reports, SiteContext site, CancellationToken ct)
    {
        if (!await auth.HasAsync(http.User, BasePermissions.ReviewReports, ct)) return BasesApi.Problem(403, "只有协会的评估人员可以审核年度报告。", "forbidden");
        var outcome = await reports.ReviewAsync(reportId, accept, comment, http.User.UserId(), ct);
        if (outcome == ReportOutcome.Invalid)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = [$"退回时请填写意见（不超过 {BaseLimits.DecisionNote} 个字）。"] },
                title: "审核意见有误。");
        if (outcome == ReportOutcome.NotFound) return BasesApi.Problem(404, "年度报告不存在。", "not-found");
        if (outcome == ReportOutcome.WrongState) return BasesApi.Problem(409, "这份报告已经审核过，等待基地重新提交。", "state");
        var row = await db.Set<YearlyReport>().AsNoTracking().Where(r => r.Id == reportId)
            .Join(db.Set<Base>(), r => r.BaseId, b => b.Id, (r, b) => new { r, b.Title }).SingleAsync(ct);
        return TypedResults.Ok(Item(row.r, row.Title, site));
    }
}
