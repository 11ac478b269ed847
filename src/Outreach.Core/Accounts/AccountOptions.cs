using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Accounts;

/// <summary>Bound from <c>Outreach:Accounts</c>; validated at start.</summary>
public sealed class AccountOptions
{
    /// <summary>Failed sign-ins per client IP in <see cref="SignInWindowMinutes"/> before 429 (lockout still applies per account).</summary>
    [Range(1, 100_000)] public int SignInFailuresPerIp { get; set; } = 30;

    /// <summary>Failed sign-ins per e-mail address (known or not) in the window before 429.</summary>
    [Range(1, 100_000)] public int SignInFailuresPerAccount { get; set; } = 10;

    [Range(1, 24 * 60)] public int SignInWindowMinutes { get; set; } = 15;

    /// <summary>Sign-up attempts per client IP per hour. Generous: schools and carriers share addresses.</summary>
    [Range(1, 100_000)] public int SignUpsPerIpPerHour { get; set; } = 20;

    /// <summary>Mails about one address (sign-up, resend, reset, change) per hour, so no one can flood a mailbox.</summary>
    [Range(1, 1000)] public int MailsPerAddressPerHour { get; set; } = 3;

    /// <summary>Wrong codes per client IP per hour (confirm e-mail, reset password).</summary>
    [Range(1, 100_000)] public int CodeFailuresPerIpPerHour { get; set; } = 30;

    /// <summary>How long a mailed 6-digit code (and its link) stays valid.</summary>
    [Range(5, 7 * 24 * 60)] public int CodeMinutes { get; set; } = 60;

    /// <summary>Wrong guesses at one code before it is void.</summary>
    [Range(1, 20)] public int CodeAttempts { get; set; } = 5;

    /// <summary>Bearer access tokens of the account API are short-lived; apps refresh them.</summary>
    [Range(1, 24 * 60)] public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)] public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Send a code by SMS to verify a phone number (needs an <see cref="ISmsSender"/> that reaches phones).</summary>
    public bool VerifyPhone { get; set; }
}
