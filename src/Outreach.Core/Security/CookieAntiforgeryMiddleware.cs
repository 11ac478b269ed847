using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Outreach.Core.Hosting;

namespace Outreach.Core.Security;

/// <summary>
/// A browser signed in with the cookie sends it along with any request another site makes it send, so every
/// unsafe request (POST, PUT, PATCH, DELETE) authenticated by the cookie must carry an antiforgery token — in the
/// form or the <c>X-CSRF-TOKEN</c> header — whether or not it has a body and even where an endpoint opted out of
/// the framework's form check (the admin APIs do, for scripts). Scripts with a bearer token are exempt: a token is
/// never sent by a browser on its own. Razor Pages check their own forms.
/// </summary>
public sealed class CookieAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (IsUnsafe(http.Request.Method)
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: var scheme } && scheme == IdentityConstants.ApplicationScheme
            // An account's bearer token carries the same principal as the cookie; a header a browser never adds on its own tells them apart.
            && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null
            && !await antiforgery.IsRequestValidAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorResponses.ProblemAsync(http, 400, "缺少或无效的防伪令牌",
                "已登录的浏览器发出的修改请求须带防伪令牌（表单字段或 X-CSRF-TOKEN 请求头）；脚本请使用 API 令牌（Authorization: Bearer）。");
            return;
        }
        await next(http);
    }

    static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
