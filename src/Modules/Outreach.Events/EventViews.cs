using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Events;

/// <summary>Where an event lives: its own site's path, which differs from the current site for campaign guests.</summary>
public sealed class EventLinks(SiteContext current, IReadOnlyList<Site> sites)
{
    public string Path(Event e, string suffix = "")
    {
        var relative = "/events/" + e.Slug + suffix;
        if (e.SiteId == current.SiteId) return current.Url(relative);
        return sites.FirstOrDefault(s => s.Id == e.SiteId)?.LinkTo(relative) ?? relative;
    }

    public bool IsForeign(Event e) => e.SiteId != current.SiteId;

    public string SiteName(Event e) => sites.FirstOrDefault(s => s.Id == e.SiteId)?.DisplayNameZh ?? "";

    /// <summary>The site that publishes the event, for feeds: its name and absolute home page.</summary>
    public CalendarOrganizer Organizer(HttpContext http, Event e)
    {
        var owner = sites.FirstOrDefault(s => s.Id == e.SiteId);
        var home = owner is null ? current.Url("/") : e.SiteId == current.SiteId ? current.Url("/") : owner.LinkTo("/");
        return new CalendarOrganizer(owner?.DisplayNameZh ?? "", Absolute(http, home));
    }

    /// <summary>An absolute URL from the configured public origin (never the request's Host, which a client chooses).</summary>
    public static string Absolute(HttpContext http, string path)
    {
        var origin = http.RequestServices.GetRequiredService<SiteLinks>().Origin;
        return path.StartsWith("//", StringComparison.Ordinal) ? $"{origin.Scheme}:{path}"
            : path.StartsWith("http", StringComparison.Ordinal) ? path : origin.GetLeftPart(UriPartial.Authority) + path;
    }

    /// <summary>The host named in calendar UIDs: the configured origin's, so UIDs stay stable whatever Host a client sends.</summary>
    public static string UidHost(HttpContext http) => http.RequestServices.GetRequiredService<SiteLinks>().Origin.Host;

    public static async Task<EventLinks> CreateAsync(HttpContext http, CancellationToken ct)
    {
        var catalog = (SiteCatalog)http.RequestServices.GetService(typeof(SiteCatalog))!;
        return new EventLinks((SiteContext)http.RequestServices.GetService(typeof(SiteContext))!, await catalog.AllAsync(ct));
    }
}

/// <summary>What templates see of an event (snake_case in Liquid).</summary>
public sealed record EventView(
    int Id, string Slug, string Title, string Summary, string Body, string Organiser, string Type, string TypeName,
    IReadOnlyList<string> Audience, IReadOnlyList<string> AudienceNames, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    bool SameDay, string VenueName, string Address, string City, string District, double? Latitude, double? Longitude,
    string OnlineUrl, string ContactPhone, IReadOnlyList<string> Tags, string Url, string SiteName, bool Foreign)
{
    /// <summary>A media-library image id of the event's site; themes show it with <c>responsive_image</c>.</summary>
    public int? PosterId { get; init; }

    public string Language { get; init; } = EventLanguages.Default;

    /// <summary>The language's name (粤语) when the event is not in Mandarin; empty otherwise.</summary>
    public string LanguageName { get; init; } = "";

    /// <summary>"每周六，共 9 次，至 2026年10月31日" for a recurring event; empty otherwise.</summary>
    public string Repeats { get; init; } = "";

    public static EventView From(Event e, EventLinks links) => new(
        e.Id, e.Slug, e.Title, e.Summary, e.Body, e.Organiser, e.Type, EventTypes.Names.GetValueOrDefault(e.Type, e.Type),
        e.AudienceList, e.AudienceList.Select(a => Audiences.Names.GetValueOrDefault(a, a)).ToList(), e.StartsAt, e.EndsAt,
        OutreachTime.ToBeijing(e.StartsAt).Date == OutreachTime.ToBeijing(e.EndsAt).Date,
        e.VenueName, e.Address, e.City, e.District, e.Latitude, e.Longitude, e.OnlineUrl, e.ContactPhone, e.TagList,
        links.Path(e), links.SiteName(e), links.IsForeign(e))
    {
        // Another site's image would not resolve through this site's media URLs.
        PosterId = links.IsForeign(e) ? null : e.PosterMediaId,
        Language = e.Language,
        LanguageName = e.Language is EventLanguages.Default or "" ? "" : EventLanguages.Names.GetValueOrDefault(e.Language, e.Language),
        Repeats = EventRecurrence.Describe(e),
    };
}

/// <summary>Deep links to map apps; coordinates are GCJ-02 as Chinese map apps expect, else a search by address.</summary>
public static class MapLinks
{
    public static MapLinksView For(Event e)
    {
        var name = Uri.EscapeDataString(string.IsNullOrEmpty(e.VenueName) ? e.Title : e.VenueName);
        var place = Uri.EscapeDataString(e.City + e.District + e.Address);
        if (e.Latitude is { } lat && e.Longitude is { } lng)
        {
            var la = lat.ToString("0.######", CultureInfo.InvariantCulture);
            var ln = lng.ToString("0.######", CultureInfo.InvariantCulture);
            return new MapLinksView(
                Amap: $"https://uri.amap.com/marker?position={ln},{la}&name={name}",
                Baidu: $"https://api.map.baidu.com/marker?location={la},{ln}&title={name}&content={place}&coord_type=gcj02&output=html&src=outreach",
                Osm: $"https://www.openstreetmap.org/?mlat={la}&mlon={ln}#map=16/{la}/{ln}");
        }
        return new MapLinksView(
            Amap: $"https://uri.amap.com/search?keyword={place}",
            Baidu: $"https://api.map.baidu.com/geocoder?address={place}&output=html&src=outreach",
            Osm: $"https://www.openstreetmap.org/search?query={place}");
    }
}
