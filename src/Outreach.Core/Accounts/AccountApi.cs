using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Phone = null);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record EmailRequest(string? Email);
public sealed record ConfirmEmailRequest(string? Email, string? Code);
public sealed record ResetPasswordRequest(string? Email, string? ResetCode, string? NewPassword);
public sealed record ConfirmPhoneRequest(string? Code);
public sealed record DeleteAccountRequest(string? Password);

/// <summary>An answer that says what happened (and, where it matters, not whether an account exists).</summary>
public sealed record AccountMessage(string Message);

/// <summary>
/// The account API for apps and mini-programs, in the shape of ASP.NET Core Identity's API endpoints, on every site
/// (<c>/{site}/api/v1/account/…</c>; one account works on all). Errors are problem details in Chinese naming the field.
/// </summary>
public static class AccountApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/account").WithTags("Account").DisableAntiforgery();
        api.MapPost("/register", RegisterAsync).WithName("AccountRegister").ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/login", LoginAsync).WithName("AccountLogin")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/refresh", RefreshAsync).WithName("AccountRefresh").ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/confirmEmail", ConfirmEmailAsync).WithName("AccountConfirmEmail").ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/resendConfirmationEmail", ResendAsync).WithName("AccountResendConfirmation").ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/forgotPassword", ForgotPasswordAsync).WithName("AccountForgotPassword").ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/resetPassword", ResetPasswordAsync).WithName("AccountResetPassword").ProducesProblem(StatusCodes.Status429TooManyRequests);
        var manage = api.MapGroup("/manage").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        manage.MapGet("/info", InfoAsync).WithName("AccountInfo");
        manage.MapPost("/info", ChangeInfoAsync).WithName("AccountChangeInfo").ProducesProblem(StatusCodes.Status429TooManyRequests);
        manage.MapPost("/confirmPhone", ConfirmPhoneAsync).WithName("AccountConfirmPhone");
        manage.MapGet("/data", DataAsync).WithName("AccountData");
        manage.MapDelete("", DeleteAsync).WithName("AccountDelete");
    }

    public static async Task<Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest body, SignUp signUp, HttpContext http)
    {
        var result = await signUp.RunAsync(http, new SignUpInput(body.Email, body.Password, body.DisplayName, body.Phone));
        return Answer(http, result, SignUp.Answer);
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest body, PasswordSignIn signIn, AccountTokens tokens, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password) || body.Password.Length > CommonPasswordValidator.MaxLength)
            return Invalid(AccountResult.Invalid(string.IsNullOrWhiteSpace(body.Email) ? "email" : "password", "请输入邮箱和密码。"));
        var outcome = await signIn.CheckAsync(http, body.Email, body.Password);
        return outcome.Status switch
        {
            SignInStatus.Succeeded => TypedResults.Ok(await tokens.IssueAsync(outcome.User!)),
            SignInStatus.Throttled => Throttled(http, outcome.RetryAfter),
            _ => TypedResults.Problem(title: "邮箱或密码不正确。", statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> RefreshAsync(RefreshRequest body, AccountTokens tokens) =>
        await tokens.RefreshAsync(body.RefreshToken) is { } fresh
            ? TypedResults.Ok(fresh)
            : TypedResults.Problem(title: "登录已过期，请重新登录。", statusCode: StatusCodes.Status401Unauthorized);

    public static async Task<Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult>> ConfirmEmailAsync(
        ConfirmEmailRequest body, EmailConfirmation confirmation, HttpContext http) =>
        Answer(http, await confirmation.ConfirmAsync(http, body.Email, body.Code), "邮箱已确认。");

    public static async Task<Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult>> ResendAsync(
        EmailRequest body, EmailConfirmation confirmation, HttpContext http) =>
        Answer(http, await confirmation.ResendAsync(http, body.Email), EmailConfirmation.ResendAnswer);

    public static async Task<Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult>> ForgotPasswordAsync(
        EmailRequest body, PasswordReset reset, HttpContext http) =>
        Answer(http, await reset.RequestAsync(http, body.Email), PasswordReset.Answer);

    public static async Task<Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        ResetPasswordRequest body, PasswordReset reset, HttpContext http) =>
        Answer(http, await reset.ResetAsync(http, body.Email, body.ResetCode, body.NewPassword), "密码已重置，请用新密码登录。");

    public static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> InfoAsync(UserManager<OutreachUser> users, HttpContext http) =>
        await PersonAsync(users, http) is { } user ? TypedResults.Ok(AccountProfile.Info(user)) : NotPerson();

    public static async Task<Results<Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> ChangeInfoAsync(
        AccountChanges body, UserManager<OutreachUser> users, AccountProfile profile, HttpContext http)
    {
        if (await PersonAsync(users, http) is not { } user) return NotPerson();
        var result = await profile.ChangeAsync(http, user, body);
        if (!result.Succeeded) return result.RetryAfter is { } wait ? Throttled(http, wait) : Invalid(result);
        return TypedResults.Ok(AccountProfile.Info(user));
    }

    public static async Task<Results<Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> ConfirmPhoneAsync(
        ConfirmPhoneRequest body, UserManager<OutreachUser> users, AccountProfile profile, HttpContext http)
    {
        if (await PersonAsync(users, http) is not { } user) return NotPerson();
        var result = await profile.ConfirmPhoneAsync(user, body.Code);
        return result.Succeeded ? TypedResults.Ok(AccountProfile.Info(user)) : Invalid(result);
    }

    public static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> DataAsync(
        UserManager<OutreachUser> users, PersonalData data, HttpContext http)
    {
        if (await PersonAsync(users, http) is not { } user) return NotPerson();
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await data.ExportAsync(user, http.RequestAborted));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        [Microsoft.AspNetCore.Mvc.FromBody] DeleteAccountRequest body, UserManager<OutreachUser> users, PersonalData data, HttpContext http)
    {
        if (await PersonAsync(users, http) is not { } user) return NotPerson();
        var result = await data.DeleteAsync(http, user, body.Password);
        return result.Succeeded ? TypedResults.NoContent() : Invalid(result);
    }

    /// <summary>The signed-in person's account (cookie or account bearer token); null for API tokens and deleted accounts.</summary>
    public static async Task<OutreachUser?> PersonAsync(UserManager<OutreachUser> users, HttpContext http) =>
        AccountClaims.PersonId(http.User) is { } id ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;

    static ProblemHttpResult NotPerson() =>
        TypedResults.Problem(title: "请先登录。", detail: "需要个人账号的登录凭据。", statusCode: StatusCodes.Status401Unauthorized);

    static Results<Ok<AccountMessage>, ValidationProblem, ProblemHttpResult> Answer(HttpContext http, AccountResult result, string message)
    {
        if (result.RetryAfter is { } wait) return Throttled(http, wait);
        return result.Succeeded ? TypedResults.Ok(new AccountMessage(message)) : Invalid(result);
    }

    static ValidationProblem Invalid(AccountResult result) =>
        TypedResults.ValidationProblem(result.Errors, title: "提交的内容有误，请检查标出的项目。");

    /// <summary>429 with Retry-After, as a zh-CN problem.</summary>
    public static ProblemHttpResult Throttled(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = AccountThrottle.Seconds(wait);
        return TypedResults.Problem(title: "尝试次数过多，请稍后再试。", detail: $"请 {AccountThrottle.Minutes(wait)} 分钟后再试。",
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
