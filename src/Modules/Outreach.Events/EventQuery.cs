using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Events;

/// <summary>The filters of the event list and the API (all optional; query-string names in lowercase).</summary>
public sealed record EventFilter(string? From = null, string? To = null, string? City = null, string? Type = null,
    string? Audience = null, string? Campaign = null, string? Q = null, string? Page = null)
{
    /// <summary>zh-CN problems by parameter name; empty when the filter is usable.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (From is not null && ParseDay(From) is null) errors["from"] = [DayMessage];
        if (To is not null && ParseDay(To) is null) errors["to"] = [DayMessage];
        // Read as text: "abc" or a number past int.MaxValue gets this message instead of an empty 400.
        if (!string.IsNullOrEmpty(Page) && ParsedPage is null) errors["page"] = [$"页码应为 1 到 {MaxPage} 之间的整数"];
        if (!string.IsNullOrEmpty(City) && !GuangdongCities.IsValid(City)) errors["city"] = [GuangdongCities.Message(City)];
        if (!string.IsNullOrEmpty(Type) && !EventTypes.IsValid(Type)) errors["type"] = [$"未知活动类型“{Type}”；可用：{string.Join("、", EventTypes.All)}"];
        if (!string.IsNullOrEmpty(Audience) && !Audiences.IsValid(Audience)) errors["audience"] = [$"未知受众“{Audience}”；可用：{string.Join("、", Audiences.All)}"];
        return errors;
    }

    public const string DayMessage = "日期格式应为 2026-09-16，年份在 2000 到 2199 之间";

    /// <summary>Deep enough for any real list; beyond it (page - 1) * size would overflow.</summary>
    public const int MaxPage = 100_000;

    public int PageNumber => ParsedPage ?? 1;

    int? ParsedPage => int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage ? n : null;

    public bool HasDateRange => From is not null || To is not null;

    /// <summary>
    /// A Beijing calendar day (2026-09-16) as the UTC instant of its midnight. Years outside 2000–2199 are
    /// refused: 0001-01-01 has no UTC instant before it, 9999-12-31 no day after it, and before 1901 Shanghai
    /// kept local mean time (+08:05:43), an offset no DateTimeOffset can hold.
    /// </summary>
    public static DateTimeOffset? ParseDay(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && IsSupportedYear(day.Year)
            ? Midnight(day) : null;

    /// <summary>The UTC instant of a Beijing day's midnight (for days from 1901 on).</summary>
    public static DateTimeOffset Midnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), OutreachTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    /// <summary>A month (2026-09) of a supported year as its first day; null otherwise.</summary>
    public static DateOnly? ParseMonth(string value) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && IsSupportedYear(day.Year)
            ? day : null;

    public static bool IsSupportedYear(int year) => year is >= 2000 and <= 2199;
}

public static class EventQuery
{
    /// <summary>
    /// Published events a site lists: its own, plus other sites' events approved into its campaigns; the
    /// portal (the site with the empty prefix) gathers the province — every public site's published events.
    /// Crossing sites is deliberate here: published rows only, of public sites or approved campaign entries.
    /// </summary>
    public static IQueryable<Event> Listed(OutreachDbContext db, Site site)
    {
        var published = db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => e.Status == ContentStatus.Published);
        if (IsPortal(site))
        {
            var publicSites = db.Sites.Where(s => s.IsPublic).Select(s => s.Id);
            return published.Where(e => e.SiteId == site.Id || publicSites.Contains(e.SiteId));
        }
        // An entry counts only while the event still names that campaign (it may have moved on since).
        var approved = db.Set<CampaignEntry>().Where(e => e.Status == EntryStatus.Approved);
        var siteId = site.Id;
        return published.Where(e => e.SiteId == siteId || approved.Any(a => a.EventId == e.Id && a.CampaignId == e.CampaignId));
    }

    /// <summary>The portal is the site with the empty prefix (host-only sites have none at all).</summary>
    public static bool IsPortal(Site site) => site.Prefix == "";

    /// <summary>Published events of one campaign: the owner's own and the approved ones of other sites.</summary>
    public static IQueryable<Event> OfCampaign(OutreachDbContext db, Campaign campaign)
    {
        var approved = db.Set<CampaignEntry>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => e.CampaignId == campaign.Id && e.Status == EntryStatus.Approved).Select(e => e.EventId);
        return db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => e.Status == ContentStatus.Published && e.CampaignId == campaign.Id)
            .Where(e => e.SiteId == campaign.SiteId || approved.Contains(e.Id));
    }

    public static async Task<IQueryable<Event>> ApplyAsync(IQueryable<Event> query, EventFilter filter, OutreachDbContext db, CancellationToken ct)
    {
        if (filter.From is { } from && EventFilter.ParseDay(from) is { } start) query = query.Where(e => (e.RecurrenceEndsAt ?? e.EndsAt) >= start);
        if (filter.To is { } to && EventFilter.ParseDay(to) is { } end)
        {
            var endExclusive = end.AddDays(1);
            query = query.Where(e => e.StartsAt < endExclusive);
        }
        if (!string.IsNullOrEmpty(filter.City)) query = query.Where(e => e.City == filter.City);
        if (!string.IsNullOrEmpty(filter.Type)) query = query.Where(e => e.Type == filter.Type);
        if (!string.IsNullOrEmpty(filter.Audience))
        {
            var word = "," + filter.Audience + ",";
            query = query.Where(e => ("," + e.Audience + ",").Contains(word));
        }
        if (!string.IsNullOrEmpty(filter.Campaign))
        {
            // A campaign of the current site, by slug; an unknown slug lists nothing.
            var id = await db.Set<Campaign>().Where(c => c.Slug == filter.Campaign).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            query = id is null ? query.Where(_ => false) : query.Where(e => e.CampaignId == id);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(e => e.Title.Contains(q) || e.Summary.Contains(q) || e.Organiser.Contains(q) || e.VenueName.Contains(q) || e.Tags.Contains(q));
        }
        return query;
    }
}
