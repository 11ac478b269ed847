using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

/// <summary>
/// A request the endpoint could not bind — JSON that does not parse, a string where a number belongs, an object
/// where an array belongs, a route or query value of the wrong type — answers 400 with problem details naming the
/// field (zh-CN), instead of the framework's empty 400. Minimal APIs throw (<c>ThrowOnBadRequest</c>) so the
/// reason reaches this handler.
/// </summary>
public sealed partial class BadRequestHandler : IExceptionHandler
{
    [GeneratedRegex("parameter \"[^\"]* (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var status = bad.StatusCode;
        if (!ErrorResponses.IsApi(http))
        {
            // A person's form (an expired antiforgery token, a tampered field): a page, not JSON.
            var views = http.RequestServices.GetRequiredService<LiquidViews>();
            await (await views.PageAsync(http, "error", new { bad_request = true }, StatusCodes.Status400BadRequest)).ExecuteAsync(http);
            return true;
        }
        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            http.Response.StatusCode = status;
            await ErrorResponses.ProblemAsync(http, status, "不支持的内容类型", "请求正文应为 JSON（Content-Type: application/json）。");
            return true;
        }
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.StatusCode = status;
            await ErrorResponses.ProblemAsync(http, status, "请求过大", "请求正文超过了允许的大小。");
            return true;
        }
        if (bad.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorResponses.ProblemAsync(http, 400, "缺少或无效的防伪令牌", "请刷新页面后重试。");
            return true;
        }
        var (field, message) = Describe(bad);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "请求格式有误", detail: $"字段“{field}”：{message}").ExecuteAsync(http);
        return true;
    }

    /// <summary>The field (a JSON path without "$.", a parameter name, or "body") and what is wrong with it.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : json.Path is { Length: > 1 } q ? q.TrimStart('$') : "body";
            // A value of the wrong type names its field; anything else is JSON that does not parse.
            return json.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? (path, "值的类型不正确（例如需要数字、数组或对象，却给了其他类型）。")
                : ("body", $"JSON 格式错误（第 {(json.LineNumber ?? 0) + 1} 行，第 {(json.BytePositionInLine ?? 0) + 1} 个字节附近）。");
        }
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return ("body", "请求正文缺失或不是有效的 JSON。");
        var name = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : "request";
        return (name, "值的格式不正确。");
    }
}
