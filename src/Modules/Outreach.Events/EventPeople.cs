using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Events;

/// <summary>Event slugs: unique per site, and never a word the module's own routes use.</summary>
public static class EventSlugs
{
    /// <summary>/events/calendar is the month view; an event with that slug could never be opened.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "calendar" };

    public static bool IsReserved(string? slug) => slug is not null && Reserved.Contains(slug.Trim());

    public static async Task<string> UniqueAsync(ContentEditor editor, string? requested, string title, int exceptId, CancellationToken ct = default)
    {
        var slug = await editor.UniqueSlugAsync<Event>(IsReserved(requested) ? null : requested, title, exceptId, ct);
        // A title such as "Calendar" gives the reserved word itself: number it like any taken slug.
        return IsReserved(slug) ? await editor.UniqueSlugAsync<Event>(slug + "-2", title, exceptId, ct) : slug;
    }
}

public static class EventVenues
{
    /// <summary>The event keeps the venue's text, so lists, search and feeds need no join and survive the venue's deletion.</summary>
    public static void CopyTo(Venue venue, Event e)
    {
        e.VenueId = venue.Id;
        e.VenueName = venue.Name;
        e.Address = venue.Address;
        if (venue.City.Length > 0) e.City = venue.City;
        e.District = venue.District;
        e.Latitude = venue.Latitude;
        e.Longitude = venue.Longitude;
    }
}

public static class EventSpeakers
{
    /// <summary>Speakers of the given sessions by session id, in agenda order (the sessions decide the site).</summary>
    public static async Task<ILookup<int, Speaker>> OfSessionsAsync(OutreachDbContext db, IReadOnlyCollection<EventSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.Id).ToList();
        if (ids.Count == 0) return Array.Empty<Speaker>().ToLookup(_ => 0);
        var rows = await db.Set<SessionSpeaker>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(x => ids.Contains(x.SessionId))
            .Join(db.Set<Speaker>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), x => x.SpeakerId, p => p.Id, (x, p) => new { x.SessionId, x.Order, Speaker = p })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Order).ToLookup(r => r.SessionId, r => r.Speaker);
    }

    /// <summary>Replaces a session's speakers with the given ones, in that order.</summary>
    public static void Set(OutreachDbContext db, EventSession session, IEnumerable<int> speakerIds)
    {
        var order = 0;
        foreach (var id in speakerIds.Distinct())
            db.Add(new SessionSpeaker { SiteId = session.SiteId, SessionId = session.Id, SpeakerId = id, Order = order++ });
    }
}
