using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Admin.Pages.Admin;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<OutreachUser> signIn, AuditLog audit, OutreachDbContext db) : PageModel
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
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByEmailAsync(Email);
            audit.Record(await signIn.CreateUserPrincipalAsync(user!), "signin", Email, platformWide: true);
            await db.SaveChangesAsync();
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/admin");
        }
        // The same answer whether the account does not exist, the password is wrong or the account is locked.
        audit.Record(null, "signin.failed", Masked(Email), result.IsLockedOut ? "locked" : "", platformWide: true);
        await db.SaveChangesAsync();
        Error = "邮箱或密码不正确。";
        return Page();
    }

    /// <summary>Enough to notice an attack on one account, not enough to log a stranger's address.</summary>
    static string Masked(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
