namespace Outreach.Core.Localization;

/// <summary>Instants are stored in UTC and shown in Beijing time.</summary>
public static class OutreachTime
{
    /// <summary>The IANA id, for formats that name the zone (iCalendar's TZID).</summary>
    public const string ZoneId = "Asia/Shanghai";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>2026年9月16日 in Chinese, 16 September 2026 in English.</summary>
    public static string Date(DateTimeOffset instant, string culture)
    {
        var local = ToBeijing(instant);
        return culture.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : $"{local.Year}年{local.Month}月{local.Day}日";
    }

    /// <summary>The value of an <c>&lt;input type="datetime-local"&gt;</c> showing the instant in Beijing time: 2026-09-16T09:00.</summary>
    public static string LocalInput(DateTimeOffset instant) =>
        ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value (Beijing wall clock) as ISO 8601 with +08:00, for the APIs' parsers; blank → null.</summary>
    public static string? FromLocalInput(string? local)
    {
        var v = local?.Trim() ?? "";
        return v.Length == 0 ? null : (v.Length == 16 ? v + ":00" : v) + "+08:00";
    }

    public static string Time(DateTimeOffset instant) => ToBeijing(instant).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
