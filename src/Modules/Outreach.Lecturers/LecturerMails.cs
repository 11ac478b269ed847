using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Lecturers;

/// <summary>What the lecturer mails read (<c>mail-lecturer-*.liquid</c>).</summary>
/// <param name="Step">received, changes-requested, approved, rejected, change-received, change-approved, change-rejected, left.</param>
public sealed record LecturerMail(string Name, string Step, string Reason, string MyUrl, string ProfileUrl, string SiteName);

/// <summary>
/// Tells the applicant what happened, through the outbox in the caller's transaction. The address is the account's
/// (checked by <see cref="EmailAddress.Normalise"/>); a mail is about <c>lecturer:{id}</c> so it goes when the data does.
/// </summary>
public sealed class LecturerMails(OutreachDbContext db, IMailOutbox outbox, SiteContext site, SiteLinks links)
{
    public static string Reference(int lecturerId) => $"lecturer:{lecturerId}";

    public async Task QueueAsync(Lecturer lecturer, string step, string reason, CancellationToken ct)
    {
        if (lecturer.UserId is not { } userId) return;
        var email = await db.Set<OutreachUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (EmailAddress.Normalise(email) is not { } address) return;
        var current = site.Required;
        var model = new LecturerMail(lecturer.Name, step, reason, links.Absolute(current, "/my#lecturer"),
            links.Absolute(current, "/lecturers/" + lecturer.Slug), current.DisplayNameZh);
        var row = await outbox.EnqueueAsync("lecturer", address, model, toName: lecturer.Name);
        row.Reference = Reference(lecturer.Id);
    }
}
