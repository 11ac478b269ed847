using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>The 科普日 site's events name "gd" bases (an event names a base): the campaign page and the base's page both show them.</summary>
public class CampaignTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    OutreachFactory App => fixture.App;

    [Fact]
    public async Task An_open_day_naming_a_base_shows_on_the_campaign_page_and_on_the_base_page()
    {
        await App.RunRecipeAsync("bases-science-day");
        var campaign = await App.Client().GetStringAsync("/sd/campaigns/science-day-2026");
        Assert.Contains("岭南科学中心全国科普日开放日", campaign);
        Assert.Contains("社区健康讲座", campaign);
        var page = await App.Client().GetStringAsync("/gd/bases/science-centre");
        Assert.Contains("开放日与活动", page);
        Assert.Contains("岭南科学中心全国科普日开放日", page);
        Assert.Contains("http://localhost/sd/events/centre-open-day", page);
        Assert.Contains("2026 全国科普日（广东）", page);
        Assert.DoesNotContain("社区健康讲座", page); // an event that names no base stays off the base's page
        // Another base's page lists none of them.
        Assert.DoesNotContain("开放日与活动", await App.Client().GetStringAsync("/gd/bases/hakka-farm"));
        // The event's JSON names the base (the link is the event's own part).
        var eventId = await App.WithSiteAsync("sd", db => db.Set<Events.Event>().Where(e => e.Slug == "centre-open-day").Select(e => e.Id).SingleAsync());
        Assert.Equal(1, await App.WithSiteAsync("gd", db => db.Set<BaseEvent>().CountAsync(l => l.EventId == eventId)));
    }

    [Fact]
    public async Task An_event_naming_an_unknown_base_is_refused_by_the_recipe()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-base-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "site": { "name": "sd2", "displayName": "测试", "prefix": "sd2", "theme": "Academic", "modules": ["Pages", "Events"] },
              "steps": [ { "step": "events", "items": [ { "slug": "nowhere", "title": "无处开放日", "type": "visit", "city": "广州",
                "startsAt": "2026-09-19T09:00:00+08:00", "endsAt": "2026-09-19T12:00:00+08:00", "base": { "site": "gd", "slug": "no-such-base" } } ] } ] }
            """);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => App.Services.GetRequiredService<RecipeRunner>().RunFileAsync(path));
        Assert.Contains("no-such-base", error.ToString());
        File.Delete(path);
    }
}
