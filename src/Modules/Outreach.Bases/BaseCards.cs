using System.Globalization;
using System.Text.Json.Nodes;
using Outreach.Core.Sites;

namespace Outreach.Bases;

/// <summary>A base as lists, the API and the downloads show it: one place that knows the category names and the public URL.</summary>
public sealed class BaseCards(IReadOnlyDictionary<string, BaseCategory> categories, HolidayCalendar holidays, DateTimeOffset now)
{
    public string CategoryName(string key) => categories.TryGetValue(key, out var c) ? c.Name : key;

    public IReadOnlyDictionary<string, BaseCategory> Categories => categories;

    public HolidayCalendar Holidays => holidays;

    public OpeningStatus.Now Status(Base b) => OpeningStatus.Compute(OpeningRules.Parse(b.HoursJson), holidays, now);

    public BaseCard Card(Base b, SiteContext site, double? km = null)
    {
        var status = Status(b);
        return new BaseCard(b.Id, b.Slug, b.Title, site.Url("/bases/" + b.Slug), b.City, b.District, b.Category, CategoryName(b.Category),
            b.Summary, b.Free, b.Accessibility.Contains("wheelchair"), status.Text, status.IsOpen,
            km is { } d ? (d < 1 ? $"{d * 1000:0} 米" : $"{d.ToString(d < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)} 公里") : "",
            b.PhotoIds.Count > 0 ? b.PhotoIds[0] : null);
    }

    /// <summary>A GeoJSON FeatureCollection (RFC 7946: WGS-84, [longitude, latitude]) of the bases that have a place.</summary>
    public static JsonObject GeoJson(IEnumerable<Base> bases, Func<Base, string> urlOf, Func<string, string> categoryName) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(bases.Where(b => GeoPoint.IsValid(b.Latitude, b.Longitude)).Select(b => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = b.Id,
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(b.Longitude!.Value, 6), Math.Round(b.Latitude!.Value, 6)) },
            ["properties"] = new JsonObject
            {
                ["name"] = b.Title, ["nameEn"] = b.NameEn, ["category"] = categoryName(b.Category), ["city"] = b.City, ["district"] = b.District,
                ["address"] = b.Address, ["free"] = b.Free, ["phone"] = b.PublicPhone, ["url"] = urlOf(b),
            },
        }).ToArray()),
    };
}
