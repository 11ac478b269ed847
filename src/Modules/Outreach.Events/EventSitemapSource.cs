using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Events;

/// <summary>
/// The site's own published events and its campaigns for its sitemap. Other sites' events joined to a
/// campaign stay in their own site's sitemap (their canonical URL is there).
/// </summary>
public sealed class EventSitemapSource(OutreachDbContext db, SiteContext site) : ISitemapSource
{
    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(HttpContext http, CancellationToken ct)
    {
        if (site.Site is null) return [];
        var events = await db.Set<Event>().AsNoTracking().Where(e => e.Status == ContentStatus.Published)
            .OrderByDescending(e => e.StartsAt).Select(e => new { e.Slug, e.UpdatedAt, e.CampaignId }).Take(20000).ToListAsync(ct);
        var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.StartsAt).Select(c => new { c.Id, c.Slug }).ToListAsync(ct);
        var entries = new List<SitemapEntry> { new("/events", events.Select(e => (DateTimeOffset?)e.UpdatedAt).DefaultIfEmpty(null).Max()) };
        entries.AddRange(campaigns.Select(c => new SitemapEntry("/campaigns/" + c.Slug,
            events.Where(e => e.CampaignId == c.Id).Select(e => (DateTimeOffset?)e.UpdatedAt).DefaultIfEmpty(null).Max())));
        entries.AddRange(events.Select(e => new SitemapEntry("/events/" + e.Slug, e.UpdatedAt)));
        return entries;
    }
}
