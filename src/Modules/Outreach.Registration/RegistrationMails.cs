using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Mail;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>
/// Every mail a registrant gets, from one template (<c>mail-registration</c>) by kind: confirmed (with the
/// ticket's QR code and an .ics), pending, waitlisted, offer, approved, rejected, cancelled, expired, moved,
/// reminder, and manage-link (sent to the address on file when someone registers again with the same phone or email).
/// The desk queues a small unrendered row in the transaction that moves the seat (<see cref="Defer"/>), so the
/// mail and the change commit together and exactly once; the row is rendered from the registration after the
/// commit (<see cref="RenderQueuedAsync"/>, or the delivery run if that node stopped): no template, QR code or
/// .ics is ever made while a seat is locked.
/// </summary>
public sealed class RegistrationMails(IMailOutbox outbox, MailTemplates templates, SiteContext site, RegistrationLinks links, TimeProvider clock,
    OutreachDbContext db) : IMailRenderer
{
    public const string TemplateName = "registration";

    /// <summary>What the renderer needs besides the registration: the kind of mail and an organiser's note.</summary>
    sealed record Note(string Kind, string? Text);

    static readonly JsonSerializerOptions NoteJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues the <paramref name="kind"/> mail of <paramref name="r"/> unrendered in the caller's unit of work
    /// (saved by its SaveChanges); null for phone-only registrants, who see everything on the manage page.
    /// </summary>
    public OutboxMail? Defer(string kind, Registration r, HttpContext? http = null, string? note = null)
    {
        if (r.Email.Length == 0) return null;
        // The registrant's language when they are at hand, else the site's.
        var culture = MailTemplates.NormalizeCulture(http is null ? site.Required.DefaultCulture : System.Globalization.CultureInfo.CurrentUICulture.Name);
        return outbox.Defer(new DeferredMail(TemplateName, r.Email, Reference(r), JsonSerializer.Serialize(new Note(kind, note), NoteJson))
        {
            Culture = culture,
        });
    }

    /// <summary>Renders the mails this request deferred, once their transaction has committed.</summary>
    public Task<int> RenderQueuedAsync(CancellationToken ct) => outbox.RenderDeferredAsync(ct);

    string IMailRenderer.Template => TemplateName;

    async Task<OutgoingMail?> IMailRenderer.RenderAsync(OutboxMail row, CancellationToken ct)
    {
        var note = JsonSerializer.Deserialize<Note>(row.RenderData ?? "", NoteJson) ?? throw new InvalidDataException("registration mail without its note");
        var key = row.Reference is { } reference && reference.StartsWith(ReferencePrefix, StringComparison.Ordinal)
                  && Guid.TryParseExact(reference[ReferencePrefix.Length..], "N", out var k) ? k : Guid.Empty;
        var r = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
        if (r is null || r.AnonymisedAt is not null || r.Email.Length == 0) return null; // their data is gone: so is the mail
        var ev = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstAsync(e => e.Id == r.EventId, ct);
        var option = await db.Set<TicketOption>().AsNoTracking().FirstAsync(o => o.Id == r.OptionId, ct);
        return await PrepareAsync(note.Kind, r, ev, option, row.Culture, note.Text);
    }

    /// <summary>Renders one mail (template, and for a ticket the QR code and .ics).</summary>
    public async Task<OutgoingMail?> PrepareAsync(string kind, Registration r, Event ev, TicketOption option, string culture, string? note = null)
    {
        if (r.Email.Length == 0) return null;
        var current = site.Required;
        var withTicket = kind is "confirmed" or "approved" or "reminder";
        var model = new RegistrationMail(kind, r.Name, r.TicketCode, r.GroupSize,
            new EventSummary(ev.Title, option.StartsAt ?? ev.StartsAt, option.EndsAt ?? ev.EndsAt, ev.City, ev.District, ev.Address, ev.VenueName, ""),
            option.Name, links.Manage(current, r), r.OfferExpiresAt, note);
        culture = MailTemplates.NormalizeCulture(culture);
        var rendered = await templates.RenderAsync(current, TemplateName, model, culture);
        return new OutgoingMail(r.Email, rendered.Subject, rendered.Html, rendered.Text)
        {
            ToName = r.Name,
            Attachments = withTicket ? Attachments(r, ev, option) : [],
            Template = TemplateName,
            Culture = culture,
            Reference = Reference(r),
        };
    }

    const string ReferencePrefix = "registration:";

    /// <summary>
    /// How a registration's mails are marked in the outbox, so deleting its data deletes them
    /// (<see cref="IMailOutbox.ForgetAsync(IReadOnlyCollection{string}, CancellationToken)"/>): by its key, which
    /// exists before the row is saved, so the mail goes in the same INSERT batch as the registration.
    /// </summary>
    public static string Reference(Registration r) => ReferencePrefix + r.Key.ToString("N");

    /// <summary>Deletes the mails (and pickup files) of these registrations, with their personal data.</summary>
    public Task<int> ForgetAsync(IReadOnlyCollection<(int Id, Guid Key)> registrations, CancellationToken ct) =>
        registrations.Count == 0 ? Task.FromResult(0)
            // Mails queued before references carried the key name the registration by its id.
            : outbox.ForgetAsync(registrations.SelectMany(r => new[]
                { ReferencePrefix + r.Key.ToString("N"), ReferencePrefix + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(), ct);

    IReadOnlyList<MailAttachment> Attachments(Registration r, Event ev, TicketOption option)
    {
        var url = links.Absolute(site.Required, "/events/" + ev.Slug);
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
