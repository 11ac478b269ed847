using System.Text.Json.Nodes;

namespace Outreach.Bases.Tests;

/// <summary>Opening hours as the app shows them (API and page) with the fake clock moved to the moments that matter.</summary>
public class HoursApiTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    async Task<JsonObject> AtAsync(string key, DateTimeOffset beijing)
    {
        fixture.App.Clock.AdjustTime(beijing.ToUniversalTime());
        return await fixture.App.Client().JsonAsync($"/gd/api/v1/bases/{await fixture.App.IdAsync(key)}");
    }

    static DateTimeOffset Beijing(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    static JsonObject Day(JsonObject b, string date) => b["nextDays"]!.AsArray().Select(d => d!.AsObject()).Single(d => d["date"]!.GetValue<string>() == date);

    [Fact]
    public async Task Weekly_rule_gives_open_now_and_next_seven_days_in_Beijing_time()
    {
        var b = await AtAsync("science-centre", Beijing(9, 2, 10));
        Assert.True(b["openNow"]!.GetValue<bool>());
        Assert.Equal("开放中 · 17:30 闭馆", b["openText"]!.GetValue<string>());
        Assert.EndsWith("+08:00", b["nextChange"]!.GetValue<string>());
        Assert.Equal(7, b["nextDays"]!.AsArray().Count);
        Assert.Equal("2026-09-02", b["nextDays"]![0]!["date"]!.GetValue<string>());
        Assert.False(Day(b, "2026-09-07")["open"]!.GetValue<bool>()); // Monday

        var evening = await AtAsync("science-centre", Beijing(9, 2, 19));
        Assert.Equal("已闭馆 · 明天 09:30 开放", evening["openText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Monday_closed_rule_opens_on_the_National_Day_Monday()
    {
        var b = await AtAsync("science-centre", Beijing(10, 4, 19));
        Assert.Equal("已闭馆 · 明天 09:30 开放", b["openText"]!.GetValue<string>());
        var monday = Day(b, "2026-10-05");
        Assert.True(monday["open"]!.GetValue<bool>());
        Assert.Equal("国庆节", monday["note"]!.GetValue<string>());
        Assert.DoesNotContain(b["nextDays"]!.AsArray(), d => d!["date"]!.GetValue<string>() == "2026-10-12");
    }

    [Fact]
    public async Task Make_up_working_Sunday_opens_the_institute()
    {
        var b = await AtAsync("marine-institute", Beijing(9, 19, 12)); // Saturday noon
        Assert.Equal("已闭馆 · 明天 09:00 开放", b["openText"]!.GetValue<string>());
        var sunday = Day(b, "2026-09-20");
        Assert.True(sunday["open"]!.GetValue<bool>());
        Assert.Equal(["09:00-12:00", "14:00-17:00"], sunday["ranges"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(Day(b, "2026-09-25")["open"]!.GetValue<bool>()); // 中秋节
    }

    [Fact]
    public async Task Dated_closure_shows_closed_and_the_page_says_when_it_reopens()
    {
        var b = await AtAsync("science-centre", Beijing(9, 7, 20));
        var closure = Day(b, "2026-09-08");
        Assert.False(closure["open"]!.GetValue<bool>());
        Assert.Equal("设备检修闭馆", closure["note"]!.GetValue<string>());
        Assert.Equal("已闭馆 · 9月9日（周三） 09:30 开放", b["openText"]!.GetValue<string>());
        var html = await fixture.App.Client().GetStringAsync("/gd/bases/science-centre");
        Assert.Contains("9月9日（周三） 09:30 开放", html);
        Assert.Contains("设备检修闭馆", html);
    }
}
