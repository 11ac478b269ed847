using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Localization;

namespace Outreach.Bases;

/// <summary>A time range of one day in Beijing time, "09:00-12:00".</summary>
public sealed record TimeRange(TimeOnly Opens, TimeOnly Closes)
{
    public static TimeRange? Parse(string? text)
    {
        var parts = text?.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }) return null;
        if (!TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return null;
        if (!TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var c)) return null;
        return o < c ? new(o, c) : null;
    }

    public override string ToString() => $"{Opens:HH\\:mm}–{Closes:HH\\:mm}";
}

/// <summary>Hours for some ISO weekdays (1 = Monday … 7 = Sunday).</summary>
public sealed record WeeklyRule(int[] Days, string[] Ranges);

/// <summary>Other weekly hours between two month-days each year ("07-01" to "08-31"; may wrap over the new year).</summary>
public sealed record SeasonRule(string From, string To, WeeklyRule[] Weekly, string Name = "");

/// <summary>One date or a run of dates with their own hours (empty or Closed: closed), e.g. 春节闭馆 or 全国科普日 extra opening.</summary>
public sealed record DatedException(string Date, string? To = null, bool Closed = false, string[]? Ranges = null, string Note = "");

/// <summary>
/// How a base's opening hours are written (a JSON column). <see cref="Calendar"/> says how the national
/// holiday table applies: <c>venue</c> (museums, parks: public holidays open — also on a day the weekly rule
/// closes, like Monday — with <see cref="HolidayRanges"/> or Sunday's hours; make-up working days change nothing) or
/// <c>office</c> (institutes, factories: closed on public holidays, open on make-up working days with the
/// working-day hours).
/// </summary>
public sealed record OpeningRules
{
    public WeeklyRule[] Weekly { get; init; } = [];
    public SeasonRule[] Seasons { get; init; } = [];
    public DatedException[] Exceptions { get; init; } = [];
    public string Calendar { get; init; } = "venue";
    public string[]? HolidayRanges { get; init; }

    /// <summary>Short text for the page, e.g. "周一闭馆（法定节假日除外）".</summary>
    public string Note { get; init; } = "";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static OpeningRules Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new();
        try { return JsonSerializer.Deserialize<OpeningRules>(json, Json) ?? new(); }
        catch (JsonException) { return new(); }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Everything wrong with the rules, as (JSON path, zh-CN message).</summary>
    public List<(string Path, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Calendar is not ("venue" or "office")) problems.Add(("calendar", "应为 venue（场馆：节假日开放）或 office（机构：节假日休息、调休上班）"));
        void CheckWeekly(WeeklyRule[] rules, string path)
        {
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Days is null || rules[i].Days.Length == 0 || rules[i].Days.Any(d => d is < 1 or > 7)) problems.Add(($"{path}[{i}].days", "应为 1（周一）到 7（周日）的数字列表"));
                CheckRanges(rules[i].Ranges, $"{path}[{i}].ranges");
            }
        }
        void CheckRanges(string[]? ranges, string path)
        {
            foreach (var r in ranges ?? [])
                if (TimeRange.Parse(r) is null) problems.Add((path, $"时间段“{r}”格式应为 09:00-17:00，且开始早于结束"));
        }
        CheckWeekly(Weekly, "weekly");
        for (var i = 0; i < Seasons.Length; i++)
        {
            if (MonthDay(Seasons[i].From) is null || MonthDay(Seasons[i].To) is null) problems.Add(($"seasons[{i}]", "from/to 应为 月-日，如 07-01"));
            CheckWeekly(Seasons[i].Weekly, $"seasons[{i}].weekly");
        }
        for (var i = 0; i < Exceptions.Length; i++)
        {
            var e = Exceptions[i];
            if (Day(e.Date) is not { } from) problems.Add(($"exceptions[{i}].date", "日期格式应为 2026-02-16"));
            else if (e.To is not null && (Day(e.To) is not { } to || to < from || to.DayNumber - from.DayNumber > 366)) problems.Add(($"exceptions[{i}].to", "结束日期格式应为 2026-02-18，不早于开始日期，且跨度不超过一年"));
            CheckRanges(e.Ranges, $"exceptions[{i}].ranges");
        }
        CheckRanges(HolidayRanges, "holidayRanges");
        return problems;
    }

    public static DateOnly? Day(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    static (int Month, int Day)? MonthDay(string? s) =>
        s is { Length: 5 } && int.TryParse(s[..2], out var m) && int.TryParse(s[3..], out var d) && m is >= 1 and <= 12 && d is >= 1 and <= 31 ? (m, d) : null;

    static bool InSeason(SeasonRule s, DateOnly date)
    {
        if (MonthDay(s.From) is not { } f || MonthDay(s.To) is not { } t) return false;
        var md = date.Month * 100 + date.Day;
        var from = f.Month * 100 + f.Day;
        var to = t.Month * 100 + t.Day;
        return from <= to ? md >= from && md <= to : md >= from || md <= to;
    }

    static TimeRange[] Ranges(IEnumerable<string>? texts) => (texts ?? []).Select(TimeRange.Parse).OfType<TimeRange>().OrderBy(r => r.Opens).ToArray();

    static TimeRange[] WeeklyFor(WeeklyRule[] weekly, int isoDay) => Ranges(weekly.Where(w => w.Days.Contains(isoDay)).SelectMany(w => w.Ranges));

    /// <summary>The hours of one day, and why (the exception's note, the holiday's name).</summary>
    public DayHours For(DateOnly date, HolidayCalendar holidays)
    {
        foreach (var e in Exceptions)
        {
            if (Day(e.Date) is not { } from) continue;
            var to = Day(e.To) ?? from;
            if (date >= from && date <= to) return new(date, e.Closed ? [] : Ranges(e.Ranges), e.Note);
        }
        var weekly = Seasons.FirstOrDefault(s => InSeason(s, date))?.Weekly ?? Weekly;
        var iso = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
        var holiday = holidays.Find(date);
        if (Calendar == "office")
        {
            if (holiday is { Kind: HolidayKind.Holiday }) return new(date, [], holiday.Name);
            // A make-up working day (调休) is worked with the hours of an ordinary working day.
            if (holiday is { Kind: HolidayKind.Workday })
                return new(date, Enumerable.Range(1, 5).Select(d => WeeklyFor(weekly, d)).FirstOrDefault(r => r.Length > 0) ?? [], holiday.Name + "调休上班");
            return new(date, WeeklyFor(weekly, iso), "");
        }
        if (holiday is { Kind: HolidayKind.Holiday })
        {
            var own = WeeklyFor(weekly, iso);
            var ranges = HolidayRanges is { Length: > 0 } ? Ranges(HolidayRanges) : own.Length > 0 ? own : WeeklyFor(weekly, 7);
            return new(date, ranges, holiday.Name);
        }
        return new(date, WeeklyFor(weekly, iso), "");
    }
}

/// <summary>A day's opening ranges (none: closed) with the reason shown beside them.</summary>
public sealed record DayHours(DateOnly Date, TimeRange[] Ranges, string Note)
{
    public bool Open => Ranges.Length > 0;

    public DateTimeOffset At(TimeOnly t) => new(Date.ToDateTime(t), TimeSpan.FromHours(8));
}

/// <summary>The national calendar's special days, loaded from <see cref="PublicHoliday"/>.</summary>
public sealed class HolidayCalendar(IEnumerable<PublicHoliday> days)
{
    readonly Dictionary<DateOnly, PublicHoliday> _days = days.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.First());

    public static readonly HolidayCalendar Empty = new([]);

    public PublicHoliday? Find(DateOnly date) => _days.GetValueOrDefault(date);
}

/// <summary>"Open now", "opens at 09:00 tomorrow" and the next days, in Beijing time.</summary>
public static class OpeningStatus
{
    public sealed record Now(bool IsOpen, string Text, DateTimeOffset? Changes);

    static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string DayLabel(DateOnly d, DateOnly today) =>
        d == today ? "今天" : d == today.AddDays(1) ? "明天" : $"{d.Month}月{d.Day}日（{Weekdays[(int)d.DayOfWeek]}）";

    public static string Weekday(DateOnly d) => Weekdays[(int)d.DayOfWeek];

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(OutreachTime.ToBeijing(now).DateTime);

    public static Now Compute(OpeningRules rules, HolidayCalendar holidays, DateTimeOffset now)
    {
        var local = OutreachTime.ToBeijing(now);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var hours = rules.For(today, holidays);
        foreach (var r in hours.Ranges)
            if (time >= r.Opens && time < r.Closes)
            {
                // The next range may start when this one ends (lunch break): say when it closes for now.
                return new(true, $"开放中 · {r.Closes:HH\\:mm} 闭馆", hours.At(r.Closes));
            }
        for (var i = 0; i <= 14; i++)
        {
            var day = today.AddDays(i);
            var h = i == 0 ? hours : rules.For(day, holidays);
            var next = h.Ranges.FirstOrDefault(r => i > 0 || r.Opens > time);
            if (next is not null) return new(false, $"已闭馆 · {DayLabel(day, today)} {next.Opens:HH\\:mm} 开放", h.At(next.Opens));
        }
        return new(false, "暂停开放", null);
    }

    public static IReadOnlyList<DayHours> NextDays(OpeningRules rules, HolidayCalendar holidays, DateTimeOffset now, int count = 7)
    {
        var today = Today(now);
        return Enumerable.Range(0, count).Select(i => rules.For(today.AddDays(i), holidays)).ToList();
    }
}
