using Microsoft.AspNetCore.Http;
using Outreach.Core.Localization;
using Outreach.Core.Mail;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>
/// Every mail a registrant gets, from one template (<c>mail-registration</c>) by kind: confirmed (with the
/// ticket's QR code and an .ics), pending, waitlisted, offer, approved, rejected, cancelled, expired, reminder,
/// and manage-link (sent to the address on file when someone registers again with the same phone or email).
/// Queued in the caller's transaction, so the mail and the change that caused it commit together.
/// </summary>
public sealed class RegistrationMails(IMailOutbox outbox, MailTemplates templates, SiteContext site, RegistrationLinks links, TimeProvider clock)
{
    public async Task EnqueueAsync(string kind, Registration r, Event ev, TicketOption option, HttpContext? http = null, string? note = null)
    {
        if (await PrepareAsync(kind, r, ev, option, http, note) is { } mail) outbox.Enqueue(mail);
    }

    /// <summary>Renders the mail without queueing it, so the costly part (template, QR code, .ics) can run before a lock is taken.</summary>
    public async Task<OutgoingMail?> PrepareAsync(string kind, Registration r, Event ev, TicketOption option, HttpContext? http = null, string? note = null)
    {
        if (r.Email.Length == 0) return null; // phone-only registrants see everything on the manage page
        var current = site.Required;
        var withTicket = kind is "confirmed" or "approved" or "reminder";
        var model = new RegistrationMail(kind, r.Name, r.TicketCode, r.GroupSize,
            new EventSummary(ev.Title, option.StartsAt ?? ev.StartsAt, option.EndsAt ?? ev.EndsAt, ev.City, ev.District, ev.Address, ev.VenueName, ""),
            option.Name, links.Manage(current, r, http), r.OfferExpiresAt, note);
        // The registrant's language when they are at hand, else the site's.
        var culture = MailTemplates.NormalizeCulture(http is null ? current.DefaultCulture : System.Globalization.CultureInfo.CurrentUICulture.Name);
        var rendered = await templates.RenderAsync(current, "registration", model, culture);
        return new OutgoingMail(r.Email, rendered.Subject, rendered.Html, rendered.Text)
        {
            ToName = r.Name,
            Attachments = withTicket ? Attachments(r, ev, option, http) : [],
            Template = "registration",
            Culture = culture,
            Reference = r.Id == 0 ? null : Reference(r),
        };
    }

    public OutboxMail Enqueue(OutgoingMail mail) => outbox.Enqueue(mail);

    /// <summary>How a registration's mails are marked in the outbox, so deleting its data deletes them (<see cref="IMailOutbox.ForgetAsync"/>).</summary>
    public static string Reference(Registration r) => "registration:" + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Deletes the mails (and pickup files) of these registrations, with their personal data.</summary>
    public Task<int> ForgetAsync(IReadOnlyCollection<int> registrationIds, CancellationToken ct) =>
        registrationIds.Count == 0 ? Task.FromResult(0)
            : outbox.ForgetAsync(registrationIds.Select(id => "registration:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), ct);

    IReadOnlyList<MailAttachment> Attachments(Registration r, Event ev, TicketOption option, HttpContext? http)
    {
        var url = links.Absolute(site.Required, "/events/" + ev.Slug, http);
        var starts = option.StartsAt ?? ev.StartsAt;
        var ends = option.EndsAt ?? ev.EndsAt;
        var slot = new Event { Key = ev.Key, Title = ev.Title + (option.Name.Length > 0 ? "（" + option.Name + "）" : ""), Summary = "票号 " + r.TicketCode,
            StartsAt = starts, EndsAt = ends, City = ev.City, District = ev.District, Address = ev.Address, VenueName = ev.VenueName,
            OnlineUrl = ev.OnlineUrl, Latitude = ev.Latitude, Longitude = ev.Longitude, Organiser = ev.Organiser, Slug = ev.Slug };
        var host = site.Required.HostList.FirstOrDefault() ?? "outreach.local";
        var ics = EventCalendar.Write(ev.Title, [slot], host, _ => url, clock.GetUtcNow());
        return
        [
            new MailAttachment($"ticket-{r.TicketCode}.png", "image/png", Tickets.QrPng(r.TicketCode)),
            new MailAttachment("event.ics", EventCalendar.ContentType, System.Text.Encoding.UTF8.GetBytes(ics)),
        ];
    }

}
