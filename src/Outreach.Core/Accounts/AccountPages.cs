using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Accounts;

/// <summary>
/// The account pages on every site, in the site's theme: 注册, 确认邮箱, 登录, 忘记密码 and the personal area 我的 (<c>/my</c>).
/// Every page here is about one person: <c>Cache-Control: no-store</c>. Forms carry an antiforgery token.
/// </summary>
public static class AccountPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // HTML pages, not part of the API document.
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/account/register", (HttpContext http, LiquidViews views) => Page(http, views, "account-register", "注册"));
        pages.MapPost("/account/register", RegisterAsync);
        pages.MapGet("/account/confirm", ConfirmFormAsync);
        pages.MapPost("/account/confirm", ConfirmAsync);
        pages.MapPost("/account/confirm/resend", ResendAsync);
        pages.MapGet("/account/login", LoginFormAsync);
        pages.MapPost("/account/login", LoginAsync);
        pages.MapPost("/account/logout", LogoutAsync);
        pages.MapGet("/account/forgot-password", (HttpContext http, LiquidViews views) => Page(http, views, "account-forgot", "忘记密码"));
        pages.MapPost("/account/forgot-password", ForgotAsync);
        pages.MapGet("/account/reset-password", ResetFormAsync);
        pages.MapPost("/account/reset-password", ResetAsync);
        pages.MapGet("/my", MyAsync);
        pages.MapPost("/my/profile", ProfileAsync);
        pages.MapPost("/my/delete", DeleteAsync);
        pages.MapGet("/my/data.json", DataAsync);
    }

    static Task<IResult> Page(HttpContext http, LiquidViews views, string template, string title, string message = "", int status = 200,
        Dictionary<string, string>? values = null, Dictionary<string, string>? errors = null, string error = "", bool sent = false)
    {
        http.Response.Headers.CacheControl = "no-store";
        return views.PageAsync(http, template, new AccountPage
        {
            Title = title, Message = message, Error = error, Errors = errors ?? [], Values = values ?? [], Sent = sent,
            Antiforgery = FormToken.For(http), ReturnUrl = SafeReturnUrl(http, http.Request.Query["returnUrl"].ToString()) ?? "",
        }, status);
    }

    static Dictionary<string, string> ErrorsOf(AccountResult result) =>
        result.Errors.ToDictionary(kv => kv.Key, kv => string.Join(" ", kv.Value));

    static string Throttled(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = AccountThrottle.Seconds(wait);
        return $"尝试次数过多，请 {AccountThrottle.Minutes(wait)} 分钟后再试。";
    }

    static async Task<IResult> Outcome(HttpContext http, LiquidViews views, AccountResult result, string template, string title,
        Dictionary<string, string> values)
    {
        if (result.RetryAfter is { } wait) return await Page(http, views, template, title, status: 429, values: values, error: Throttled(http, wait));
        return await Page(http, views, template, title, status: 400, values: values, errors: ErrorsOf(result), error: "提交的内容有误，请检查标出的项目。");
    }

    static async Task<IResult> RegisterAsync(HttpContext http, IFormCollection form, SignUp signUp, LiquidViews views)
    {
        var values = new Dictionary<string, string> { ["email"] = form["email"].ToString(), ["displayName"] = form["displayName"].ToString(), ["phone"] = form["phone"].ToString() };
        if (form["consent"] != "true")
            return await Page(http, views, "account-register", "注册", status: 400, values: values,
                errors: new() { ["consent"] = "请阅读并同意个人信息处理说明。" }, error: "提交的内容有误，请检查标出的项目。");
        var result = await signUp.RunAsync(http, new SignUpInput(form["email"], form["password"], form["displayName"], form["phone"]));
        if (!result.Succeeded) return await Outcome(http, views, result, "account-register", "注册", values);
        return await Page(http, views, "account-confirm", "确认邮箱", SignUp.Answer, values: new() { ["email"] = values["email"].Trim() }, sent: true);
    }

    static Task<IResult> ConfirmFormAsync(HttpContext http, LiquidViews views, AccountCodes codes, string? token)
    {
        var values = new Dictionary<string, string>();
        if (codes.TryReadLink(token, CodePurpose.Confirm, out var email, out var code)) (values["email"], values["code"]) = (email, code);
        else if (AccountClaims.PersonId(http.User) is not null && http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value is { } mine) values["email"] = mine;
        return Page(http, views, "account-confirm", "确认邮箱", values: values);
    }

    static async Task<IResult> ConfirmAsync(HttpContext http, IFormCollection form, EmailConfirmation confirmation, LiquidViews views,
        UserManager<OutreachUser> users, SignInManager<OutreachUser> signIn, SiteContext site)
    {
        var values = new Dictionary<string, string> { ["email"] = form["email"].ToString(), ["code"] = form["code"].ToString() };
        var result = await confirmation.ConfirmAsync(http, form["email"], form["code"]);
        if (!result.Succeeded) return await Outcome(http, views, result, "account-confirm", "确认邮箱", values);
        // Signed in already: the new claims (confirmed, new address) take effect now.
        if (await AccountApi.PersonAsync(users, http) is { } user && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect(site.Url("/my?m=confirmed"));
        }
        if (AccountClaims.PersonId(http.User) is not null) return Results.Redirect(site.Url("/my?m=confirmed"));
        return Results.Redirect(site.Url("/account/login?m=confirmed"));
    }

    static async Task<IResult> ResendAsync(HttpContext http, IFormCollection form, EmailConfirmation confirmation, LiquidViews views)
    {
        var values = new Dictionary<string, string> { ["email"] = form["email"].ToString() };
        var result = await confirmation.ResendAsync(http, form["email"]);
        if (!result.Succeeded) return await Outcome(http, views, result, "account-confirm", "确认邮箱", values);
        return await Page(http, views, "account-confirm", "确认邮箱", EmailConfirmation.ResendAnswer, values: values, sent: true);
    }

    static Task<IResult> LoginFormAsync(HttpContext http, LiquidViews views, string? m) =>
        Page(http, views, "account-login", "登录", Notice(m));

    /// <summary>Notes carried across a redirect by a fixed word, never by free text in the URL.</summary>
    static string Notice(string? m) => m switch
    {
        "confirmed" => "邮箱已确认。",
        "reset" => "密码已重置，请用新密码登录。",
        "deleted" => "账号已删除。",
        "out" => "已退出登录。",
        _ => "",
    };

    static async Task<IResult> LoginAsync(HttpContext http, IFormCollection form, PasswordSignIn check, SignInManager<OutreachUser> signIn,
        LiquidViews views, SiteContext site, Data.OutreachDbContext db)
    {
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var values = new Dictionary<string, string> { ["email"] = email };
        if (email.Length == 0 || password.Length == 0 || password.Length > CommonPasswordValidator.MaxLength)
            return await Page(http, views, "account-login", "登录", status: 400, values: values, error: "请输入邮箱和密码。");
        var outcome = await check.CheckAsync(http, email, password);
        if (outcome.Status == SignInStatus.Throttled)
            return await Page(http, views, "account-login", "登录", status: 429, values: values, error: Throttled(http, outcome.RetryAfter));
        if (outcome.Status == SignInStatus.Failed)
            return await Page(http, views, "account-login", "登录", status: 400, values: values, error: "邮箱或密码不正确。");
        await signIn.SignInAsync(outcome.User!, isPersistent: false);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Redirect(SafeReturnUrl(http, form["returnUrl"]) ?? site.Url("/my"));
    }

    static async Task<IResult> LogoutAsync(HttpContext http, IFormCollection form, SignInManager<OutreachUser> signIn, SiteContext site)
    {
        _ = form; // the antiforgery token: nobody signs a person out from another site
        await signIn.SignOutAsync();
        return Results.Redirect(site.Url("/account/login?m=out"));
    }

    static async Task<IResult> ForgotAsync(HttpContext http, IFormCollection form, PasswordReset reset, LiquidViews views)
    {
        var values = new Dictionary<string, string> { ["email"] = form["email"].ToString().Trim() };
        var result = await reset.RequestAsync(http, form["email"]);
        if (!result.Succeeded) return await Outcome(http, views, result, "account-forgot", "忘记密码", values);
        return await Page(http, views, "account-reset", "重置密码", PasswordReset.Answer, values: values);
    }

    static Task<IResult> ResetFormAsync(HttpContext http, LiquidViews views, AccountCodes codes, string? token)
    {
        var values = new Dictionary<string, string>();
        if (codes.TryReadLink(token, CodePurpose.Reset, out var email, out var code)) (values["email"], values["code"]) = (email, code);
        return Page(http, views, "account-reset", "重置密码", values: values);
    }

    static async Task<IResult> ResetAsync(HttpContext http, IFormCollection form, PasswordReset reset, LiquidViews views, SiteContext site)
    {
        var values = new Dictionary<string, string> { ["email"] = form["email"].ToString(), ["code"] = form["code"].ToString() };
        if (form["password"] != form["confirm"])
            return await Page(http, views, "account-reset", "重置密码", status: 400, values: values, errors: new() { ["confirm"] = "两次输入的密码不一致。" });
        var result = await reset.ResetAsync(http, form["email"], form["code"], form["password"]);
        if (!result.Succeeded)
        {
            var errors = ErrorsOf(result);
            if (errors.Remove("resetCode", out var codeError)) errors["code"] = codeError;
            if (errors.Remove("newPassword", out var passwordError)) errors["password"] = passwordError;
            if (result.RetryAfter is { } wait) return await Page(http, views, "account-reset", "重置密码", status: 429, values: values, error: Throttled(http, wait));
            return await Page(http, views, "account-reset", "重置密码", status: 400, values: values, errors: errors);
        }
        return Results.Redirect(site.Url("/account/login?m=reset"));
    }

    static async Task<IResult> MyAsync(HttpContext http, UserManager<OutreachUser> users, PersonalData data, LiquidViews views, SiteContext site,
        IOptions<AccountOptions> options, string? m) =>
        await PersonAsync(http, users) is { } user
            ? await MyPageAsync(http, views, data, user, options.Value, MyNotice(m))
            : Results.Redirect(site.Url("/account/login?returnUrl=" + Uri.EscapeDataString(site.Url("/my"))));

    static string MyNotice(string? m) => m switch
    {
        "confirmed" => "邮箱已确认。",
        "saved" => "已保存。",
        "email" => "我们已向新邮箱发送验证码，确认后生效。",
        _ => "",
    };

    static async Task<IResult> MyPageAsync(HttpContext http, LiquidViews views, PersonalData data, OutreachUser user, AccountOptions options,
        string message, Dictionary<string, string>? errors = null, int status = 200)
    {
        http.Response.Headers.CacheControl = "no-store";
        var blocks = new List<PersonalAreaBlock>();
        foreach (var section in await data.SectionsAsync(http.RequestAborted))
            if (await section.BuildAsync(http, user.Id, http.RequestAborted) is { } block) blocks.Add(block);
        return await views.PageAsync(http, "my", new MyPage
        {
            Account = AccountProfile.Info(user), Sections = blocks.OrderBy(b => b.Order).ToList(), Antiforgery = FormToken.For(http),
            Message = message, Errors = errors ?? [], Error = string.Join(" ", (errors ?? []).Values), VerifyPhone = options.VerifyPhone,
            Admin = user.IsPlatformAdmin || await http.RequestServices.GetRequiredService<SiteAuthorization>().HasAsync(http.User, Permissions.ViewAdmin),
        }, status);
    }

    static async Task<IResult> ProfileAsync(HttpContext http, IFormCollection form, UserManager<OutreachUser> users, AccountProfile profile,
        PersonalData data, LiquidViews views, SiteContext site, IOptions<AccountOptions> options)
    {
        if (await PersonAsync(http, users) is not { } user) return Results.Redirect(site.Url("/account/login"));
        var changes = new AccountChanges(
            form.ContainsKey("displayName") ? form["displayName"].ToString() : null,
            form.ContainsKey("phone") ? form["phone"].ToString() : null,
            form["newEmail"].ToString() is { Length: > 0 } e ? e : null,
            form["newPassword"].ToString() is { Length: > 0 } p ? p : null,
            form["oldPassword"].ToString() is { Length: > 0 } o ? o : null);
        var result = await profile.ChangeAsync(http, user, changes);
        if (result.RetryAfter is { } wait)
            return await MyPageAsync(http, views, data, user, options.Value, Throttled(http, wait), status: 429);
        if (!result.Succeeded) return await MyPageAsync(http, views, data, user, options.Value, "", ErrorsOf(result), 400);
        if (changes.NewPassword is not null) await http.RequestServices.GetRequiredService<SignInManager<OutreachUser>>().RefreshSignInAsync(user);
        return Results.Redirect(site.Url(changes.NewEmail is not null ? "/my?m=email" : "/my?m=saved"));
    }

    static async Task<IResult> DeleteAsync(HttpContext http, IFormCollection form, UserManager<OutreachUser> users, PersonalData data,
        SignInManager<OutreachUser> signIn, LiquidViews views, SiteContext site, IOptions<AccountOptions> options)
    {
        if (await PersonAsync(http, users) is not { } user) return Results.Redirect(site.Url("/account/login"));
        var result = await data.DeleteAsync(http, user, form["password"]);
        if (!result.Succeeded) return await MyPageAsync(http, views, data, user, options.Value, "", new() { ["deletePassword"] = "密码不正确，账号未删除。" }, 400);
        await signIn.SignOutAsync();
        return Results.Redirect(site.Url("/account/login?m=deleted"));
    }

    static async Task<IResult> DataAsync(HttpContext http, UserManager<OutreachUser> users, PersonalData data, SiteContext site)
    {
        if (await PersonAsync(http, users) is not { } user) return Results.Redirect(site.Url("/account/login"));
        http.Response.Headers.CacheControl = "no-store";
        var export = await data.ExportAsync(user, http.RequestAborted);
        var json = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return Results.File(json, "application/json; charset=utf-8", "my-data.json");
    }

    static Task<OutreachUser?> PersonAsync(HttpContext http, UserManager<OutreachUser> users) => AccountApi.PersonAsync(users, http);

    /// <summary>Only a path on this site (no scheme, no host, no "//" or "/\" tricks); else null.</summary>
    static string? SafeReturnUrl(HttpContext http, string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("/\\", StringComparison.Ordinal) || url.Any(char.IsControl))
            return null;
        var basePath = http.Request.PathBase.Value ?? "";
        return basePath.Length == 0 || url.StartsWith(basePath + "/", StringComparison.Ordinal) || url == basePath ? url : null;
    }
}
