using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Events;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>
/// Site "host" owns the campaign month-2026; site "guest" asks three events into it. The owner approves
/// the published one and the draft, leaves the third pending: only the first may ever show.
/// </summary>
public sealed class EventsFixture() : SitesFixture("host", "guest"), IAsyncLifetime
{
    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await App.WithSiteAsync("host", async db =>
        {
            var guestIds = await db.Set<Event>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
                .Where(e => e.Slug == "guest-approved" || e.Slug == "guest-draft").Select(e => e.Id).ToListAsync();
            var entries = await db.Set<CampaignEntry>().Where(x => guestIds.Contains(x.EventId)).ToListAsync();
            Assert.Equal(2, entries.Count);
            foreach (var entry in entries) entry.Status = EntryStatus.Approved;
            return await db.SaveChangesAsync();
        });
    }
}
