using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>
/// Confirms an address with its mailed code: the account's own address (after sign-up) or a new one the person
/// asked to change to. Wrong codes are counted per code and per client IP. Resending answers the same for any address.
/// </summary>
public sealed class EmailConfirmation(UserManager<OutreachUser> users, AccountCodes codes, AccountMails mails, AccountThrottle throttle,
    IOptions<AccountOptions> options, AuditLog audit, OutreachDbContext db)
{
    public const string InvalidCode = "验证码不正确或已过期，请重新获取。";
    public const string ResendAnswer = "如果该邮箱有待确认的账号，我们已重新发送验证码。";

    ThrottleRule CodeRule => new("code-ip", options.Value.CodeFailuresPerIpPerHour, TimeSpan.FromHours(1));

    public async Task<AccountResult> ConfirmAsync(HttpContext http, string? rawEmail, string? code)
    {
        var errors = new Dictionary<string, List<string>>();
        var email = AccountInput.Email(rawEmail, errors);
        if (string.IsNullOrWhiteSpace(code)) AccountInput.Add(errors, "code", "请填写验证码。");
        if (errors.Count > 0) return AccountResult.Invalid(errors);
        var ip = AccountThrottle.ClientIp(http);
        if (await throttle.RetryAfterAsync(CodeRule, ip) is { } wait) return AccountResult.Throttled(wait);

        var user = await codes.RedeemAsync(CodePurpose.Confirm, email!, code!, http.RequestAborted);
        if (user is null)
        {
            await throttle.CountAsync(CodeRule, ip);
            return AccountResult.Invalid("code", InvalidCode);
        }
        if (string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            audit.Record(null, "account.email.confirmed", PasswordSignIn.Masked(email!), platformWide: true);
        }
        else
        {
            // A change of address: the new one is proven now. It may have been taken meanwhile (one account per address).
            if (await users.FindByEmailAsync(email!) is not null) return AccountResult.Invalid("email", "该邮箱已被其他账号使用。");
            var old = user.Email ?? "";
            user.Email = user.UserName = email;
            user.EmailConfirmed = true;
            var changed = await users.UpdateAsync(user); // new normalised names and a new security stamp: old tokens stop refreshing
            if (!changed.Succeeded) return AccountResult.Invalid("email", "该邮箱已被其他账号使用。");
            await users.UpdateSecurityStampAsync(user);
            audit.Record(null, "account.email.changed", PasswordSignIn.Masked(old) + " → " + PasswordSignIn.Masked(email!), platformWide: true);
        }
        await db.SaveChangesAsync(http.RequestAborted);
        return AccountResult.Done;
    }

    /// <summary>A new code for an unconfirmed account; the same answer for every address.</summary>
    public async Task<AccountResult> ResendAsync(HttpContext http, string? rawEmail)
    {
        var errors = new Dictionary<string, List<string>>();
        var email = AccountInput.Email(rawEmail, errors);
        if (errors.Count > 0) return AccountResult.Invalid(errors);
        if (await throttle.TakeAsync(SignUp.MailRule(options.Value), email!) is { } wait) return AccountResult.Throttled(wait);
        if (await users.FindByEmailAsync(email!) is { EmailConfirmed: false } user)
        {
            var code = await codes.IssueAsync(user, CodePurpose.Confirm, email!, http.RequestAborted);
            await mails.SendConfirmationAsync(email!, code, user.DisplayName, change: false, System.Globalization.CultureInfo.CurrentUICulture.Name);
            await db.SaveChangesAsync(http.RequestAborted);
        }
        return AccountResult.Done;
    }
}
