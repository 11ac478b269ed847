using Outreach.Core.Mail;
using Outreach.Core.Sites;
using Outreach.Events;
using Outreach.Registration;

namespace Outreach.Bases;

/// <summary>What a visit mail shows (template <c>mail-base-visit</c>).</summary>
public sealed record VisitMail(string Kind, string Contact, string Organisation, string Base, string Address, string Phone,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int GroupSize, string TicketCode, string ManageUrl, string? Note);

/// <summary>
/// The mails of a group visit: received (waiting for the base), confirmed (with the QR ticket and an .ics), declined,
/// cancelled, changed. Rendered before the seat lock, queued in the transaction of the change that causes them.
/// The QR code and the ticket code come from the registration engine (<see cref="Tickets"/>), the .ics from Events.
/// </summary>
public sealed class VisitMails(IMailOutbox outbox, MailTemplates templates, SiteContext site, SiteLinks links, ManageTokens tokens, TimeProvider clock)
{
    public string ManageUrl(Visit v) => links.Absolute(site.Required, ManagePath(tokens, v));

    public static string ManagePath(ManageTokens tokens, Visit v) => "/bases/visits/" + tokens.For(v.Key);

    public async Task<OutgoingMail?> PrepareAsync(string kind, Visit v, Base b, VisitSlot slot, string? note = null)
    {
        if (v.Email.Length == 0) return null; // phone-only bookers see everything on the manage page
        var current = site.Required;
        var model = new VisitMail(kind, v.Contact, v.Organisation, b.Title, b.City + b.District + b.Address, b.PublicPhone,
            slot.StartsAt, slot.EndsAt, v.GroupSize, v.TicketCode, ManageUrl(v), note);
        var rendered = await templates.RenderAsync(current, "base-visit", model, current.DefaultCulture);
        var withTicket = kind is "confirmed" or "changed" && v.Status == VisitStatus.Confirmed;
        return new OutgoingMail(v.Email, rendered.Subject, rendered.Html, rendered.Text)
        {
            ToName = v.Contact,
            Template = "base-visit",
            Attachments = withTicket ? Attachments(v, b, slot) : [],
            Reference = v.Id == 0 ? null : Reference(v),
        };
    }

    public OutboxMail Enqueue(OutgoingMail mail) => outbox.Enqueue(mail);

    public static string Reference(Visit v) => "base-visit:" + v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    IReadOnlyList<MailAttachment> Attachments(Visit v, Base b, VisitSlot slot)
    {
        var url = links.Absolute(site.Required, "/bases/" + b.Slug);
        // The calendar entry is the visit (its own key), so a changed slot replaces it in the calendar.
        var entry = new Event
        {
            Key = v.Key, Title = $"参观{b.Title}（{v.GroupSize} 人）", Summary = "票号 " + v.TicketCode, StartsAt = slot.StartsAt, EndsAt = slot.EndsAt,
            City = b.City, District = b.District, Address = b.Address, VenueName = b.Title, Latitude = b.Latitude, Longitude = b.Longitude, Slug = b.Slug,
        };
        var host = site.Required.HostList.FirstOrDefault() ?? "outreach.local";
        var ics = EventCalendar.Write(b.Title, [entry], host, _ => url, clock.GetUtcNow());
        return
        [
            new MailAttachment($"ticket-{v.TicketCode}.png", "image/png", Tickets.QrPng(v.TicketCode)),
            new MailAttachment("visit.ics", EventCalendar.ContentType, System.Text.Encoding.UTF8.GetBytes(ics)),
        ];
    }
}
