using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

/// <summary>Error answers: problem details (RFC 9457) with zh-CN text for the API, a themed page for people.</summary>
public static class ErrorResponses
{
    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/health");

    public static Task ProblemAsync(HttpContext http, int status, string title, string? detail = null) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail }).ExecuteAsync(http);

    public static async Task WriteServerErrorAsync(HttpContext http)
    {
        // A database too busy to answer (locks, connections) is "try again", not a fault of ours.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is { } error && Data.DbErrors.IsBusy(error))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            if (IsApi(http)) await ProblemAsync(http, 503, "服务繁忙，请稍后再试。");
            else await (await http.RequestServices.GetRequiredService<LiquidViews>().PageAsync(http, "error", new ErrorPage(Busy: true), 503)).ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (IsApi(http))
        {
            await ProblemAsync(http, 500, "服务器内部错误", "请求未能完成，请稍后再试。");
            return;
        }
        var views = http.RequestServices.GetRequiredService<LiquidViews>();
        await (await views.PageAsync(http, "error", null, 500)).ExecuteAsync(http);
    }
}

/// <summary>
/// Gives an empty 404 a body (problem details for the API, the theme's 404 page for people), and an empty API
/// 401/403 problem details — a 401 also says how to authenticate (<c>WWW-Authenticate: Bearer</c>, RFC 9110).
/// </summary>
public sealed class NotFoundPageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
        if (http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && ErrorResponses.IsApi(http))
        {
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                if (string.IsNullOrEmpty(http.Response.Headers.WWWAuthenticate)) http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Outreach\"";
                await ErrorResponses.ProblemAsync(http, 401, "需要身份验证", "请使用 API 令牌（Authorization: Bearer …）或先登录。");
            }
            else await ErrorResponses.ProblemAsync(http, 403, "没有权限", "当前身份无权执行此操作。");
            return;
        }
        if (http.Response.StatusCode != StatusCodes.Status404NotFound) return;
        if (ErrorResponses.IsApi(http))
        {
            await ErrorResponses.ProblemAsync(http, 404, "未找到", "请求的资源不存在。");
            return;
        }
        var views = http.RequestServices.GetRequiredService<LiquidViews>();
        await (await views.PageAsync(http, "404", null, 404)).ExecuteAsync(http);
    }
}
