using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Ical.Net;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>A portal (empty prefix), two public sites and a private one; the portal gathers the public ones.</summary>
public sealed class PortalFixture() : SitesFixture("portal", "host", "guest", "private");

/// <summary>The portal's event list, feeds and API aggregate every public site's published events.</summary>
public sealed class PortalTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    // Published on public sites: the portal's own, the host's and a guest's (its campaign entry still pending).
    static readonly string[] Gathered = ["门户科普开放日", "岭南智能制造论坛", "量子通信科普沙龙", "江门侨乡科普讲座"];

    // Drafts and a private site's events never leave their site.
    static readonly string[] Withheld = ["尚未发布的讲座", "中山草稿活动", "内部工作会议"];

    [Fact]
    public async Task The_portal_event_page_lists_every_public_sites_published_events_with_site_name_and_own_link()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/events");
        Assert.Equal(200, status);
        foreach (var title in Gathered) Assert.Contains(title, html);
        foreach (var title in Withheld) Assert.DoesNotContain(title, html);
        Assert.Contains("href=\"/host/events/forum-a\"", html);
        Assert.Contains("<span class=\"site-name\">主办站点</span>", html);
        Assert.Contains("href=\"/events/portal-own\"", html);

        // A site other than the portal still lists only its own (and approved campaign guests).
        var (_, host) = await fixture.App.CreateClient().FetchAsync("/host/events");
        Assert.Contains("岭南智能制造论坛", host);
        Assert.DoesNotContain("门户科普开放日", host);
        Assert.DoesNotContain("江门侨乡科普讲座", host);
    }

    [Fact]
    public async Task The_portal_ics_feed_parsed_by_Ical_Net_has_every_public_sites_events_organised_by_their_site()
    {
        var calendar = Calendar.Load(await fixture.App.CreateClient().GetStringAsync("/events.ics"))!;
        var summaries = calendar.Events.Select(e => e.Summary).ToList();
        foreach (var title in Gathered) Assert.Contains(title, summaries);
        foreach (var title in Withheld) Assert.DoesNotContain(title, summaries);
        var forum = calendar.Events.Single(e => e.Summary == "岭南智能制造论坛");
        Assert.Equal("主办站点", forum.Organizer!.CommonName);
        Assert.Equal("http://localhost/host/events/forum-a", forum.Url!.ToString());
        Assert.Equal("测试门户", calendar.Events.Single(e => e.Summary == "门户科普开放日").Organizer!.CommonName);
    }

    [Fact]
    public async Task The_portal_atom_feed_parsed_by_System_ServiceModel_Syndication_has_every_public_sites_events()
    {
        using var stream = await fixture.App.CreateClient().GetStreamAsync("/events.atom");
        using var reader = XmlReader.Create(stream);
        var feed = SyndicationFeed.Load(reader);
        var titles = feed.Items.Select(i => i.Title.Text).ToList();
        foreach (var title in Gathered) Assert.Contains(title, titles);
        foreach (var title in Withheld) Assert.DoesNotContain(title, titles);
        var forum = feed.Items.Single(i => i.Title.Text == "岭南智能制造论坛");
        Assert.Equal("主办站点", Assert.Single(forum.Authors).Name);
        Assert.Equal("http://localhost/host/events/forum-a", forum.Links.Single().Uri.ToString());
    }

    [Fact]
    public async Task The_portal_events_api_lists_every_public_sites_events_with_site_name_and_own_url()
    {
        var json = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/api/v1/events")).RootElement;
        var items = json.GetProperty("items").EnumerateArray().ToList();
        var titles = items.Select(i => i.GetProperty("title").GetString()).ToList();
        foreach (var title in Gathered) Assert.Contains(title, titles);
        foreach (var title in Withheld) Assert.DoesNotContain(title, titles);
        var forum = items.Single(i => i.GetProperty("slug").GetString() == "forum-a");
        Assert.Equal("主办站点", forum.GetProperty("site").GetString());
        Assert.Equal("http://localhost/host/events/forum-a", forum.GetProperty("url").GetString());
        // The portal's home section and list agree: the same gathering.
        var (_, home) = await fixture.App.CreateClient().FetchAsync("/");
        Assert.Contains("门户科普开放日", home);
    }

    [Fact]
    public async Task Every_time_in_the_event_api_carries_the_Beijing_offset_including_sessions_and_registration_options()
    {
        var list = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/api/v1/events?q=门户科普开放日")).RootElement;
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt32();
        var json = await fixture.App.CreateClient().GetStringAsync($"/api/v1/events/{id}");
        var times = new List<(string Path, string Value)>();
        Collect(JsonDocument.Parse(json).RootElement, "$", times);
        // Positive control: the sessions' and the registration options' times are among those found.
        Assert.Contains(times, t => t.Path.StartsWith("$.sessions[0].startsAt", StringComparison.Ordinal));
        Assert.Contains(times, t => t.Path.StartsWith("$.registration.options[1].startsAt", StringComparison.Ordinal));
        Assert.All(times, t => Assert.True(t.Value.EndsWith("+08:00", StringComparison.Ordinal), $"{t.Path} = {t.Value}"));
        Assert.Contains(times, t => t.Path == "$.registration.options[1].startsAt" && t.Value == "2026-09-22T13:30:00+08:00");
    }

    static void Collect(JsonElement e, string path, List<(string, string)> times)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Collect(p.Value, path + "." + p.Name, times);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Collect(item, $"{path}[{i++}]", times);
                break;
            case JsonValueKind.String when System.Text.RegularExpressions.Regex.IsMatch(e.GetString()!, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"):
                times.Add((path, e.GetString()!));
                break;
        }
    }

    [Theory]
    [InlineData("/api/v1/events?from=0001-01-01", "from")]
    [InlineData("/api/v1/events?to=9999-12-31", "to")]
    [InlineData("/api/v1/events?from=2026-02-30", "from")]
    [InlineData("/api/v1/events?page=abc", "page")]
    [InlineData("/api/v1/events?page=99999999999", "page")]
    [InlineData("/api/v1/events?page=0", "page")]
    [InlineData("/host/api/v1/events?from=0001-01-01&to=9999-12-31", "to")]
    public async Task Bad_query_values_in_the_api_answer_400_problem_details_naming_the_field(string url, string field)
    {
        var response = await fixture.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("查询参数有误", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}");
    }

    [Theory]
    [InlineData("/events?from=0001-01-01", "年份在 2000 到 2199 之间")]
    [InlineData("/events?to=9999-12-31", "年份在 2000 到 2199 之间")]
    [InlineData("/events?from=1900-01-01", "年份在 2000 到 2199 之间")]
    [InlineData("/events?page=99999999999", "页码应为")]
    [InlineData("/events/calendar?month=9999-12", "月份格式应为 2026-09")]
    [InlineData("/events/calendar?month=0001-01", "月份格式应为 2026-09")]
    [InlineData("/host/events/calendar?month=2026-13", "月份格式应为 2026-09")]
    public async Task Bad_query_values_on_pages_answer_400_with_a_friendly_page_saying_why(string url, string message)
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync(url);
        Assert.Equal(400, status);
        Assert.Contains(message, html);
        Assert.Contains("<main", html); // the site's own page, not an error page
        // Positive control: the edges of the range are fine.
        Assert.Equal(200, (await fixture.App.CreateClient().FetchAsync("/events/calendar?month=2199-12")).Status);
        Assert.Equal(200, (await fixture.App.CreateClient().FetchAsync("/events?from=2000-01-01")).Status);
    }
}
