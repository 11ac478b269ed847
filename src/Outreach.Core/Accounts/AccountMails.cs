using Outreach.Core.Mail;
using Outreach.Core.Sites;

namespace Outreach.Core.Accounts;

/// <summary>The mails of the account use cases, through the outbox (saved with the caller's change).</summary>
public sealed class AccountMails(IMailOutbox outbox, SiteContext site, AccountCodes codes, SiteLinks links,
    Microsoft.Extensions.Options.IOptions<AccountOptions> options)
{
    /// <summary>
    /// An absolute link into the current site for a mail. Built from the site's configured host or the platform's
    /// public origin (<c>Outreach:PublicOrigin</c>), never from the request's Host header, which a client chooses.
    /// </summary>
    public string Absolute(string path) => links.Absolute(site.Required, path);

    /// <summary>"Your code is 123456" with a link that fills it in. <paramref name="change"/>: confirming a new address.</summary>
    public Task SendConfirmationAsync(string email, string code, string displayName, bool change, string culture) =>
        outbox.EnqueueAsync("account-confirm", email, new AccountMailModel
        {
            Name = displayName, Code = code, Change = change, Minutes = options.Value.CodeMinutes,
            Link = Absolute("/account/confirm?token=" + Uri.EscapeDataString(codes.LinkToken(CodePurpose.Confirm, email, code))),
        }, culture);

    /// <summary>Someone used this address to sign up again: tell its owner, offer sign-in and reset; reveal nothing to the other.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string displayName, string culture) =>
        outbox.EnqueueAsync("account-exists", email, new AccountMailModel
        {
            Name = displayName, Link = Absolute("/account/login"), ResetLink = Absolute("/account/forgot-password"),
        }, culture);

    public Task SendResetAsync(string email, string code, string displayName, string culture) =>
        outbox.EnqueueAsync("account-reset", email, new AccountMailModel
        {
            Name = displayName, Code = code, Minutes = options.Value.CodeMinutes,
            Link = Absolute("/account/reset-password?token=" + Uri.EscapeDataString(codes.LinkToken(CodePurpose.Reset, email, code))),
        }, culture);
}

/// <summary>What account mail templates read.</summary>
public sealed class AccountMailModel
{
    public string Name { get; init; } = "";
    public string Code { get; init; } = "";
    public string Link { get; init; } = "";
    public string ResetLink { get; init; } = "";
    public bool Change { get; init; }
    public int Minutes { get; init; }
}
