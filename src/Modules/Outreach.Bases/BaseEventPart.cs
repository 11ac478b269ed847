using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Bases;

/// <summary>
/// The part <c>"base": { "slug": "lingnan-science-centre", "site": "portal" }</c> of an event: the event (an open day or an
/// activity) is held at that base. The event stays an ordinary event — it joins campaigns (科普日, 科普月) the Events
/// way — and the base's page lists it. <c>site</c> defaults to the event's own site; <c>"base": {}</c> removes the link.
/// </summary>
public sealed class BaseEventPart(OutreachDbContext db, SiteContext site, SiteLinks links) : IEventPart
{
    public const string PartName = "base";

    public string Name => PartName;

    public sealed record LinkedBase(int Id, string Name, string Url);

    public async Task<object?> DescribeAsync(Event e, CancellationToken ct)
    {
        var row = await db.Set<BaseEvent>().AsNoTracking().Where(l => l.EventId == e.Id)
            .Join(db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), l => l.BaseId, b => b.Id, (l, b) => b)
            .Where(b => b.Status == ContentStatus.Published).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var owner = await db.Sites.AsNoTracking().FirstAsync(s => s.Id == row.SiteId, ct);
        return new LinkedBase(row.Id, row.Title, links.Absolute(owner, "/bases/" + row.Slug));
    }

    public async Task<IReadOnlyDictionary<int, object>> DescribeManyAsync(IReadOnlyCollection<Event> events, CancellationToken ct)
    {
        // One read for a page of events (never one per event), then one for the owning sites of the bases found.
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Set<BaseEvent>().AsNoTracking().Where(l => ids.Contains(l.EventId))
            .Join(db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), l => l.BaseId, b => b.Id, (l, b) => new { l.EventId, b.Id, b.SiteId, b.Title, b.Slug, b.Status })
            .Where(b => b.Status == ContentStatus.Published).ToListAsync(ct);
        if (rows.Count == 0) return new Dictionary<int, object>();
        var siteIds = rows.Select(r => r.SiteId).Distinct().ToList();
        var owners = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return rows.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g =>
        {
            var r = g.First();
            return (object)new LinkedBase(r.Id, r.Title, links.Absolute(owners[r.SiteId], "/bases/" + r.Slug));
        });
    }

    public Task<HomeSection?> SectionAsync(Event e, HttpContext http, CancellationToken ct) => Task.FromResult<HomeSection?>(null);

    public Dictionary<string, string[]> Validate(JsonElement input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.ValueKind != JsonValueKind.Object) errors[PartName] = ["应为 { \"slug\": 基地网址名, \"site\": 站点名（可省略） }。"];
        else
        {
            foreach (var name in new[] { "slug", "site" })
                if (input.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    errors[$"{PartName}.{name}"] = ["应为文字。"];
        }
        return errors;
    }

    public async Task<Dictionary<string, string[]>> ApplyAsync(Event e, JsonElement input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return errors;
        var slug = input.TryGetProperty("slug", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()!.Trim() : "";
        var siteName = input.TryGetProperty("site", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        int? baseId = null;
        if (slug.Length > 0)
        {
            var siteId = siteName.Length == 0 ? site.SiteId : await db.Sites.Where(x => x.Name == siteName).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
            // A base of another site is read across sites on purpose: published bases only, as on the public pages.
            baseId = siteId is null ? null : await db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
                .Where(b => b.SiteId == siteId && b.Slug == slug && b.Status == ContentStatus.Published).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct);
            if (baseId is null) return new() { [$"{PartName}.slug"] = [$"找不到已发布的科普教育基地“{(siteName.Length > 0 ? siteName + "/" : "")}{slug}”。"] };
        }
        var link = await db.Set<BaseEvent>().FirstOrDefaultAsync(l => l.EventId == e.Id, ct);
        if (baseId is null)
        {
            if (link is not null) db.Remove(link);
        }
        else if (link is null) db.Add(new BaseEvent { BaseId = baseId.Value, EventId = e.Id });
        else link.BaseId = baseId.Value;
        return errors;
    }
}

/// <summary>
/// Published events held at a base (its open days and activities), on any public site, for the base's page: the coming
/// ones, then the last few held (a 科普日 open day stays visible after the day, as the base's record).
/// </summary>
public static class BaseEvents
{
    public sealed record EventAtBase(string Title, string Url, string StartsIso, string When, string Campaign, bool Past);

    public static async Task<List<EventAtBase>> UpcomingAsync(OutreachDbContext db, SiteLinks links, int baseId, DateTimeOffset now, CancellationToken ct)
    {
        // Crossing sites on purpose: published events of public sites only, like the campaign pages.
        var published = db.Set<BaseEvent>().AsNoTracking().Where(l => l.BaseId == baseId)
            .Join(db.Set<Event>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), l => l.EventId, e => e.Id, (l, e) => e)
            .Where(e => e.Status == ContentStatus.Published);
        var events = await published.Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).Take(20).ToListAsync(ct);
        events.AddRange(await published.Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).Take(5).ToListAsync(ct));
        if (events.Count == 0) return [];
        var siteIds = events.Select(e => e.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id) && s.IsPublic).ToDictionaryAsync(s => s.Id, ct);
        var campaignIds = events.Where(e => e.CampaignId != null).Select(e => e.CampaignId!.Value).Distinct().ToList();
        var campaigns = await db.Set<Campaign>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).AsNoTracking().Where(c => campaignIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        return events.Where(e => sites.ContainsKey(e.SiteId)).Select(e =>
        {
            var starts = Core.Localization.OutreachTime.ToBeijing(e.StartsAt);
            var ends = Core.Localization.OutreachTime.ToBeijing(e.EndsAt);
            return new EventAtBase(e.Title, links.Absolute(sites[e.SiteId], "/events/" + e.Slug),
                starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                $"{starts.Year}年{starts.Month}月{starts.Day}日 {starts:HH\\:mm}–{ends:HH\\:mm}",
                e.CampaignId is { } c ? campaigns.GetValueOrDefault(c, "") : "", e.EndsAt <= now);
        }).ToList();
    }
}
