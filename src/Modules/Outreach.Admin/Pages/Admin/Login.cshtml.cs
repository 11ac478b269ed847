using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Admin.Pages.Admin;

/// <summary>The admin sign-in; the password check (uniform answers, equal timing, throttling, lockout) is the kernel's <see cref="PasswordSignIn"/>.</summary>
[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn check, SignInManager<OutreachUser> signIn, OutreachDbContext db) : PageModel
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Email { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email.Trim();
        if (Email.Length == 0 || Password.Length == 0 || Password.Length > CommonPasswordValidator.MaxLength)
        {
            Error = "请输入邮箱和密码。";
            return Page();
        }
        var outcome = await check.CheckAsync(HttpContext, Email, Password);
        if (outcome.Status == SignInStatus.Succeeded)
        {
            await signIn.SignInAsync(outcome.User!, isPersistent: false);
            await db.SaveChangesAsync();
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/admin");
        }
        if (outcome.Status == SignInStatus.Throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = AccountThrottle.Seconds(outcome.RetryAfter);
            Error = $"尝试次数过多，请 {AccountThrottle.Minutes(outcome.RetryAfter)} 分钟后再试。";
            return Page();
        }
        // The same answer whether the account does not exist, the password is wrong or the account is locked.
        Error = "邮箱或密码不正确。";
        return Page();
    }
}
