using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

/// <summary>Sets a new password from a mailed link; the link works once (Identity's token dies with the old security stamp).</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<OutreachUser> users, SignInManager<OutreachUser> signIn, PasswordResetLinks links,
    SiteContext site, AuditLog audit, OutreachDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true), DisplayFormat(ConvertEmptyStringToNull = false)] public string Token { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Password { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Confirm { get; set; } = "";
    public bool LinkValid { get; private set; } = true;
    public List<string> Errors { get; } = [];
    public string ForgotUrl => site.Url("/admin/forgot-password");

    public void OnGet() => LinkValid = links.TryUnwrap(Token, out _, out _);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!links.TryUnwrap(Token, out var userId, out var identityToken) || await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
        {
            LinkValid = false;
            return Page();
        }
        if (Password != Confirm) Errors.Add("两次输入的密码不一致。");
        else if (Password.Length > CommonPasswordValidator.MaxLength) Errors.Add($"密码最多 {CommonPasswordValidator.MaxLength} 个字符。");
        if (Errors.Count > 0) return Page();

        var result = await users.ResetPasswordAsync(user, identityToken, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) LinkValid = false;
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        // The person proved they own the mailbox: a lockout from earlier guesses no longer stands.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        audit.Record(await signIn.CreateUserPrincipalAsync(user), "password.reset", ForgotPasswordModel.Masked(user.Email ?? ""), platformWide: true);
        await db.SaveChangesAsync();
        TempData["Message"] = "密码已重置，请用新密码登录。";
        return Redirect(site.Url("/admin/login"));
    }
}
