using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

public enum SignInStatus { Succeeded, Failed, Throttled }

/// <summary>The outcome of checking a password. Failed covers unknown account, wrong password and lockout alike.</summary>
public sealed record SignInOutcome(SignInStatus Status, OutreachUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// The one password check for every sign-in (admin page, public page, account API). Uniform: an unknown
/// address, a wrong password and a locked account give the same answer and take the same time — an unknown
/// or locked account verifies the password against a dummy hash, so the PBKDF2 work is done on every path.
/// Throttled per client IP and per address on failures (429 with Retry-After), on top of Identity's lockout.
/// Writes an audit row for every sign-in and failure.
/// </summary>
public sealed class PasswordSignIn(UserManager<OutreachUser> users, SignInManager<OutreachUser> signIn, IPasswordHasher<OutreachUser> hasher,
    AccountThrottle throttle, IOptions<AccountOptions> options, AuditLog audit, OutreachDbContext db)
{
    static string? _dummyHash;

    ThrottleRule PerIp => new("signin-ip", options.Value.SignInFailuresPerIp, TimeSpan.FromMinutes(options.Value.SignInWindowMinutes));
    ThrottleRule PerAccount => new("signin-account", options.Value.SignInFailuresPerAccount, TimeSpan.FromMinutes(options.Value.SignInWindowMinutes));

    public async Task<SignInOutcome> CheckAsync(HttpContext http, string email, string password)
    {
        var ip = AccountThrottle.ClientIp(http);
        var key = EmailAddress.Normalise(email) ?? email.Trim().ToLowerInvariant();
        if (key.Length > EmailAddress.MaxLength) key = key[..EmailAddress.MaxLength];
        var wait = Max(await throttle.RetryAfterAsync(PerIp, ip), await throttle.RetryAfterAsync(PerAccount, key));
        // Not audited: a flood must not turn into a flood of rows.
        if (wait is { } retry) return new SignInOutcome(SignInStatus.Throttled, RetryAfter: retry);

        var user = key.Length is > 0 and <= EmailAddress.MaxLength ? await users.FindByEmailAsync(key) : null;
        var succeeded = false;
        var locked = false;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            locked = user is not null;
            VerifyDummy(password);
        }
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            succeeded = result.Succeeded;
            locked = result.IsLockedOut;
        }

        if (succeeded)
        {
            audit.Record(await signIn.CreateUserPrincipalAsync(user!), "signin", key, platformWide: true);
            await db.SaveChangesAsync(http.RequestAborted);
            return new SignInOutcome(SignInStatus.Succeeded, user);
        }
        await throttle.CountAsync(PerIp, ip);
        await throttle.CountAsync(PerAccount, key);
        audit.Record(null, "signin.failed", Masked(key), locked ? "locked" : "", platformWide: true);
        await db.SaveChangesAsync(http.RequestAborted);
        return new SignInOutcome(SignInStatus.Failed);
    }

    /// <summary>The same PBKDF2 work as a real check, against a hash of a random password nobody knows.</summary>
    void VerifyDummy(string password)
    {
        var dummy = new OutreachUser();
        _dummyHash ??= hasher.HashPassword(dummy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(dummy, _dummyHash, password);
    }

    static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    /// <summary>Enough to notice an attack on one account, not enough to log a stranger's address.</summary>
    public static string Masked(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
