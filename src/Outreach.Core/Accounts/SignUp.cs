using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

public sealed record SignUpInput(string? Email, string? Password, string? DisplayName, string? Phone);

/// <summary>
/// Anyone signs up with an e-mail address and a password. The answer never says whether the address already has
/// an account: a new one gets a confirmation code, a known one a note to its owner ("someone tried to sign up
/// with your address"), and the caller sees the same 200 either way. Account, code and mail are one transaction.
/// </summary>
public sealed class SignUp(UserManager<OutreachUser> users, IPasswordHasher<OutreachUser> hasher, OutreachDbContext db, AccountCodes codes,
    AccountMails mails, AccountThrottle throttle, IOptions<AccountOptions> options, AuditLog audit, TimeProvider clock)
{
    public const string Answer = "我们已向该邮箱发送了一封邮件，请查收并按邮件提示完成注册。";

    public async Task<AccountResult> RunAsync(HttpContext http, SignUpInput input)
    {
        var errors = new Dictionary<string, List<string>>();
        var email = AccountInput.Email(input.Email, errors);
        var name = AccountInput.DisplayName(input.DisplayName, errors);
        var phone = AccountInput.Phone(input.Phone, errors);
        var password = input.Password ?? "";
        if (password.Length == 0) AccountInput.Add(errors, "password", "请设置密码。");
        if (errors.Count > 0) return AccountResult.Invalid(errors);

        var o = options.Value;
        if (await throttle.TakeAsync(new ThrottleRule("signup-ip", o.SignUpsPerIpPerHour, TimeSpan.FromHours(1)), AccountThrottle.ClientIp(http)) is { } ipWait)
            return AccountResult.Throttled(ipWait);

        var user = new OutreachUser
        {
            UserName = email, Email = email, DisplayName = name!, PhoneNumber = phone is { Length: > 0 } ? phone : null,
            CreatedAt = clock.GetUtcNow(),
        };
        // The policy is checked before looking the address up, so a weak password is refused the same way for both.
        var policy = new List<string>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } failed) policy.AddRange(failed.Errors.Select(e => e.Description));
        if (policy.Count > 0) return AccountResult.Invalid(new Dictionary<string, List<string>> { ["password"] = policy });

        if (await throttle.TakeAsync(MailRule(o), email!) is { } addressWait) return AccountResult.Throttled(addressWait);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var existing = await users.FindByEmailAsync(email!);
        if (existing is not null)
        {
            hasher.HashPassword(user, password); // the same work as creating the account
            await mails.SendAlreadyRegisteredAsync(existing.Email!, existing.DisplayName, culture);
            audit.Record(null, "account.signup.existing", PasswordSignIn.Masked(email!), platformWide: true);
            await db.SaveChangesAsync(http.RequestAborted);
            return AccountResult.Done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            created = IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(email!));
        }
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(http.RequestAborted);
            // Lost a race with another sign-up of the same address: the same answer as for a known address.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                return AccountResult.Done;
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
            return AccountResult.Invalid(new Dictionary<string, List<string>> { [field] = created.Errors.Select(e => e.Description).ToList() });
        }
        var code = await codes.IssueAsync(user, CodePurpose.Confirm, email!, http.RequestAborted);
        await mails.SendConfirmationAsync(email!, code, user.DisplayName, change: false, culture);
        audit.Record(null, "account.signup", PasswordSignIn.Masked(email!), platformWide: true);
        await db.SaveChangesAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return AccountResult.Done;
    }

    public static ThrottleRule MailRule(AccountOptions o) => new("mail-address", o.MailsPerAddressPerHour, TimeSpan.FromHours(1));
}
