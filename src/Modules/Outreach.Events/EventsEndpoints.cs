using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Localization;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Events;

/// <summary>Public pages: the event list, an event, a campaign landing page and iCalendar feeds.</summary>
public static class EventsEndpoints
{
    public const int PageSize = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/events", async ([AsParameters] EventFilter filter, string? when, HttpContext http, OutreachDbContext db,
            SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct) =>
        {
            var problems = filter.Problems();
            // A bad filter from a hand-edited URL shows an empty list with the message (400), not an error page.
            var query = EventQuery.Listed(db, site.Required);
            if (problems.Count == 0) query = await EventQuery.ApplyAsync(query, filter, db, ct);
            else query = query.Where(_ => false);
            var now = clock.GetUtcNow();
            var past = when == "past";
            if (!filter.HasDateRange) query = past ? query.Where(e => (e.RecurrenceEndsAt ?? e.EndsAt) < now) : query.Where(e => (e.RecurrenceEndsAt ?? e.EndsAt) >= now);
            query = past ? query.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id) : query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
            var total = await query.CountAsync(ct);
            var number = filter.PageNumber;
            var items = await query.Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.StartsAt).ToListAsync(ct);
            string PageLink(int p) => QueryString.Create(
                new Dictionary<string, string?> { ["from"] = filter.From, ["to"] = filter.To, ["city"] = filter.City, ["type"] = filter.Type,
                    ["audience"] = filter.Audience, ["campaign"] = filter.Campaign, ["q"] = filter.Q, ["when"] = when, ["page"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    .Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
            return await views.PageAsync(http, "event-list", new EventListPage(
                Events: items.Select(e => EventView.From(e, links)).ToList(),
                Filter: new EventFilterView(filter.From, filter.To, filter.City, filter.Type, filter.Audience, filter.Campaign, filter.Q, past ? "past" : "upcoming"),
                Errors: problems.Values.SelectMany(v => v).ToList(),
                Cities: [.. GuangdongCities.All],
                Types: EventTypes.Names.Select(kv => new Choice(kv.Key, kv.Value)).ToList(),
                Audiences: Audiences.Names.Select(kv => new Choice(kv.Key, kv.Value)).ToList(),
                Campaigns: campaigns.Select(c => new Choice(c.Slug, c.Title)).ToList(),
                Paging: new Paging(number, pages, total, number > 1 ? PageLink(number - 1) : null, number < pages ? PageLink(number + 1) : null),
                Ics: site.Url("/events.ics"),
                HeadHtml: $"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{site.Url("/events.atom")}\">"),
                problems.Count == 0 ? 200 : 400);
        }).WithName("EventList").ExcludeFromDescription();

        // A month of the site's events on a Monday-first grid, each on its Beijing-time days.
        app.MapGet("/events/calendar", async (string? month, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views,
            TimeProvider clock, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(OutreachTime.ToBeijing(clock.GetUtcNow()).DateTime);
            var first = new DateOnly(today.Year, today.Month, 1);
            var error = (string?)null;
            if (!string.IsNullOrEmpty(month))
            {
                if (EventFilter.ParseMonth(month) is { } parsed) first = parsed;
                else error = "月份格式应为 2026-09，年份在 2000 到 2199 之间";
            }
            var next = first.AddMonths(1);
            var from = EventFilter.Midnight(first);
            var to = EventFilter.Midnight(next);
            var events = await EventQuery.Listed(db, site.Required).Where(e => e.StartsAt < to && (e.RecurrenceEndsAt ?? e.EndsAt) >= from)
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(1000).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            var byDay = new Dictionary<DateOnly, List<EventView>>();
            var shown = 0;
            foreach (var e in events)
            {
                var view = EventView.From(e, links);
                var inMonth = false;
                // A recurring event appears on each occurrence's days, at that occurrence's time.
                foreach (var (startsAt, endsAt) in EventRecurrence.Occurrences(e))
                {
                    var occurrence = startsAt == e.StartsAt ? view : view with { StartsAt = startsAt, EndsAt = endsAt };
                    var start = DateOnly.FromDateTime(OutreachTime.ToBeijing(startsAt).DateTime);
                    // An event ending exactly at midnight does not spill into the next day.
                    var end = DateOnly.FromDateTime(OutreachTime.ToBeijing(endsAt > startsAt ? endsAt.AddTicks(-1) : startsAt).DateTime);
                    for (var d = start < first ? first : start; d <= end && d < next; d = d.AddDays(1))
                    {
                        (byDay.TryGetValue(d, out var list) ? list : byDay[d] = []).Add(occurrence);
                        inMonth = true;
                    }
                }
                if (inMonth) shown++;
            }
            var gridStart = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
            var weeks = new List<IReadOnlyList<CalendarDay>>();
            string[] weekdays = ["一", "二", "三", "四", "五", "六", "日"];
            for (var weekStart = gridStart; weekStart < next; weekStart = weekStart.AddDays(7))
                weeks.Add(Enumerable.Range(0, 7).Select(i => weekStart.AddDays(i)).Select(d => new CalendarDay(
                    Day: d.Day,
                    Date: d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Label: $"{d.Month}月{d.Day}日 周{weekdays[((int)d.DayOfWeek + 6) % 7]}",
                    InMonth: d.Month == first.Month,
                    Today: d == today,
                    Events: byDay.GetValueOrDefault(d) ?? [])).ToList());
            string MonthLink(DateOnly m) => site.Url("/events/calendar?month=" + m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            // A bad month from a hand-edited URL: this month's calendar with the message, answered as 400.
            return await views.PageAsync(http, "event-calendar", new EventCalendarPage(
                Title: $"{first.Year}年{first.Month}月",
                Month: first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Weekdays: weekdays.Select(w => "周" + w).ToList(),
                Weeks: weeks,
                Total: shown,
                Error: error,
                Previous: MonthLink(first.AddMonths(-1)),
                Next: MonthLink(next),
                List: site.Url("/events?from=" + first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                    + "&to=" + next.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
                error is null ? 200 : 400);
        }).WithName("EventCalendar").ExcludeFromDescription();

        app.MapGet("/events.ics", async (HttpContext http, OutreachDbContext db, SiteContext site, TimeProvider clock, CancellationToken ct) =>
        {
            var events = await EventQuery.Listed(db, site.Required).OrderBy(e => e.StartsAt).Take(1000).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            var ics = EventCalendar.Write(site.Required.DisplayNameZh, events, EventLinks.UidHost(http), e => EventLinks.Absolute(http, links.Path(e)), clock.GetUtcNow(),
                e => links.Organizer(http, e));
            return Results.Text(ics, EventCalendar.ContentType);
        }).ExcludeFromDescription();

        // Atom feed of newly published events, for readers and aggregators.
        app.MapGet("/events.atom", async (HttpContext http, OutreachDbContext db, SiteContext site, TimeProvider clock, CancellationToken ct) =>
        {
            var events = await EventQuery.Listed(db, site.Required).OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).Take(50).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            XNamespace atom = "http://www.w3.org/2005/Atom";
            var self = EventLinks.Absolute(http, site.Url("/events.atom"));
            static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            // RFC 4287: a feed needs an author; the publishing site is the author (never a person's address).
            XElement Author(CalendarOrganizer who) => new(atom + "author", new XElement(atom + "name", who.Name), new XElement(atom + "uri", who.Url));
            var feed = new XElement(atom + "feed", new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
                new XElement(atom + "title", site.Required.DisplayNameZh + " · 活动"),
                new XElement(atom + "id", self),
                new XElement(atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
                new XElement(atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", EventLinks.Absolute(http, site.Url("/events")))),
                new XElement(atom + "updated", Utc(events.Select(e => e.UpdatedAt).DefaultIfEmpty(clock.GetUtcNow()).Max())),
                Author(new CalendarOrganizer(site.Required.DisplayNameZh, EventLinks.Absolute(http, site.Url("/")))),
                events.Select(e => new XElement(atom + "entry",
                    new XElement(atom + "title", e.Title),
                    new XElement(atom + "id", $"urn:uuid:{e.Key}"),
                    new XElement(atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", EventLinks.Absolute(http, links.Path(e)))),
                    new XElement(atom + "updated", Utc(e.UpdatedAt)),
                    e.PublishedAt is { } published ? new XElement(atom + "published", Utc(published)) : null,
                    Author(links.Organizer(http, e)),
                    new XElement(atom + "summary", $"{OutreachTime.Date(e.StartsAt, "zh-CN")} {OutreachTime.Time(e.StartsAt)} · {e.City}{e.District} · {e.Summary}"))));
            return Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed, "application/atom+xml; charset=utf-8");
        }).ExcludeFromDescription();

        app.MapGet("/events/{slug}", async (string slug, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views,
            TimeProvider clock, CancellationToken ct) =>
        {
            // "/events/x.ics" shares the route: one segment, two representations.
            var ics = slug.EndsWith(".ics", StringComparison.Ordinal);
            if (ics) slug = slug[..^4];
            // The event with its campaign, agenda and speakers in one query: a page that is not cached yet costs at most
            // three round trips with the poster and the registration part (#18; PageCacheTests counts them).
            // Speakers come from the event's own site (a campaign guest's): outside the site filter, as EventSpeakers reads them.
            var sessionSpeakers = db.Set<SessionSpeaker>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
            var library = db.Set<Speaker>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
            var found = await db.Set<Event>().AsNoTracking().Where(e => e.Status == ContentStatus.Published && e.Slug == slug)
                .Select(e => new
                {
                    Event = e,
                    Campaign = db.Set<Campaign>().AsNoTracking().FirstOrDefault(c => c.Id == e.CampaignId),
                    Sessions = db.Set<EventSession>().Where(s => s.EventId == e.Id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
                        .Select(s => new
                        {
                            Session = s,
                            Speakers = sessionSpeakers.Where(x => x.SessionId == s.Id)
                                .Join(library, x => x.SpeakerId, p => p.Id, (x, p) => new { x.Order, Speaker = p })
                                .ToList(),
                        })
                        .ToList(),
                })
                .FirstOrDefaultAsync(ct);
            if (found is null) return Results.NotFound();
            var item = found.Event;
            var links = await EventLinks.CreateAsync(http, ct);
            var url = EventLinks.Absolute(http, links.Path(item));
            if (ics)
            {
                var text = EventCalendar.Write(item.Title, [item], EventLinks.UidHost(http), _ => url, clock.GetUtcNow(), e => links.Organizer(http, e));
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{item.Slug}.ics\"";
                return Results.Text(text, EventCalendar.ContentType);
            }
            var read = new EventRead(found.Campaign, found.Sessions.Select(x => x.Session).ToList(),
                found.Sessions.SelectMany(x => x.Speakers.Select(p => (x.Session.Id, p.Order, p.Speaker))).OrderBy(x => x.Order).ToLookup(x => x.Id, x => x.Speaker));
            return await views.PageAsync(http, "event", await EventPageAsync(item, url, http, db, site, links, ct, read));
        }).WithName("EventDetail").ExcludeFromDescription();

        app.MapGet("/campaigns/{slug}", async (string slug, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views,
            TimeProvider clock, CancellationToken ct) =>
        {
            var ics = slug.EndsWith(".ics", StringComparison.Ordinal);
            if (ics) slug = slug[..^4];
            var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
            if (campaign is null) return Results.NotFound();
            var events = await EventQuery.OfCampaign(db, campaign).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(2000).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            if (ics)
                return Results.Text(EventCalendar.Write(campaign.Title, events, EventLinks.UidHost(http), e => EventLinks.Absolute(http, links.Path(e)), clock.GetUtcNow(),
                    e => links.Organizer(http, e)),
                    EventCalendar.ContentType);
            return await views.PageAsync(http, "campaign", new CampaignPage(
                Campaign: new CampaignView(campaign.Title, campaign.Summary, campaign.Slug, campaign.StartsAt, campaign.EndsAt),
                Title: campaign.Title,
                Description: campaign.Summary,
                Events: events.Select(e => EventView.From(e, links)).ToList(),
                Total: events.Count,
                ByCity: events.GroupBy(e => e.City).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                    .Select(g => new EventCount(g.Key, g.Count(), site.Url("/events?campaign=" + Uri.EscapeDataString(campaign.Slug) + "&city=" + Uri.EscapeDataString(g.Key)))).ToList(),
                ByType: events.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                    .Select(g => new EventCount(EventTypes.Names.GetValueOrDefault(g.Key, g.Key), g.Count())).ToList(),
                Ics: site.Url("/campaigns/" + campaign.Slug + ".ics")));
        }).WithName("CampaignPage").ExcludeFromDescription();
    }

    /// <summary>What the public page read together with the event (its campaign, agenda and the agenda's speakers).</summary>
    internal sealed record EventRead(Campaign? Campaign, List<EventSession> Sessions, ILookup<int, Speaker> Speakers);

    /// <summary>What the "event" template sees: the public page and the admin preview of a draft (which reads the rest here).</summary>
    internal static async Task<EventPage> EventPageAsync(Event item, string url, HttpContext http, OutreachDbContext db, SiteContext site,
        EventLinks links, CancellationToken ct, EventRead? read = null)
    {
        var sessions = read?.Sessions ?? await db.Set<EventSession>().AsNoTracking().Where(s => s.EventId == item.Id)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
        var speakers = read?.Speakers ?? await EventSpeakers.OfSessionsAsync(db, sessions, ct);
        var campaign = read is not null ? read.Campaign : item.CampaignId is { } cid
            ? await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var poster = EventsApi.PosterOf(item, await EventsApi.PostersAsync(http, [item], ct));
        var occurrences = EventRecurrence.Occurrences(item);
        var sections = new List<HomeSection>();
        JsonElement? registration = null;
        foreach (var part in http.RequestServices.GetRequiredService<Enabled<IEventPart>>())
        {
            if (await part.SectionAsync(item, http, ct) is { } section) sections.Add(section);
            // The registration part's public JSON gives the offer: seats left, opening and closing.
            if (part.Name == "registration" && await part.DescribeAsync(item, ct) is { } described)
                registration = JsonSerializer.SerializeToElement(described, JsonSerializerOptions.Web);
        }
        var performers = sessions.SelectMany(s => speakers[s.Id]).DistinctBy(p => p.Id).ToList();
        var posterUrl = poster is null ? null : EventLinks.Absolute(http, poster.Url);
        var ld = EventStructuredData.For(item, url, posterUrl, links.Organizer(http, item), performers, registration);
        return new EventPage(
            Sections: sections.OrderBy(s => s.Order).ToList(),
            Event: EventView.From(item, links),
            Title: item.Title,
            Description: item.Summary,
            Tracks: sessions.GroupBy(s => s.Track).OrderBy(g => g.Key.Length == 0 ? 0 : 1).ThenBy(g => g.Min(s => s.StartsAt))
                .Select(g => new TrackView(g.Key, g.Select(s => new SessionView(s.StartsAt, s.EndsAt, s.Track, s.Title, s.Speakers,
                    speakers[s.Id].Select(SpeakerView.From).ToList())).ToList())).ToList(),
            // Each speaker once, in order of first appearance, with affiliation, title and bio.
            Speakers: performers.Select(SpeakerView.From).ToList(),
            Occurrences: occurrences.Count > 1 ? occurrences.Select(o => new OccurrenceView(o.Start, o.End)).ToList() : null,
            Map: MapLinks.For(item),
            Campaign: campaign is null ? null : new CampaignLink(campaign.Title, site.Url("/campaigns/" + campaign.Slug)),
            Ics: links.Path(item, ".ics"),
            HeadHtml: HeadFor(item, url, posterUrl, ld));
    }

    /// <summary>Canonical URL, OpenGraph and schema.org Event JSON-LD for an event page.</summary>
    static string HeadFor(Event e, string url, string? image, JsonObject ld)
    {
        string Attr(string s) => System.Net.WebUtility.HtmlEncode(s);
        // Inside <script>, "</" would end the element early; escape it (and keep Chinese readable).
        var json = ld.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("</", "<\\/", StringComparison.Ordinal);
        return $"""
            <link rel="canonical" href="{Attr(url)}">
            <meta property="og:type" content="website">
            <meta property="og:title" content="{Attr(e.Title)}">
            <meta property="og:description" content="{Attr(e.Summary)}">
            <meta property="og:url" content="{Attr(url)}">
            <meta property="og:locale" content="zh_CN">
            <meta property="og:image" content="{Attr(url)}/share.png">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:width" content="{EventShareImage.Width}">
            <meta property="og:image:height" content="{EventShareImage.Height}">
            <meta property="og:image:alt" content="{Attr(e.Title)}">
            <meta name="twitter:card" content="summary_large_image">{(image is null ? "" : $"\n<meta property=\"og:image\" content=\"{Attr(image)}\">")}
            <script type="application/ld+json">{json}</script>
            """;
    }

    public static string Iso(DateTimeOffset instant) =>
        OutreachTime.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
