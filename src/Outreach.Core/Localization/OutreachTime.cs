namespace Outreach.Core.Localization;

/// <summary>Instants are stored in UTC and shown in Beijing time.</summary>
public static class OutreachTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>2026年9月16日 in Chinese, 16 September 2026 in English.</summary>
    public static string Date(DateTimeOffset instant, string culture)
    {
        var local = ToBeijing(instant);
        return culture.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : $"{local.Year}年{local.Month}月{local.Day}日";
    }

    public static string Time(DateTimeOffset instant) => ToBeijing(instant).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
