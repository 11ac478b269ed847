using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed class EventApiTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await fixture.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    async Task<List<string>> SlugsAsync(string query)
    {
        var json = await GetJsonAsync("/host/api/v1/events" + query);
        var slugs = json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(slugs.Count, json.GetProperty("total").GetInt32());
        return slugs;
    }

    [Fact]
    public async Task Lists_published_events_by_start_with_the_approved_campaign_guests()
    {
        Assert.Equal(["past-e", "forum-a", "lecture-b", "guest-approved", "salon-c"], await SlugsAsync(""));
    }

    [Theory]
    [InlineData("?city=韶关", "lecture-b")]
    [InlineData("?type=salon", "salon-c")]
    [InlineData("?audience=students", "past-e,lecture-b")]
    [InlineData("?campaign=month-2026", "forum-a,lecture-b,guest-approved")]
    [InlineData("?q=量子", "salon-c")]
    [InlineData("?q=植物学会", "lecture-b")]
    [InlineData("?from=2026-10-01", "salon-c")]
    [InlineData("?to=2026-09-16", "past-e,forum-a")]
    [InlineData("?from=2026-09-17&to=2026-09-30", "lecture-b,guest-approved")]
    [InlineData("?city=广州&type=forum", "forum-a")]
    [InlineData("?campaign=unknown", "")]
    public async Task Each_filter_narrows_the_list(string query, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await SlugsAsync(query));
    }

    [Fact]
    public async Task Paging_keeps_the_total()
    {
        var json = await GetJsonAsync("/host/api/v1/events?page=2");
        Assert.Equal(5, json.GetProperty("total").GetInt32());
        Assert.Empty(json.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("?city=纽约", "city")]
    [InlineData("?type=party", "type")]
    [InlineData("?from=16/09/2026", "from")]
    public async Task A_bad_filter_is_a_400_in_Chinese(string query, string field)
    {
        var response = await fixture.App.CreateClient().GetAsync("/host/api/v1/events" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("有误", json.GetProperty("title").GetString());
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Times_are_stored_in_UTC_and_given_in_Beijing_time()
    {
        var (id, stored) = await fixture.App.WithSiteAsync("host", async db =>
            await db.Set<Event>().Where(e => e.Slug == "forum-a").Select(e => new { e.Id, e.StartsAt }).SingleAsync() is var x ? (x.Id, x.StartsAt) : default);
        Assert.Equal(new DateTimeOffset(2026, 9, 16, 1, 0, 0, TimeSpan.Zero), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);

        var raw = await fixture.App.CreateClient().GetStringAsync($"/host/api/v1/events/{id}");
        Assert.Contains("\"startsAt\":\"2026-09-16T09:00:00+08:00\"", raw);
        var json = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("2026-09-16T17:30:00+08:00", json.GetProperty("endsAt").GetString());
        Assert.Equal("广州", json.GetProperty("city").GetString());
        Assert.Equal("forum", json.GetProperty("type").GetString());
        Assert.EndsWith("/host/events/forum-a", json.GetProperty("url").GetString());
        var sessions = json.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Equal("分论坛一：工业机器人", sessions[1].GetProperty("track").GetString());
        Assert.Equal("2026-09-16T14:00:00+08:00", sessions[1].GetProperty("startsAt").GetString());
    }

    [Fact]
    public async Task A_draft_is_not_in_the_api()
    {
        var id = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "draft-d").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync($"/host/api/v1/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task Campaign_aggregates_approved_published_events_of_other_sites_only()
    {
        var json = await GetJsonAsync("/host/api/v1/campaigns/month-2026");
        var slugs = json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
        Assert.Equal(["forum-a", "lecture-b", "guest-approved"], slugs);
        Assert.Equal(1, json.GetProperty("byCity").GetProperty("佛山").GetInt32());
        Assert.Equal(2, json.GetProperty("byType").GetProperty("forum").GetInt32() + json.GetProperty("byType").GetProperty("lecture").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync("/guest/api/v1/campaigns/month-2026")).StatusCode);
    }

    [Fact]
    public async Task Admin_creates_updates_and_deletes_an_event_with_a_token()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.Editor));
        var created = await client.PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title = "湛江海洋科普讲座", summary = "认识红树林", startsAt = "2026-09-22T19:30:00+08:00", endsAt = "2026-09-22T21:00:00+08:00",
            city = "湛江", type = "lecture", audience = new[] { "public", "families" }, publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var json = await GetJsonAsync($"/host/api/v1/events/{id}");
        Assert.Equal("2026-09-22T19:30:00+08:00", json.GetProperty("startsAt").GetString());
        Assert.Equal(["public", "families"], json.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));

        var updated = await client.PutAsJsonAsync($"/host/api/v1/admin/events/{id}", new { city = "茂名", publish = true });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("茂名", (await GetJsonAsync($"/host/api/v1/events/{id}")).GetProperty("city").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/host/api/v1/admin/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync($"/host/api/v1/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_city_is_a_400_with_a_Chinese_message()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.Editor));
        var response = await client.PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title = "长沙的活动", startsAt = "2026-09-22T19:30:00+08:00", endsAt = "2026-09-22T21:00:00+08:00", city = "长沙", type = "lecture",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("未知城市“长沙”", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("city")[0].GetString());
    }

    [Fact]
    public async Task A_time_without_offset_is_a_400()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.Editor));
        var response = await client.PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title = "没有时区的活动", startsAt = "2026-09-22T19:30:00", endsAt = "2026-09-22T21:00:00+08:00", city = "广州", type = "lecture",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_another_site_is_forbidden()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("guest", SiteRole.SiteAdmin));
        var response = await client.PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title = "越权活动", startsAt = "2026-09-22T19:30:00+08:00", endsAt = "2026-09-22T21:00:00+08:00", city = "广州", type = "lecture",
        });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var id = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "forum-a").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/host/api/v1/admin/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_api_is_in_the_openapi_document()
    {
        var doc = await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/events", doc);
        Assert.Contains("/api/v1/campaigns/{slug}", doc);
        Assert.Contains("/api/v1/admin/events/{id}", doc);
    }
}
