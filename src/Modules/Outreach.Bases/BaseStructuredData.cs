using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Bases;

/// <summary>Canonical URL, OpenGraph and schema.org TouristAttraction (a Place) with OpeningHoursSpecification for a base's page.</summary>
public static class BaseStructuredData
{
    static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static JsonObject For(Base b, string url, OpeningRules rules, HolidayCalendar holidays, DateTimeOffset now, string categoryName)
    {
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = new JsonArray("TouristAttraction", "Place"),
            ["name"] = b.Title,
            ["url"] = url,
            ["description"] = b.Summary,
            ["isAccessibleForFree"] = b.Free,
            ["touristType"] = categoryName,
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress", ["addressCountry"] = "CN", ["addressRegion"] = "广东省",
                ["addressLocality"] = b.City + "市", ["streetAddress"] = b.District + b.Address,
            },
        };
        if (b.NameEn.Length > 0) ld["alternateName"] = b.NameEn;
        if (b.PublicPhone.Length > 0) ld["telephone"] = b.PublicPhone;
        if (GeoPoint.IsValid(b.Latitude, b.Longitude))
            ld["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = b.Latitude, ["longitude"] = b.Longitude };
        // The regular week as written, then the next seven days as they really are (holidays and exceptions applied).
        var specs = new JsonArray();
        foreach (var w in rules.Weekly)
            foreach (var r in w.Ranges.Select(TimeRange.Parse).OfType<TimeRange>())
                specs.Add(new JsonObject
                {
                    ["@type"] = "OpeningHoursSpecification",
                    ["dayOfWeek"] = new JsonArray(w.Days.Select(d => (JsonNode)JsonValue.Create(DayNames[d % 7])!).ToArray()),
                    ["opens"] = r.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), ["closes"] = r.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
                });
        ld["openingHoursSpecification"] = specs;
        var special = new JsonArray();
        foreach (var d in OpeningStatus.NextDays(rules, holidays, now).Where(d => d.Note.Length > 0))
        {
            var date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!d.Open)
                special.Add(new JsonObject { ["@type"] = "OpeningHoursSpecification", ["validFrom"] = date, ["validThrough"] = date, ["opens"] = "00:00", ["closes"] = "00:00" });
            foreach (var r in d.Ranges)
                special.Add(new JsonObject { ["@type"] = "OpeningHoursSpecification", ["validFrom"] = date, ["validThrough"] = date,
                    ["opens"] = r.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), ["closes"] = r.Closes.ToString("HH:mm", CultureInfo.InvariantCulture) });
        }
        if (special.Count > 0) ld["specialOpeningHoursSpecification"] = special;
        return ld;
    }

    public static string Head(Base b, string url, OpeningRules rules, HolidayCalendar holidays, DateTimeOffset now, string categoryName, string stylesheet)
    {
        static string Attr(string s) => WebUtility.HtmlEncode(s);
        var json = For(b, url, rules, holidays, now, categoryName)
            .ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("</", "<\\/", StringComparison.Ordinal);
        return $"""
            <link rel="stylesheet" href="{Attr(stylesheet)}">
            <link rel="canonical" href="{Attr(url)}">
            <meta property="og:type" content="place">
            <meta property="og:title" content="{Attr(b.Title)}">
            <meta property="og:description" content="{Attr(b.Summary)}">
            <meta property="og:url" content="{Attr(url)}">{(GeoPoint.IsValid(b.Latitude, b.Longitude) ? $"""

            <meta property="place:location:latitude" content="{b.Latitude!.Value.ToString(CultureInfo.InvariantCulture)}">
            <meta property="place:location:longitude" content="{b.Longitude!.Value.ToString(CultureInfo.InvariantCulture)}">
            """ : "")}
            <script type="application/ld+json">{json}</script>
            """;
    }
}
