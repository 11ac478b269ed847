using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Outreach.Core.Localization;

namespace Outreach.Events;

/// <summary>
/// iCalendar (RFC 5545) feeds: times in Asia/Shanghai with its VTIMEZONE, UIDs stable across edits, SEQUENCE
/// growing with each edit (so calendar apps take the newer copy), the organising site as ORGANIZER.
/// </summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    const string Zone = OutreachTime.ZoneId;

    /// <param name="urlOf">Absolute URL of an event's page.</param>
    /// <param name="organizerOf">The site that publishes the event: its name and absolute home URL (never a person's address).</param>
    public static string Write(string name, IEnumerable<Event> events, string host, Func<Event, string> urlOf, DateTimeOffset now,
        Func<Event, CalendarOrganizer?>? organizerOf = null)
    {
        var calendar = new Calendar();
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", Zone);
        calendar.Method = "PUBLISH";
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Zone));
        foreach (var e in events)
        {
            var location = string.Join(" ", new[] { e.VenueName, e.City + e.District + e.Address }.Where(s => s.Length > 0));
            var entry = new CalendarEvent
            {
                // The Key never changes, so a moved event updates the entry already in a calendar.
                Uid = $"{e.Key:N}@{host}",
                Summary = e.Title,
                Description = e.Summary,
                Location = location.Length > 0 ? location : e.OnlineUrl,
                Start = Local(e.StartsAt),
                End = Local(e.EndsAt),
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
                Url = new Uri(urlOf(e)),
                // Revision counts the saves: a moved or renamed event replaces the copy a calendar keeps.
                Sequence = e.Revision,
            };
            if (organizerOf?.Invoke(e) is { } organizer)
                entry.Organizer = new Organizer { Value = new Uri(organizer.Url), CommonName = organizer.Name };
            if (e.Latitude is { } lat && e.Longitude is { } lng) entry.GeographicLocation = new GeographicLocation(lat, lng);
            // Calendar apps expand the rule themselves; the first occurrence is DTSTART–DTEND.
            if (e.Recurrence.Length > 0) entry.RecurrenceRule = EventRecurrence.Parse(e.Recurrence);
            calendar.Events.Add(entry);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    static CalDateTime Local(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(OutreachTime.ToBeijing(instant).DateTime, DateTimeKind.Unspecified), Zone);
}

/// <summary>An event's ORGANIZER: the publishing site's name and home page (a URI, as RFC 5545 allows for cal-address).</summary>
public sealed record CalendarOrganizer(string Name, string Url);
