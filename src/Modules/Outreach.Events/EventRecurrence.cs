using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization.DataTypes;
using Outreach.Core.Localization;

namespace Outreach.Events;

/// <summary>
/// Recurring events as one RFC 5545 RRULE on the first occurrence (StartsAt–EndsAt), parsed and expanded by
/// Ical.Net in Asia/Shanghai. Rules must end (UNTIL or COUNT) and repeat at most daily, so the list, the
/// month calendar and the .ics stay finite and agree.
/// </summary>
public static class EventRecurrence
{
    public const int MaxOccurrences = 366;
    const string Zone = OutreachTime.ZoneId;

    /// <summary>The rule as stored (UNTIL as a UTC instant, a bare date meaning the end of that Beijing day), or a zh-CN error.</summary>
    public static (string? Rule, string? Error) Normalize(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) text = text[6..];
        if (text.Length == 0) return ("", null);
        RecurrenceRule rule;
        try { rule = Parse(text.ToUpperInvariant()); }
        catch (ArgumentException) { return (null, $"重复规则“{text}”不是有效的 RFC 5545 RRULE，例如 FREQ=WEEKLY;BYDAY=SA;UNTIL=20261031"); }
        if (rule.Frequency is not (Ical.Net.FrequencyType.Daily or Ical.Net.FrequencyType.Weekly or Ical.Net.FrequencyType.Monthly or Ical.Net.FrequencyType.Yearly))
            return (null, "重复频率应为每天、每周、每月或每年（FREQ=DAILY/WEEKLY/MONTHLY/YEARLY）");
        if (rule.Until is null && rule.Count is null) return (null, "重复规则必须有结束：UNTIL（截止日期）或 COUNT（次数）");
        if (rule.Count is > MaxOccurrences) return (null, $"重复次数不能超过 {MaxOccurrences} 次");
        if (rule.Until is { } until && (!until.HasTime || !until.IsUtc))
        {
            // RFC 5545: with a zoned DTSTART, UNTIL is UTC. A date means "through that day" in Beijing.
            var local = until.HasTime ? until.Value : until.Value.Date.AddDays(1).AddSeconds(-1);
            rule.Until = new CalDateTime(new DateTimeOffset(local, OutreachTime.Zone.GetUtcOffset(local)).UtcDateTime, "UTC");
        }
        return (new RecurrenceRuleSerializer().SerializeToString(rule), null);
    }

    /// <summary>Through the serializer: a rule built by the constructor serializes to nothing in Ical.Net 5.</summary>
    public static RecurrenceRule Parse(string rule) =>
        new RecurrenceRuleSerializer().Deserialize(new StringReader(rule)) as RecurrenceRule
            ?? throw new ArgumentException("not an RRULE", nameof(rule));

    /// <summary>Occurrences of the event as UTC instants (just the event itself when it does not repeat).</summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(Event e, int max = MaxOccurrences)
    {
        if (string.IsNullOrEmpty(e.Recurrence)) return [(e.StartsAt, e.EndsAt)];
        var component = new CalendarEvent { DtStart = Local(e.StartsAt), DtEnd = Local(e.EndsAt), RecurrenceRule = Parse(e.Recurrence) };
        return component.GetOccurrences().Take(max)
            .Select(o => (Start: Instant(o.Period.StartTime), End: Instant(o.Period.EffectiveEndTime ?? o.Period.StartTime)))
            .ToList();
    }

    /// <summary>Sets <see cref="Event.RecurrenceEndsAt"/> from the rule; call after changing times or the rule.</summary>
    public static void Refresh(Event e) =>
        e.RecurrenceEndsAt = string.IsNullOrEmpty(e.Recurrence) ? null : Occurrences(e).Max(o => o.End);

    /// <summary>"每周六" / "每 2 周（周二、周四）" / "每天" … for people; the RRULE itself is for machines.</summary>
    public static string Describe(Event e)
    {
        if (string.IsNullOrEmpty(e.Recurrence)) return "";
        var rule = Parse(e.Recurrence);
        var every = rule.Interval > 1 ? $"每 {rule.Interval} " : "每";
        var unit = rule.Frequency switch
        {
            Ical.Net.FrequencyType.Daily => "天", Ical.Net.FrequencyType.Weekly => "周",
            Ical.Net.FrequencyType.Monthly => rule.Interval > 1 ? "个月" : "月", _ => "年",
        };
        string[] names = ["日", "一", "二", "三", "四", "五", "六"];
        var days = rule.ByDay.Select(d => "周" + names[(int)d.DayOfWeek]).ToList();
        var text = rule.Frequency == Ical.Net.FrequencyType.Weekly && days.Count > 0
            ? (rule.Interval > 1 ? $"{every}{unit}（{string.Join("、", days)}）" : "每" + string.Join("、", days))
            : every + unit;
        var occurrences = Occurrences(e);
        return $"{text}，共 {occurrences.Count} 次，至 {OutreachTime.Date(occurrences[^1].Start, "zh-CN")}";
    }

    static CalDateTime Local(DateTimeOffset instant)
    {
        var local = OutreachTime.ToBeijing(instant).DateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, Zone);
    }

    static DateTimeOffset Instant(CalDateTime value) => new(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc));
}
