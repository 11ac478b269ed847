using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Lecturers.Apply;
using Outreach.Lecturers.Directory;
using Outreach.Lecturers.Review;

namespace Outreach.Lecturers;

/// <summary>
/// <c>/api/v1/lecturers</c> (public fields only), the applicant's <c>/api/v1/lecturers/applications</c> and
/// <c>/api/v1/my/lecturer</c>, and the reviewers' <c>/api/v1/admin/lecturers/applications</c>. Field names may grow, not change.
/// </summary>
public static class LecturersApi
{
    public sealed record LecturerPage(IReadOnlyList<LecturerProfile> Items, int Total, int Page, int PageSize,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

    /// <summary>The applicant's own view: every field (private ones included) and the review state.</summary>
    public sealed record MyLecturer(int Id, string Status, string Slug, string? Url, LecturerInput Profile, MyApplication? Application, DateOnly? PausedUntil);

    public sealed record MyApplication(int Id, string Kind, string Status, string Reason, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt);

    /// <summary>An application in the reviewers' queue. The account's e-mail is not part of it; the photo's URL answers reviewers only.</summary>
    public sealed record ApplicationItem(int Id, string Kind, string Status, int LecturerId, string Name, string Organisation, string TitleLevel,
        string ProfessionalTitle, IReadOnlyList<string> Fields, DateTimeOffset SubmittedAt, string Reason, ProposedChangeView? Change, string? PhotoUrl = null);

    public sealed record ProposedChangeView(string Name, string TitleLevel, string ProfessionalTitle, bool PhotoPublic, IReadOnlyList<string> Fields,
        string? PhotoUrl = null);

    public sealed record ApplicationList(IReadOnlyList<ApplicationItem> Items, int Total, int Page, int PageSize);

    public sealed record Decision(string? Reason);

    public sealed record PauseInput(string? Until);

    public const int AdminPageSize = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Lecturers");
        api.MapGet("/lecturers", ListAsync).WithName("ListLecturers")
            .WithSummary("Approved lecturers of this site (the portal: of every site), public fields only; q searches names, topics and bios");
        api.MapGet("/lecturers/{id:int}", GetAsync).WithName("GetLecturer");
        // A person's own things: signed in (the account's bearer token, or the cookie with an antiforgery token).
        var person = api.MapGroup("").RequireAuthorization().DisableAntiforgery();
        person.MapPost("/lecturers/applications", ApplyAsync).WithName("ApplyAsLecturer")
            .WithSummary("Apply (or re-apply, or change an approved profile) as the signed-in person with a confirmed account")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapGet("/my/lecturer", MineAsync).WithName("MyLecturer");
        person.MapPost("/my/lecturer/pause", PauseAsync).WithName("PauseLecturer").WithSummary("Not available until a Beijing-time day (yyyy-MM-dd)");
        person.MapPost("/my/lecturer/resume", ResumeAsync).WithName("ResumeLecturer");
        person.MapPost("/my/lecturer/photo/hide", HidePhotoAsync).WithName("HideLecturerPhoto")
            .WithSummary("Take the photo off the public profile at once (also while a change waits for review)");
        person.MapPost("/my/lecturer/leave", LeaveAsync).WithName("LeaveLecturers")
            .WithSummary("Leave: the profile is unpublished at once; personal data is removed after the retention period");

        var admin = api.MapGroup("/admin/lecturers").RequireSitePermission(LecturerPermissions.Review).DisableAntiforgery();
        admin.MapGet("/applications", ApplicationsAsync).WithName("LecturerApplications");
        admin.MapPost("/applications/{id:int}/approve", ApproveAsync).WithName("ApproveLecturerApplication").ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/applications/{id:int}/reject", RejectAsync).WithName("RejectLecturerApplication").ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/applications/{id:int}/request-changes", RequestChangesAsync).WithName("RequestLecturerChanges")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    static async Task<Results<Ok<LecturerPage>, ValidationProblem>> ListAsync(string? field, string? audience, string? city, string? language,
        string? team, string? q, string? page, LecturerFinder finder, CancellationToken ct)
    {
        var problems = FilterProblems(audience, city, language, page, out var number);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "查询参数有误");
        var result = await finder.FindAsync(new LecturerSearch(field, audience, city, null, language, team), q, number, ct);
        return TypedResults.Ok(new LecturerPage(result.Items, result.Total, result.Page, result.PageSize, result.Facets));
    }

    /// <summary>Values from fixed lists are checked (400 naming the parameter); a field or team nobody has just finds nothing.</summary>
    public static Dictionary<string, string[]> FilterProblems(string? audience, string? city, string? language, string? page, out int number)
    {
        var problems = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(audience) && LecturerWords.One(LecturerWords.Audiences, audience) is null)
            problems["audience"] = ["讲座对象应为 " + string.Join("、", LecturerWords.Audiences.Select(a => $"{a.Code}（{a.Zh}）"))];
        if (!string.IsNullOrEmpty(city) && !LecturerWords.Cities.Contains(city))
            problems["city"] = [$"未知城市“{city}”；应为广东省 21 个地级市之一的中文名，例如 广州、韶关"];
        if (!string.IsNullOrEmpty(language) && LecturerWords.One(LecturerWords.Languages, language) is null)
            problems["language"] = ["语言应为 " + string.Join("、", LecturerWords.Languages.Select(a => $"{a.Code}（{a.Zh}）"))];
        number = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 10000))
        {
            problems["page"] = ["页码应为 1 到 10000 之间的整数"];
            number = 1;
        }
        return problems;
    }

    static async Task<Results<Ok<LecturerProfile>, NotFound>> GetAsync(int id, LecturerDirectory directory, CancellationToken ct) =>
        await directory.GetAsync(id, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    static async Task<Results<Created<ApplicationAnswer>, Ok<ApplicationAnswer>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> ApplyAsync(
        LecturerInput input, HttpContext http, LecturerApplications applications, SiteContext site, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return TypedResults.Unauthorized();
        if (!AccountClaims.IsConfirmed(http.User))
            return TypedResults.Problem("请先确认邮箱，确认后才能申请成为讲师。", title: "邮箱尚未确认", statusCode: StatusCodes.Status403Forbidden);
        var result = await applications.ApplyAsync(userId, input, ct);
        return result.Outcome switch
        {
            ApplyOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: "申请信息有误"),
            ApplyOutcome.AlreadyPending => TypedResults.Problem("已有一份待审核的申请，请等待审核结果。", title: "申请已在审核中",
                statusCode: StatusCodes.Status409Conflict),
            ApplyOutcome.Updated => TypedResults.Ok(result.Answer!),
            _ => TypedResults.Created(site.Url("/api/v1/my/lecturer"), result.Answer!),
        };
    }

    static async Task<Results<Ok<MyLecturer>, NotFound, UnauthorizedHttpResult>> MineAsync(HttpContext http, OutreachDbContext db, SiteContext site,
        SiteLinks links, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return TypedResults.Unauthorized();
        var mine = await MyLecturerAsync(db, site, links, userId, ct);
        return mine is null ? TypedResults.NotFound() : TypedResults.Ok(mine);
    }

    /// <summary>The signed-in person's lecturer profile on the current site, every field, with the latest application.</summary>
    public static async Task<MyLecturer?> MyLecturerAsync(OutreachDbContext db, SiteContext site, SiteLinks links, int userId, CancellationToken ct)
    {
        var l = await db.Set<Lecturer>().AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId && x.Status != LecturerStatus.Left, ct);
        if (l is null) return null;
        var a = await db.Set<LecturerApplication>().AsNoTracking().Where(x => x.LecturerId == l.Id)
            .OrderByDescending(x => x.SubmittedAt).ThenByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        var labels = await DisciplineList.LabelsAsync(db, ct);
        var fields = await db.Set<LecturerDiscipline>().AsNoTracking().Where(d => d.LecturerId == l.Id).Select(d => d.DisciplineId).ToListAsync(ct);
        var topics = await db.Set<LecturerTopic>().AsNoTracking().Where(t => t.LecturerId == l.Id).OrderBy(t => t.Position).ToListAsync(ct);
        var regions = await db.Set<LecturerRegion>().AsNoTracking().Where(r => r.LecturerId == l.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var profile = new LecturerInput
        {
            Name = l.Name, Gender = LecturerWords.Genders.First(g => g.Value == l.Gender).Code, BirthYear = l.BirthYear, Organisation = l.Organisation,
            TitleLevel = LecturerWords.TitleLevels.First(t => t.Value == l.TitleLevel).Code, ProfessionalTitle = l.ProfessionalTitle,
            Fields = fields.Where(labels.ContainsKey).Select(f => labels[f].Code).ToArray(),
            Topics = topics.Select(t => new TopicInput(t.Title, t.Summary, [.. LecturerWords.Codes(LecturerWords.Audiences, t.Audiences)], t.DurationMinutes,
                [.. LecturerWords.Codes(LecturerWords.Formats, t.Formats)])).ToArray(),
            Regions = regions.Select(r => new RegionInput(r.City, r.County)).ToArray(),
            AvailableDays = [.. LecturerWords.Codes(LecturerWords.Days, l.AvailableDays)], AvailableMonths = [.. LecturerWords.Months(l.AvailableMonths)],
            AvailabilityNote = l.AvailabilityNote, Languages = [.. LecturerWords.Codes(LecturerWords.Languages, l.Languages)], PhotoId = l.PhotoId,
            PhotoPublic = l.PhotoPublic, Bio = l.Bio, PrivateFields = [.. LecturerWords.Codes(LecturerWords.Privates, l.PrivateFields)], Consent = true,
        };
        return new MyLecturer(l.Id, LecturerWords.Status(l.Status), l.Slug, l.IsPublic ? links.Absolute(site.Required, "/lecturers/" + l.Slug) : null, profile,
            a is null ? null : new MyApplication(a.Id, a.Kind == ApplicationKind.New ? "new" : "change", LecturerWords.Status(a.Status), a.Reason, a.SubmittedAt, a.DecidedAt),
            l.Status == LecturerStatus.Paused ? l.PausedUntil : null);
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, UnauthorizedHttpResult>> PauseAsync(PauseInput input, HttpContext http,
        LecturerLifecycle lifecycle, TimeProvider clock, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return TypedResults.Unauthorized();
        if (PauseProblem(input.Until, clock, out var until) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["until"] = [problem] }, title: "暂停日期有误");
        return await lifecycle.PauseAsync(userId, until, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>A pause ends on a Beijing day after today and at most two years ahead; null when <paramref name="text"/> is such a day.</summary>
    public static string? PauseProblem(string? text, TimeProvider clock, out DateOnly until)
    {
        if (!DateOnly.TryParseExact(text ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out until)) return "日期格式应为 2026-12-31";
        var today = DateOnly.FromDateTime(Outreach.Core.Localization.OutreachTime.ToBeijing(clock.GetUtcNow()).DateTime);
        if (until <= today) return "暂停结束日期应晚于今天";
        if (until > today.AddYears(2)) return "暂停最长两年";
        return null;
    }

    static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> ResumeAsync(HttpContext http, LecturerLifecycle lifecycle, CancellationToken ct) =>
        AccountClaims.PersonId(http.User) is not { } userId ? TypedResults.Unauthorized()
        : await lifecycle.ResumeAsync(userId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> HidePhotoAsync(HttpContext http, LecturerLifecycle lifecycle, CancellationToken ct) =>
        AccountClaims.PersonId(http.User) is not { } userId ? TypedResults.Unauthorized()
        : await lifecycle.HidePhotoAsync(userId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> LeaveAsync(HttpContext http, LecturerLifecycle lifecycle, CancellationToken ct) =>
        AccountClaims.PersonId(http.User) is not { } userId ? TypedResults.Unauthorized()
        : await lifecycle.LeaveAsync(userId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Results<Ok<ApplicationList>, ValidationProblem>> ApplicationsAsync(string? status, string? page, LecturerQueue queue, CancellationToken ct)
    {
        var wanted = string.IsNullOrEmpty(status) ? ApplicationStatus.Pending : LecturerWords.ParseApplicationStatus(status);
        var problems = FilterProblems(null, null, null, page, out var number);
        if (wanted is null) problems["status"] = ["状态应为 pending、changes-requested、approved、rejected 或 withdrawn"];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "查询参数有误");
        var (items, total) = await queue.ListAsync(wanted!.Value, number, AdminPageSize, ct);
        return TypedResults.Ok(new ApplicationList(items, total, number, AdminPageSize));
    }

    static Task<Results<Ok<ApplicationAnswer>, NotFound, ProblemHttpResult, ValidationProblem>> ApproveAsync(int id, Decision? body, HttpContext http,
        LecturerReview review, CancellationToken ct) => DecideAsync(id, ReviewDecision.Approve, body, http, review, ct);

    static Task<Results<Ok<ApplicationAnswer>, NotFound, ProblemHttpResult, ValidationProblem>> RejectAsync(int id, Decision? body, HttpContext http,
        LecturerReview review, CancellationToken ct) => DecideAsync(id, ReviewDecision.Reject, body, http, review, ct);

    static Task<Results<Ok<ApplicationAnswer>, NotFound, ProblemHttpResult, ValidationProblem>> RequestChangesAsync(int id, Decision? body, HttpContext http,
        LecturerReview review, CancellationToken ct) => DecideAsync(id, ReviewDecision.RequestChanges, body, http, review, ct);

    static async Task<Results<Ok<ApplicationAnswer>, NotFound, ProblemHttpResult, ValidationProblem>> DecideAsync(int id, ReviewDecision decision,
        Decision? body, HttpContext http, LecturerReview review, CancellationToken ct)
    {
        var (outcome, answer) = await review.DecideAsync(id, decision, body?.Reason, http.User, ct);
        return outcome switch
        {
            ReviewOutcome.Done => TypedResults.Ok(answer!),
            ReviewOutcome.NotFound => TypedResults.NotFound(),
            ReviewOutcome.ReasonRequired => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写理由或修改意见"] }, title: "缺少理由"),
            _ => TypedResults.Problem("该申请已不在待审核状态。", title: "申请已处理", statusCode: StatusCodes.Status409Conflict),
        };
    }
}
