using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>
/// Forgotten password: a 6-digit code (and a link carrying it) to the address, the same answer whether or not
/// it has an account; the code sets a new password once. Proving the mailbox also confirms it and lifts a lockout.
/// </summary>
public sealed class PasswordReset(UserManager<OutreachUser> users, SignInManager<OutreachUser> signIn, AccountCodes codes, AccountMails mails,
    AccountThrottle throttle, IOptions<AccountOptions> options, AuditLog audit, OutreachDbContext db)
{
    public const string Answer = "如果该邮箱已注册，我们已发送重置密码的验证码。";

    public async Task<AccountResult> RequestAsync(HttpContext http, string? rawEmail)
    {
        var errors = new Dictionary<string, List<string>>();
        var email = AccountInput.Email(rawEmail, errors);
        if (errors.Count > 0) return AccountResult.Invalid(errors);
        if (await throttle.TakeAsync(SignUp.MailRule(options.Value), email!) is { } wait) return AccountResult.Throttled(wait);
        if (await users.FindByEmailAsync(email!) is { } user)
        {
            var code = await codes.IssueAsync(user, CodePurpose.Reset, email!, http.RequestAborted);
            await mails.SendResetAsync(user.Email!, code, user.DisplayName, System.Globalization.CultureInfo.CurrentUICulture.Name);
        }
        audit.Record(null, "password.reset.request", PasswordSignIn.Masked(email!), platformWide: true);
        await db.SaveChangesAsync(http.RequestAborted);
        return AccountResult.Done;
    }

    public async Task<AccountResult> ResetAsync(HttpContext http, string? rawEmail, string? code, string? newPassword)
    {
        var errors = new Dictionary<string, List<string>>();
        var email = AccountInput.Email(rawEmail, errors);
        if (string.IsNullOrWhiteSpace(code)) AccountInput.Add(errors, "resetCode", "请填写验证码。");
        if (string.IsNullOrEmpty(newPassword)) AccountInput.Add(errors, "newPassword", "请设置新密码。");
        if (errors.Count > 0) return AccountResult.Invalid(errors);
        var rule = new ThrottleRule("code-ip", options.Value.CodeFailuresPerIpPerHour, TimeSpan.FromHours(1));
        var ip = AccountThrottle.ClientIp(http);
        if (await throttle.RetryAfterAsync(rule, ip) is { } wait) return AccountResult.Throttled(wait);

        // The policy first, so a weak password does not use up the code.
        var probe = new OutreachUser { Email = email, UserName = email };
        var policy = new List<string>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, probe, newPassword) is { Succeeded: false } failed) policy.AddRange(failed.Errors.Select(e => e.Description));
        if (policy.Count > 0) return AccountResult.Invalid(new Dictionary<string, List<string>> { ["newPassword"] = policy });

        var user = await codes.RedeemAsync(CodePurpose.Reset, email!, code!, http.RequestAborted);
        if (user is null)
        {
            await throttle.CountAsync(rule, ip);
            return AccountResult.Invalid("resetCode", EmailConfirmation.InvalidCode);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword!);
        if (!result.Succeeded) return AccountResult.Invalid(new Dictionary<string, List<string>> { ["newPassword"] = result.Errors.Select(e => e.Description).ToList() });
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        audit.Record(await signIn.CreateUserPrincipalAsync(user), "password.reset", PasswordSignIn.Masked(email!), platformWide: true);
        await db.SaveChangesAsync(http.RequestAborted);
        return AccountResult.Done;
    }
}
