using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

/// <summary>
/// Asks for a reset link. The answer is the same page whether or not the address has an account, and both
/// paths do the same work (render the mail, write one audit row, one commit), so neither the page nor its
/// timing tells whether an account exists.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<OutreachUser> users, IMailOutbox outbox, MailTemplates templates, PasswordResetLinks links,
    SiteContext site, SiteLinks siteLinks, AuditLog audit, OutreachDbContext db, TimeProvider clock) : PageModel
{
    public const string Answer = "如果该邮箱已注册，我们已发送重置链接。";

    /// <summary>At most one reset mail per address and site in this window, so the form cannot flood someone's mailbox.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(5);

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Email { get; set; } = "";
    public bool Done { get; private set; }
    public string? Error { get; private set; }
    public string LoginUrl => site.Url("/admin/login");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email.Trim();
        if (Email.Length is 0 or > 256 || !new EmailAddressAttribute().IsValid(Email))
        {
            Error = "请输入有效的邮箱地址。";
            return Page();
        }
        var culture = CultureInfo.CurrentUICulture.Name;
        var user = await users.FindByEmailAsync(Email);
        // Asked for both known and unknown addresses (same work); the answer never says which applied.
        var since = clock.GetUtcNow() - Cooldown;
        var lookup = user?.Email ?? Email;
        var recent = await db.OutboxMails.AnyAsync(m => m.CreatedAt > since && m.Template == "password-reset" && m.ToAddress == lookup);
        if (user?.Email is { Length: > 0 } && recent)
        {
            await templates.RenderAsync(site.Required, "password-reset", Model(ResetUrl("x")), culture);
            audit.Record(null, "password.reset.request", Masked(Email), "throttled", platformWide: true);
        }
        else if (user?.Email is { Length: > 0 } address)
        {
            var token = links.Wrap(user.Id, await users.GeneratePasswordResetTokenAsync(user));
            await outbox.EnqueueAsync("password-reset", address, Model(ResetUrl(token)), culture);
            audit.Record(null, "password.reset.request", Masked(Email), platformWide: true);
        }
        else
        {
            // Same rendering work as above, thrown away: no timing hint about unknown addresses.
            _ = links.Wrap(0, "placeholder-token-of-similar-length-" + Guid.NewGuid().ToString("N"));
            await templates.RenderAsync(site.Required, "password-reset", Model(ResetUrl("x")), culture);
            audit.Record(null, "password.reset.request", Masked(Email), "no such account", platformWide: true);
        }
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }

    static PasswordResetMail Model(string link) => new(link, (int)PasswordResetLinks.Lifespan.TotalHours);

    /// <summary>From the site's configured public URL or the platform origin, never the request's Host header.</summary>
    string ResetUrl(string token) => siteLinks.Absolute(site.Required, "/admin/reset-password?token=" + Uri.EscapeDataString(token));

    internal static string Masked(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
