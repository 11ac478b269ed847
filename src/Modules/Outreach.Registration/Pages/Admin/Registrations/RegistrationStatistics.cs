using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Events;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>Registrations of one option in one status, counted in the database; no personal field is read.</summary>
public sealed record Tally(int EventId, int OptionId, RegistrationStatus Status, int Count, int People, int CheckedIn, int CheckedInPeople, int NoShows);

/// <summary>
/// Counts over a set of tallies. Everything here survives anonymisation (status, group size, attendance), so
/// the figures stay right after the retention job has blanked the people.
/// </summary>
public sealed record Counts(int Total, IReadOnlyDictionary<RegistrationStatus, int> ByStatus, int ConfirmedPeople, int CheckedIn, int CheckedInPeople, int NoShows)
{
    public static readonly Counts None = From([]);

    public int Of(RegistrationStatus status) => ByStatus.GetValueOrDefault(status);

    public int Confirmed => Of(RegistrationStatus.Confirmed);

    /// <summary>Checked-in registrations of the confirmed ones (a checked-in registration stays confirmed).</summary>
    public double? AttendanceRate => Confirmed == 0 ? null : (double)CheckedIn / Confirmed;

    public string AttendanceText => AttendanceRate is { } rate ? rate.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static Counts From(IEnumerable<Tally> tallies)
    {
        var list = tallies.ToList();
        return new Counts(list.Sum(t => t.Count),
            list.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Sum(t => t.Count)),
            list.Where(t => t.Status == RegistrationStatus.Confirmed).Sum(t => t.People),
            list.Sum(t => t.CheckedIn), list.Sum(t => t.CheckedInPeople), list.Sum(t => t.NoShows));
    }
}

/// <summary>An option of an event with its seats and counts.</summary>
public sealed record OptionStats(TicketOption Option, int Capacity, int Taken, bool SharedQuota, Counts Counts);

/// <summary>A campaign of this site: its events (its own and other sites' approved guests) and their registrations, counts only.</summary>
public sealed record CampaignStats(Campaign Campaign, IReadOnlyList<CampaignEventStats> Events, Counts Counts);

public sealed record CampaignEventStats(int EventId, string Title, string SiteName, DateTimeOffset StartsAt, Counts Counts);

/// <summary>The admin's read-only queries over registrations: per status, per option, per campaign.</summary>
public static class RegistrationStatistics
{
    /// <summary>Tallies of the given events' registrations. Pass <paramref name="acrossSites"/> only for a campaign's guests.</summary>
    public static Task<List<Tally>> TalliesAsync(OutreachDbContext db, IReadOnlyCollection<int> eventIds, CancellationToken ct, bool acrossSites = false)
    {
        var rows = db.Set<Registration>().AsNoTracking();
        if (acrossSites) rows = rows.IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        return rows.Where(r => eventIds.Contains(r.EventId))
            .GroupBy(r => new { r.EventId, r.OptionId, r.Status })
            .Select(g => new Tally(g.Key.EventId, g.Key.OptionId, g.Key.Status, g.Count(), g.Sum(r => r.GroupSize),
                g.Sum(r => r.CheckedInAt != null ? 1 : 0), g.Sum(r => r.CheckedInAt != null ? r.CheckedInCount : 0), g.Sum(r => r.NoShow ? 1 : 0)))
            .ToListAsync(ct);
    }

    /// <summary>The options of one event of this site in their order, with seats and counts.</summary>
    public static async Task<List<OptionStats>> OptionsAsync(OutreachDbContext db, int eventId, CancellationToken ct)
    {
        var options = await db.Set<TicketOption>().AsNoTracking().Where(o => o.EventId == eventId).OrderBy(o => o.Position).ThenBy(o => o.Id).ToListAsync(ct);
        var quotas = await db.Set<Quota>().AsNoTracking().Where(q => q.EventId == eventId).ToDictionaryAsync(q => q.Id, ct);
        var tallies = await TalliesAsync(db, [eventId], ct);
        var shared = options.GroupBy(o => o.QuotaId).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return options.Select(o =>
        {
            var q = quotas.GetValueOrDefault(o.QuotaId);
            return new OptionStats(o, q?.Capacity ?? 0, q?.Taken ?? 0, shared.Contains(o.QuotaId), Counts.From(tallies.Where(t => t.OptionId == o.Id)));
        }).ToList();
    }

    /// <summary>Seats of each event: capacity and taken summed over its quotas (each quota once, shared or not).</summary>
    public static async Task<Dictionary<int, (int Capacity, int Taken)>> SeatsAsync(OutreachDbContext db, IReadOnlyCollection<int> eventIds, CancellationToken ct)
    {
        var sums = await db.Set<Quota>().AsNoTracking().Where(q => eventIds.Contains(q.EventId))
            .GroupBy(q => q.EventId).Select(g => new { g.Key, Capacity = g.Sum(q => q.Capacity), Taken = g.Sum(q => q.Taken) }).ToListAsync(ct);
        return sums.ToDictionary(s => s.Key, s => (s.Capacity, s.Taken));
    }

    /// <summary>
    /// This site's campaigns with the registrations of their events: the site's own events in the campaign and
    /// other sites' events whose entry the owner approved (the same rule as the campaign's public page).
    /// Crossing sites here reads counts only.
    /// </summary>
    public static async Task<List<CampaignStats>> CampaignsAsync(OutreachDbContext db, CancellationToken ct)
    {
        var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.StartsAt).Take(50).ToListAsync(ct);
        if (campaigns.Count == 0) return [];
        var campaignIds = campaigns.Select(c => c.Id).ToList();
        var own = await db.Set<Event>().AsNoTracking().Where(e => e.CampaignId != null && campaignIds.Contains(e.CampaignId.Value))
            .Select(e => new { e.Id, e.Title, e.SiteId, e.StartsAt, e.CampaignId }).ToListAsync(ct);
        var approved = await db.Set<CampaignEntry>().AsNoTracking().Where(x => campaignIds.Contains(x.CampaignId) && x.Status == EntryStatus.Approved)
            .Select(x => new { x.EventId, x.CampaignId }).ToListAsync(ct);
        var guestIds = approved.Select(a => a.EventId).Distinct().ToList();
        var guests = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => guestIds.Contains(e.Id)).Select(e => new { e.Id, e.Title, e.SiteId, e.StartsAt, e.CampaignId }).ToListAsync(ct);
        // A guest counts while it still names the campaign it was approved for.
        var members = own.Concat(guests.Where(g => approved.Any(a => a.EventId == g.Id && a.CampaignId == g.CampaignId)))
            .DistinctBy(e => e.Id).ToList();
        var tallies = await TalliesAsync(db, members.Select(m => m.Id).ToList(), ct, acrossSites: true);
        var siteNames = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayNameZh, ct);
        return campaigns.Select(c =>
        {
            var events = members.Where(m => m.CampaignId == c.Id).OrderBy(m => m.StartsAt)
                .Select(m => new CampaignEventStats(m.Id, m.Title, siteNames.GetValueOrDefault(m.SiteId, ""), m.StartsAt,
                    Counts.From(tallies.Where(t => t.EventId == m.Id)))).ToList();
            var ids = events.Select(e => e.EventId).ToHashSet();
            return new CampaignStats(c, events, Counts.From(tallies.Where(t => ids.Contains(t.EventId))));
        }).ToList();
    }
}
