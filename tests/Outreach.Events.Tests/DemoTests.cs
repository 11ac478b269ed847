using System.Text.Json;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed class DemoFixture : IAsyncLifetime
{
    public OutreachFactory App { get; } = new() { SeedDemo = true };

    public ValueTask InitializeAsync()
    {
        _ = App.Server; // seeds recipes/demo
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The demo recipes apply and give what the programmes promise.</summary>
public sealed class DemoTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    async Task<JsonElement> GetJsonAsync(string url) =>
        JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync(url)).RootElement;

    [Fact]
    public async Task The_month_campaign_has_30_events_from_6_societies_in_8_cities()
    {
        var json = await GetJsonAsync("/month/api/v1/campaigns/academic-month-2027");
        var events = json.GetProperty("events").EnumerateArray().ToList();
        Assert.True(events.Count >= 30, $"{events.Count} events");
        Assert.True(events.Select(e => e.GetProperty("organiser").GetString()).Distinct().Count() >= 6);
        Assert.True(json.GetProperty("byCity").EnumerateObject().Count() >= 8);
    }

    [Fact]
    public async Task The_Lingnan_forum_has_a_main_forum_and_four_sub_forums()
    {
        var list = await GetJsonAsync("/lingnan/api/v1/events?type=forum");
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt32();
        var forum = await GetJsonAsync($"/lingnan/api/v1/events/{id}");
        var tracks = forum.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("track").GetString()).Distinct().ToList();
        Assert.Contains("", tracks);
        Assert.True(tracks.Count(t => t!.StartsWith("分论坛", StringComparison.Ordinal)) >= 4);
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/lingnan/events/lingnan-forum-2026");
        Assert.Equal(200, status);
        Assert.Contains("分论坛四：碳达峰碳中和与新能源", html);
        // Speakers come from the site's speaker library, with title, affiliation and bio; the venue from its venues.
        Assert.Contains("陈立新 中国工程院院士（华南理工大学）", html);
        Assert.Contains("从事工业软件与智能制造系统研究", html);
        Assert.Contains("广州白云国际会议中心", html);
        Assert.True(forum.GetProperty("venueId").GetInt32() > 0);
    }

    [Fact]
    public async Task The_carnival_runs_three_days_with_stage_shows_and_mountain_tours_reach_six_counties()
    {
        var carnival = await GetJsonAsync("/carnival/api/v1/campaigns/carnival-2026");
        Assert.True(carnival.GetProperty("byType").GetProperty("stage-show").GetInt32() >= 3);
        var days = carnival.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("startsAt").GetString()![..10]).Distinct().Count();
        Assert.Equal(3, days);
        var tours = await GetJsonAsync("/mountains/api/v1/events?type=tour");
        Assert.True(tours.GetProperty("total").GetInt32() >= 6);
    }

    [Fact]
    public async Task Event_pages_render_on_both_themes_and_the_portal_home_shows_upcoming_events()
    {
        var client = fixture.App.CreateClient();
        Assert.Equal(200, (await client.FetchAsync("/carnival/events")).Status); // Youth
        Assert.Equal(200, (await client.FetchAsync("/month/campaigns/science-day-2026")).Status); // Academic
        var (status, home) = await client.FetchAsync("/");
        Assert.Equal(200, status);
        Assert.Contains("近期活动", home);
    }
}
