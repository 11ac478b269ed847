using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Events;

/// <summary>Upcoming events on the home page: the site's own (and its campaigns'), or every public site's on the portal.</summary>
public sealed class UpcomingEventsSection(OutreachDbContext db, SiteContext site, TimeProvider clock) : IHomeSection
{
    public async Task<HomeSection?> BuildAsync(HttpContext http, CancellationToken ct)
    {
        if (site.Site is not { } current) return null;
        var now = clock.GetUtcNow();
        var events = await EventQuery.Listed(db, current).Where(e => (e.RecurrenceEndsAt ?? e.EndsAt) >= now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(6).ToListAsync(ct);
        if (events.Count == 0) return null;
        var links = await EventLinks.CreateAsync(http, ct);
        return new HomeSection("events-home", new UpcomingEventsBlock(events.Select(e => EventView.From(e, links)).ToList(), site.Url("/events")), Order: 10);
    }
}
