using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>What <c>GET manage/info</c> answers.</summary>
public sealed record AccountInfo(string Email, bool IsEmailConfirmed, string DisplayName, string? Phone, bool IsPhoneConfirmed,
    DateTimeOffset CreatedAt, string? PendingEmail = null);

/// <summary>Changes: any field left null stays as it is. A new e-mail is only used once its code is confirmed.</summary>
public sealed record AccountChanges(string? DisplayName = null, string? Phone = null, string? NewEmail = null,
    string? NewPassword = null, string? OldPassword = null);

/// <summary>Reads and changes the signed-in person's account (name, phone, e-mail with re-confirmation, password).</summary>
public sealed class AccountProfile(UserManager<OutreachUser> users, AccountCodes codes, AccountMails mails, AccountThrottle throttle,
    IOptions<AccountOptions> options, ISmsSender sms, AuditLog audit, OutreachDbContext db)
{
    public static AccountInfo Info(OutreachUser user) =>
        new(user.Email ?? "", user.EmailConfirmed, user.DisplayName, user.PhoneNumber, user.PhoneNumberConfirmed, user.CreatedAt);

    public async Task<AccountResult> ChangeAsync(HttpContext http, OutreachUser user, AccountChanges changes)
    {
        var errors = new Dictionary<string, List<string>>();
        var name = changes.DisplayName is null ? null : AccountInput.DisplayName(changes.DisplayName, errors);
        var phone = changes.Phone is null ? null : AccountInput.Phone(changes.Phone, errors);
        var newEmail = string.IsNullOrWhiteSpace(changes.NewEmail) ? null : AccountInput.Email(changes.NewEmail, errors, "newEmail");
        if (changes.NewPassword is { Length: > 0 } && string.IsNullOrEmpty(changes.OldPassword)) AccountInput.Add(errors, "oldPassword", "请填写当前密码。");
        if (errors.Count > 0) return AccountResult.Invalid(errors);

        if (changes.NewPassword is { Length: > 0 } newPassword)
        {
            var changed = await users.ChangePasswordAsync(user, changes.OldPassword!, newPassword);
            if (!changed.Succeeded)
                return AccountResult.Invalid(changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "oldPassword" : "newPassword",
                    string.Join(" ", changed.Errors.Select(e => e.Description)));
            audit.Record(http.User, "account.password.changed", PasswordSignIn.Masked(user.Email ?? ""), platformWide: true);
        }
        if (name is not null) user.DisplayName = name;
        if (phone is not null && phone != (user.PhoneNumber ?? ""))
        {
            user.PhoneNumber = phone.Length > 0 ? phone : null;
            user.PhoneNumberConfirmed = false;
            if (options.Value.VerifyPhone && phone.Length > 0)
            {
                var code = await users.GenerateChangePhoneNumberTokenAsync(user, phone);
                await sms.SendAsync(phone, $"您的手机验证码是 {code}，几分钟内有效。如非本人操作请忽略。", http.RequestAborted);
            }
        }
        if (name is not null || phone is not null)
        {
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return AccountResult.Invalid("displayName", string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        if (newEmail is not null && !string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            if (await throttle.TakeAsync(SignUp.MailRule(options.Value), newEmail) is { } wait) return AccountResult.Throttled(wait);
            var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
            // The same answer whether the new address is free or taken; its owner hears of the attempt.
            if (await users.FindByEmailAsync(newEmail) is { } owner) await mails.SendAlreadyRegisteredAsync(owner.Email!, owner.DisplayName, culture);
            else await mails.SendConfirmationAsync(newEmail, await codes.IssueAsync(user, CodePurpose.Confirm, newEmail, http.RequestAborted),
                user.DisplayName, change: true, culture);
            audit.Record(http.User, "account.email.change.request", PasswordSignIn.Masked(newEmail), platformWide: true);
        }
        await db.SaveChangesAsync(http.RequestAborted);
        return AccountResult.Done;
    }

    /// <summary>With <see cref="AccountOptions.VerifyPhone"/>: the code sent by SMS confirms the number.</summary>
    public async Task<AccountResult> ConfirmPhoneAsync(OutreachUser user, string? code)
    {
        if (user.PhoneNumber is not { Length: > 0 } phone) return AccountResult.Invalid("phone", "请先填写手机号码。");
        if (string.IsNullOrWhiteSpace(code) || !(await users.ChangePhoneNumberAsync(user, phone, code.Trim())).Succeeded)
            return AccountResult.Invalid("code", EmailConfirmation.InvalidCode);
        return AccountResult.Done;
    }
}
