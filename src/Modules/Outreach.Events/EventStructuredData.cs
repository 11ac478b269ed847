using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Events;

/// <summary>
/// schema.org <c>Event</c> JSON-LD for an event page, with what Google's event guidelines ask for: dates with
/// offset, location, organizer with url, performer (the speakers), image (the poster) and offers (free entry;
/// availability from the seats left; registration URL and valid from/through).
/// </summary>
public static class EventStructuredData
{
    /// <param name="registration">The registration part's JSON (<see cref="IEventPart.DescribeAsync"/>), when the event takes registrations.</param>
    public static JsonObject For(Event e, string url, string? image, CalendarOrganizer site, IReadOnlyList<Speaker> speakers, JsonElement? registration)
    {
        var location = string.IsNullOrEmpty(e.VenueName) && e.OnlineUrl.Length > 0
            ? new JsonObject { ["@type"] = "VirtualLocation", ["url"] = e.OnlineUrl }
            : new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = e.VenueName.Length > 0 ? e.VenueName : e.City,
                ["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress", ["streetAddress"] = e.Address, ["addressLocality"] = e.City,
                    ["addressRegion"] = "广东省", ["addressCountry"] = "CN",
                },
            };
        if (e.Latitude is { } lat && e.Longitude is { } lng && location["@type"]!.GetValue<string>() == "Place")
            location["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lng };
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["description"] = e.Summary,
            ["startDate"] = EventsEndpoints.Iso(e.StartsAt),
            ["endDate"] = EventsEndpoints.Iso(e.EndsAt),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.VenueName.Length == 0 && e.OnlineUrl.Length > 0
                ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = location,
            ["url"] = url,
            // The society named on the event organises it; the site that publishes it gives the address.
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = e.Organiser.Length > 0 ? e.Organiser : site.Name, ["url"] = site.Url },
            ["offers"] = Offer(e, url, registration),
        };
        if (speakers.Count > 0)
            ld["performer"] = new JsonArray(speakers.Select(p =>
            {
                var person = new JsonObject { ["@type"] = "Person", ["name"] = p.Name };
                if (p.Title.Length > 0) person["jobTitle"] = p.Title;
                if (p.Affiliation.Length > 0) person["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = p.Affiliation };
                return (JsonNode)person;
            }).ToArray());
        if (image is not null) ld["image"] = new JsonArray(image);
        if (e.Language.Length > 0) ld["inLanguage"] = e.Language;
        return ld;
    }

    static JsonObject Offer(Event e, string url, JsonElement? registration)
    {
        var offer = new JsonObject
        {
            ["@type"] = "Offer",
            ["url"] = url,
            ["price"] = 0,
            ["priceCurrency"] = "CNY",
            ["availability"] = "https://schema.org/InStock",
            ["validFrom"] = EventsEndpoints.Iso(e.PublishedAt ?? e.CreatedAt),
            ["validThrough"] = EventsEndpoints.Iso(e.EndsAt),
        };
        if (registration is not { ValueKind: JsonValueKind.Object } r) return offer;
        offer["url"] = url + "/register";
        var options = r.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Array ? o.EnumerateArray().ToList() : [];
        if (options.Count > 0)
        {
            offer["price"] = options.Min(x => x.TryGetProperty("price", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDecimal() : 0m);
            var left = options.Sum(x => x.TryGetProperty("remaining", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0);
            var status = r.TryGetProperty("status", out var s) ? s.GetString() : null;
            offer["availability"] = status == "not-open" ? "https://schema.org/PreOrder"
                : left == 0 ? "https://schema.org/SoldOut"
                : "https://schema.org/InStock";
        }
        if (r.TryGetProperty("opensAt", out var opens) && opens.ValueKind == JsonValueKind.String) offer["validFrom"] = opens.GetString();
        if (r.TryGetProperty("closesAt", out var closes) && closes.ValueKind == JsonValueKind.String) offer["validThrough"] = closes.GetString();
        return offer;
    }
}
