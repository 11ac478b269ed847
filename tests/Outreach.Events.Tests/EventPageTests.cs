using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Search;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed partial class EventPageTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [Fact]
    public async Task The_page_shows_Beijing_time_the_agenda_and_map_links()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/host/events/forum-a");
        Assert.Equal(200, status);
        Assert.Contains("2026年9月16日 09:00", html);
        Assert.Contains("17:30", html);
        Assert.Contains("分论坛一：工业机器人", html);
        Assert.Contains("李明 教授（华南理工大学）", html);
        Assert.Contains("https://uri.amap.com/marker?position=113.278,23.1317&amp;name=", html);
        Assert.Contains("openstreetmap.org/?mlat=23.1317", html);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/host/events/forum-a\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"岭南智能制造论坛\">", html);
        Assert.Contains("href=\"/host/events/forum-a.ics\"", html);
    }

    [Fact]
    public async Task The_page_has_valid_schema_org_Event_json_ld()
    {
        var (_, html) = await fixture.App.CreateClient().FetchAsync("/host/events/forum-a");
        var match = JsonLd().Match(html);
        Assert.True(match.Success);
        var ld = JsonDocument.Parse(match.Groups[1].Value).RootElement;
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("Event", ld.GetProperty("@type").GetString());
        Assert.Equal("岭南智能制造论坛", ld.GetProperty("name").GetString());
        Assert.Equal("2026-09-16T09:00:00+08:00", ld.GetProperty("startDate").GetString());
        Assert.Equal("2026-09-16T17:30:00+08:00", ld.GetProperty("endDate").GetString());
        var location = ld.GetProperty("location");
        Assert.Equal("Place", location.GetProperty("@type").GetString());
        Assert.Equal("广东科学馆", location.GetProperty("name").GetString());
        Assert.Equal("广州", location.GetProperty("address").GetProperty("addressLocality").GetString());
        Assert.Equal("广东省机械工程学会", ld.GetProperty("organizer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_draft_page_is_404()
    {
        var (status, _) = await fixture.App.CreateClient().FetchAsync("/host/events/draft-d");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task The_event_ics_parses_back_with_a_Shanghai_time_zone_and_a_stable_uid()
    {
        var response = await fixture.App.CreateClient().GetAsync("/host/events/forum-a.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Asia/Shanghai");
        var e = Assert.Single(calendar.Events);
        var key = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().Where(x => x.Slug == "forum-a").Select(x => x.Key).SingleAsync());
        Assert.Equal($"{key:N}@localhost", e.Uid);
        Assert.Equal("岭南智能制造论坛", e.Summary);
        Assert.Equal("Asia/Shanghai", e.Start!.TzId);
        Assert.Equal(new DateTime(2026, 9, 16, 9, 0, 0), e.Start.Value);
        Assert.Equal(new DateTime(2026, 9, 16, 1, 0, 0, DateTimeKind.Utc), e.Start.AsUtc);
        Assert.Contains("广东科学馆", e.Location);

        // The same UID on a second fetch: calendars update the entry instead of adding another.
        var again = Calendar.Load(await fixture.App.CreateClient().GetStringAsync("/host/events/forum-a.ics"))!;
        Assert.Equal(e.Uid, Assert.Single(again.Events).Uid);
    }

    [Fact]
    public async Task The_site_feed_lists_published_events_only()
    {
        var calendar = Calendar.Load(await fixture.App.CreateClient().GetStringAsync("/host/events.ics"))!;
        var titles = calendar.Events.Select(e => e.Summary).ToList();
        Assert.Contains("岭南智能制造论坛", titles);
        Assert.Contains("佛山陶瓷科技展", titles);
        Assert.DoesNotContain("尚未发布的讲座", titles);
        Assert.DoesNotContain("江门侨乡科普讲座", titles);
        Assert.Equal(5, titles.Count);
    }

    [Fact]
    public async Task The_list_shows_upcoming_events_first_and_filters_by_city()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/host/events");
        Assert.Equal(200, status);
        Assert.True(html.IndexOf("岭南智能制造论坛", StringComparison.Ordinal) < html.IndexOf("走近南岭的珍稀植物", StringComparison.Ordinal));
        Assert.DoesNotContain("暑期青少年科学营", html); // ended before the clock's today
        Assert.DoesNotContain("尚未发布的讲座", html);

        var (_, past) = await fixture.App.CreateClient().FetchAsync("/host/events?when=past");
        Assert.Contains("暑期青少年科学营", past);

        var (_, shaoguan) = await fixture.App.CreateClient().FetchAsync("/host/events?city=" + Uri.EscapeDataString("韶关"));
        Assert.Contains("走近南岭的珍稀植物", shaoguan);
        Assert.DoesNotContain("岭南智能制造论坛", shaoguan);

        var (badStatus, bad) = await fixture.App.CreateClient().FetchAsync("/host/events?city=" + Uri.EscapeDataString("长沙"));
        // Bad input answers 400, with the site's page and the message (not an error page).
        Assert.Equal(400, badStatus);
        Assert.Contains("未知城市", bad);
    }

    [Fact]
    public async Task The_campaign_page_shows_approved_guests_never_drafts_or_pending()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/host/campaigns/month-2026");
        Assert.Equal(200, status);
        Assert.Contains("2026 学术活动月", html);
        Assert.Contains("岭南智能制造论坛", html);
        Assert.Contains("佛山陶瓷科技展", html);
        Assert.Contains("href=\"/guest/events/guest-approved\"", html);
        Assert.DoesNotContain("中山草稿活动", html);
        Assert.DoesNotContain("江门侨乡科普讲座", html);
        Assert.DoesNotContain("尚未发布的讲座", html);
        Assert.Contains("佛山 <span class=\"count\">1</span>", html);
    }

    [Fact]
    public async Task The_home_page_has_upcoming_events()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/host/");
        Assert.Equal(200, status);
        Assert.Contains("近期活动", html);
        Assert.Contains("岭南智能制造论坛", html);
        Assert.DoesNotContain("暑期青少年科学营", html);
    }

    [Fact]
    public async Task Search_documents_carry_the_city()
    {
        var docs = await fixture.App.WithSiteAsync(null, db =>
            fixture.App.Services.GetServices<ISearchDocumentSource>().OfType<EventSearchSource>().Single().LoadAsync(db, null, default));
        var forum = Assert.Single(docs, d => d.Title == "岭南智能制造论坛");
        Assert.Equal("广州", forum.City);
        Assert.Equal("/events/forum-a", forum.Url);
        Assert.DoesNotContain(docs, d => d.Title == "尚未发布的讲座" || d.Title == "中山草稿活动");
    }

    [Fact]
    public async Task A_second_recipe_run_updates_without_duplicates()
    {
        await fixture.App.RunRecipeAsync("host");
        var count = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().CountAsync(e => e.Slug == "forum-a"));
        var sessions = await fixture.App.WithSiteAsync("host", db => db.Set<EventSession>().CountAsync());
        Assert.Equal(1, count);
        Assert.Equal(2, sessions);
    }
}

public sealed class FeedTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    [Fact]
    public async Task The_atom_feed_lists_published_events_only()
    {
        var response = await fixture.App.CreateClient().GetAsync("/host/events.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = xml.Root!.Elements(atom + "entry").Select(e => (string)e.Element(atom + "title")!).ToList();
        Assert.Contains("岭南智能制造论坛", titles);
        Assert.Contains("佛山陶瓷科技展", titles);
        Assert.DoesNotContain("尚未发布的讲座", titles);
        Assert.DoesNotContain("中山草稿活动", titles);
        var (_, list) = await fixture.App.CreateClient().FetchAsync("/host/events");
        Assert.Contains("type=\"application/atom+xml\" href=\"/host/events.atom\"", list);
    }
}
