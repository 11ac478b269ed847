namespace Outreach.Bases.Tests;

/// <summary>The hours rules alone: a weekly rule, Monday closed except public holidays, a 调休 Sunday, a dated closure.</summary>
public class OpeningHoursTests
{
    static readonly OpeningRules Museum = new()
    {
        Calendar = "venue",
        Weekly = [new WeeklyRule([2, 3, 4, 5, 6, 7], ["09:30-12:00", "13:00-17:30"])],
        Exceptions = [new DatedException("2026-09-08", Closed: true, Note: "设备检修闭馆")],
    };

    static readonly OpeningRules Institute = new()
    {
        Calendar = "office",
        Weekly = [new WeeklyRule([1, 2, 3, 4, 5], ["09:00-17:00"])],
    };

    static readonly HolidayCalendar Holidays = new(HolidayTable.Seed2026());

    static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Weekly_rule_with_a_lunch_break_says_open_closed_and_when_it_opens()
    {
        Assert.Equal("开放中 · 12:00 闭馆", OpeningStatus.Compute(Museum, Holidays, Beijing(9, 1, 10)).Text);
        Assert.Equal("已闭馆 · 今天 13:00 开放", OpeningStatus.Compute(Museum, Holidays, Beijing(9, 1, 12, 30)).Text);
        Assert.Equal("已闭馆 · 明天 09:30 开放", OpeningStatus.Compute(Museum, Holidays, Beijing(9, 2, 18)).Text);
        Assert.False(OpeningStatus.Compute(Museum, Holidays, Beijing(9, 1, 17, 30)).IsOpen); // closing time is closed
    }

    [Fact]
    public void Monday_is_closed_except_on_a_public_holiday()
    {
        Assert.False(Museum.For(new DateOnly(2026, 9, 14), Holidays).Open);          // an ordinary Monday
        var nationalDay = Museum.For(new DateOnly(2026, 10, 5), Holidays);           // Monday in the 国庆节 holiday
        Assert.True(nationalDay.Open);
        Assert.Equal("国庆节", nationalDay.Note);
        Assert.Equal("09:30–12:00", nationalDay.Ranges[0].ToString());
        Assert.Equal("已闭馆 · 明天 09:30 开放", OpeningStatus.Compute(Museum, Holidays, Beijing(10, 4, 18)).Text);
    }

    [Fact]
    public void A_make_up_working_Sunday_opens_an_office_calendar_base_and_its_holiday_closes_it()
    {
        Assert.False(Institute.For(new DateOnly(2026, 9, 13), Holidays).Open);         // an ordinary Sunday
        var makeUp = Institute.For(new DateOnly(2026, 9, 20), Holidays);              // 调休上班
        Assert.True(makeUp.Open);
        Assert.Equal("09:00–17:00", makeUp.Ranges.Single().ToString());
        Assert.Contains("调休", makeUp.Note);
        Assert.False(Institute.For(new DateOnly(2026, 9, 25), Holidays).Open);         // Friday, 中秋节
        Assert.Equal("已闭馆 · 明天 09:00 开放", OpeningStatus.Compute(Institute, Holidays, Beijing(9, 19, 12)).Text);
    }

    [Fact]
    public void A_dated_closure_wins_over_the_weekly_rule()
    {
        var closed = Museum.For(new DateOnly(2026, 9, 8), Holidays);
        Assert.False(closed.Open);
        Assert.Equal("设备检修闭馆", closed.Note);
        // Monday evening: Tuesday is the closure, so the next opening is Wednesday.
        Assert.Equal("已闭馆 · 9月9日（周三） 09:30 开放", OpeningStatus.Compute(Museum, Holidays, Beijing(9, 7, 20)).Text);
    }

    [Fact]
    public void Without_the_holiday_table_nothing_is_guessed()
    {
        Assert.False(Museum.For(new DateOnly(2026, 10, 5), HolidayCalendar.Empty).Open);
        Assert.True(Institute.For(new DateOnly(2026, 9, 25), HolidayCalendar.Empty).Open);
    }

    [Fact]
    public void Map_links_convert_WGS84_to_GCJ02_and_BD09_with_the_published_offsets()
    {
        var p = new GeoPoint(23.0435, 113.3797);
        var gcj = p.ToGcj02();
        var bd = p.ToBd09();
        // In Guangzhou GCJ-02 lies about 300 m north-east-ish of WGS-84, BD-09 a further ~0.006° on both axes.
        Assert.InRange(gcj.Longitude - p.Longitude, 0.004, 0.007);
        Assert.InRange(gcj.Latitude - p.Latitude, -0.004, -0.001);
        Assert.InRange(bd.Longitude - gcj.Longitude, 0.006, 0.0075);
        Assert.InRange(bd.Latitude - gcj.Latitude, 0.005, 0.0075);
        Assert.Equal(new GeoPoint(48.85, 2.35), new GeoPoint(48.85, 2.35).ToGcj02()); // outside China: unchanged
        Assert.StartsWith("geo:23.0435,113.3797", p.GeoUri("岭南科学中心"));
    }
}
