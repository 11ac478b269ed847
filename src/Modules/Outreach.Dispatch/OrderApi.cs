using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

/// <summary>The requester's side of the API: order (点单), confirm the contact, follow the request, rate the lecture (评单).</summary>
public static class OrderApi
{
    public const string RateLimitPolicy = "lecture-requests";

    public sealed record RequestCreated(int Id, string Status, string TrackUrl);

    /// <summary>What the tracking link shows: the state, never the lecturer's contact data.</summary>
    public sealed record TrackView(int Id, string Status, string StatusText, bool ContactConfirmed, string Organisation, string Topic, string Audience,
        int AudienceSize, IReadOnlyList<DateTimeOffset> PreferredTimes, bool Online, string? Lecturer, string? LecturerUrl, DateTimeOffset? StartsAt,
        int? Rating, bool CanRate);

    public sealed record ConfirmBody(string? Code);
    public sealed record RatingBody(int? Stars, string? Comment);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/lecture-requests").WithTags("Lecture requests");
        api.MapPost("", SubmitAsync).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().WithName("SubmitLectureRequest")
            .WithSummary("点单：提交讲座需求（无需账号）。验证码发到联系人手机（及邮箱），确认后才进入派单队列。");
        api.MapGet("/track/{token}", TrackAsync).WithName("TrackLectureRequest").WithSummary("跟踪链接：需求状态（签名令牌，有有效期）。");
        api.MapPost("/track/{token}/confirm", ConfirmAsync).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().WithName("ConfirmLectureRequestContact")
            .WithSummary("输入验证码确认联系人。");
        api.MapPost("/rate/{token}", RateAsync).DisableAntiforgery().WithName("RateLecture").WithSummary("评单：1–5 星与评价，每个需求一次。");
    }

    public static async Task<Results<Created<RequestCreated>, ValidationProblem>> SubmitAsync(LectureRequestInput body, HttpContext http, OrderLecture order,
        TrackTokens tokens, SiteLinks links, SiteContext site, CancellationToken ct)
    {
        NoStore(http);
        var result = await order.SubmitAsync(body, ct);
        if (result.Errors is { } errors) return TypedResults.ValidationProblem(errors, title: errors.First().Value[0]);
        var url = links.Absolute(site.Required, "/lecture-requests/track/" + tokens.For(result.Request!, TrackTokens.Track));
        return TypedResults.Created(url, new RequestCreated(result.Request!.Id, "submitted", url));
    }

    public static async Task<Results<Ok<TrackView>, ProblemHttpResult>> TrackAsync(string token, HttpContext http, RequestAccess access, OutreachDbContext db,
        CancellationToken ct)
    {
        NoStore(http);
        var (r, denial) = await access.FindAsync(token, TrackTokens.Track, ct);
        return r is null ? Denied(denial) : TypedResults.Ok(await ViewAsync(db, r, ct));
    }

    public static async Task<Results<Ok<TrackView>, ProblemHttpResult>> ConfirmAsync(string token, ConfirmBody body, HttpContext http, RequestAccess access,
        OrderLecture order, OutreachDbContext db, CancellationToken ct)
    {
        NoStore(http);
        var (r, denial) = await access.FindAsync(token, TrackTokens.Track, ct);
        if (r is null) return Denied(denial);
        if (!await order.ConfirmAsync(r, body.Code, ct))
            return Problem(400, "验证码不正确或已过期。", "code");
        await db.Entry(r).ReloadAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, r, ct));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RateAsync(string token, RatingBody body, HttpContext http,
        RequestAccess access, DispatchDesk desk, CancellationToken ct)
    {
        NoStore(http);
        var (r, denial) = await access.FindAsync(token, TrackTokens.Rate, ct);
        if (r is null) return Denied(denial);
        var result = await desk.RateAsync(r, body.Stars, body.Comment, ct);
        return result.Outcome switch
        {
            DeskOutcome.Done => TypedResults.NoContent(),
            DeskOutcome.Invalid => Invalid(result),
            _ => Problem(409, result.Message, result.Field),
        };
    }

    public static async Task<TrackView> ViewAsync(OutreachDbContext db, LectureRequest r, CancellationToken ct)
    {
        var d = await db.Set<LectureDispatch>().AsNoTracking()
            .Where(x => x.RequestId == r.Id && (x.Status == DispatchStatus.Accepted || x.Status == DispatchStatus.Reported || x.Status == DispatchStatus.Confirmed))
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return new TrackView(r.Id, DispatchLimits.Word(r.Status), r.ContactConfirmedAt is null ? "待确认联系人（请输入验证码）" : DispatchLimits.Chinese(r.Status),
            r.ContactConfirmedAt is not null, r.Organisation, r.Topic, r.Audience, r.AudienceSize, r.PreferredTimes.Select(OutreachTime.ToBeijing).ToList(), r.Online,
            d?.LecturerName, null, d is null ? null : OutreachTime.ToBeijing(d.StartsAt), r.Rating,
            r.RatedAt is null && r.Status is RequestStatus.Reported or RequestStatus.Completed);
    }

    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    public static ProblemHttpResult Denied(RequestAccess.Denial denial) => denial switch
    {
        RequestAccess.Denial.Forged => Problem(403, "链接无效或已被篡改。", "token"),
        RequestAccess.Denial.Expired => Problem(410, "链接已过期。", "token"),
        _ => Problem(404, "讲座需求不存在或信息已按留存期限删除。", "token"),
    };

    public static ProblemHttpResult Problem(int status, string title, string field = "") =>
        TypedResults.Problem(title: title, statusCode: status, extensions: field.Length == 0 ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ValidationProblem Invalid(DeskResult result) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Field] = [result.Message] }, title: result.Message);
}
