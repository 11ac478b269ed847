using System.Text.Json;

namespace Outreach.Events.Tests;

/// <summary>Events reach the search index with their city: the portal finds the month's events in one city.</summary>
public sealed class DemoSearchTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Portal_search_finds_events_by_city_with_a_city_facet()
    {
        var client = fixture.App.CreateClient();
        JsonElement answer = default;
        for (var tries = 0; tries < 60; tries++) // the index is built by the background worker after start
        {
            answer = JsonDocument.Parse(await client.GetStringAsync("/api/v1/search?q=" + Uri.EscapeDataString("研讨会") + "&city=" + Uri.EscapeDataString("韶关"))).RootElement;
            if (answer.GetProperty("total").GetInt32() > 0) break;
            await Task.Delay(250);
        }
        var hits = answer.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("event", h.GetProperty("type").GetString()));
        Assert.Contains(hits, h => h.GetProperty("title").GetString() == "珠江三角洲防洪排涝新技术研讨会");
        var cities = answer.GetProperty("facets").GetProperty("city");
        Assert.True(cities.GetProperty("韶关").GetInt32() >= hits.Count);
        Assert.True(cities.EnumerateObject().Count() > 1); // the facet describes the whole result, not only the chosen city
    }
}
