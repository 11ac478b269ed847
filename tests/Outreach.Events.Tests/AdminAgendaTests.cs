using System.Net;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed class AgendaFixture() : SitesFixture("talks");

/// <summary>The admin pages for agendas, speakers, venues, campaigns and previews (site "talks").</summary>
public sealed class AdminAgendaTests(AgendaFixture fixture) : IClassFixture<AgendaFixture>
{
    async Task<HttpClient> EditorAsync(string email)
    {
        await fixture.App.CreateUserAsync(email, false, ("talks", SiteRole.Editor));
        return await fixture.App.SignedInClientAsync(email, "/talks");
    }

    static Dictionary<string, string> EventForm(string title, string slug) => new()
    {
        ["Title"] = title, ["Slug"] = slug, ["Type"] = "forum", ["StartsAt"] = "2026-10-10T09:00", ["EndsAt"] = "2026-10-10T17:00",
        ["City"] = "广州", ["Language"] = "zh-CN", ["Revision"] = "0",
    };

    [Fact]
    public async Task An_editor_adds_edits_and_removes_agenda_rows_with_speakers_from_the_library_in_order()
    {
        var editor = await EditorAsync("agenda-editor@example.cn");
        var (chen, zhou) = await fixture.App.WithSiteAsync("talks", async db => (
            await db.Set<Speaker>().Where(p => p.Key == "chen-lixin").Select(p => p.Id).SingleAsync(),
            await db.Set<Speaker>().Where(p => p.Key == "zhou-jing").Select(p => p.Id).SingleAsync()));
        var form = EventForm("海洋与气候论坛", "ocean-climate");
        form["Sessions[0].StartsAt"] = "2026-10-10T09:00"; form["Sessions[0].EndsAt"] = "2026-10-10T10:00";
        form["Sessions[0].Title"] = "开幕式"; form["Sessions[0].Speakers"] = "省科协领导";
        form["Sessions[1].StartsAt"] = "2026-10-10T14:00"; form["Sessions[1].EndsAt"] = "2026-10-10T15:00";
        form["Sessions[1].Track"] = "分论坛一：海洋观测"; form["Sessions[1].Title"] = "深海观测网";
        form["Sessions[1].SpeakerIds[0]"] = zhou.ToString(); form["Sessions[1].SpeakerIds[1]"] = chen.ToString();
        form["Sessions[2].Title"] = "";
        var saved = await editor.PostFormAsync("/talks/admin/events/edit?handler=Save", form, "/talks/admin/events/edit");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var editUrl = saved.Headers.Location!.ToString();
        var id = await fixture.App.WithSiteAsync("talks", db => db.Set<Event>().Where(e => e.Slug == "ocean-climate").Select(e => e.Id).SingleAsync());

        var sessions = await SessionsAsync(id);
        Assert.Equal(["开幕式", "深海观测网"], sessions.Select(s => s.Title));
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 6, 0, 0, TimeSpan.Zero), sessions[1].StartsAt);
        Assert.Equal([zhou, chen], sessions[1].Speakers);

        // The edit page shows the rows, plus blank ones to add more.
        var page = await editor.GetStringAsync(editUrl);
        Assert.Contains("value=\"深海观测网\"", page);
        Assert.Contains("name=\"Sessions[4].Title\"", page);

        // Edit the first row, remove the second.
        form["Revision"] = await RevisionAsync(id);
        form["Sessions[0].Title"] = "开幕式及颁奖";
        form["Sessions[1].Remove"] = "true";
        var edited = await editor.PostFormAsync($"{editUrl}?handler=Save", form, editUrl);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        sessions = await SessionsAsync(id);
        Assert.Equal(["开幕式及颁奖"], sessions.Select(s => s.Title));

        // A row without times is refused with its row number, and nothing changes.
        form["Revision"] = await RevisionAsync(id);
        form["Sessions[2].Title"] = "没有时间的报告";
        var bad = await editor.PostFormAsync($"{editUrl}?handler=Save", form, editUrl);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("议程第 3 行：开始和结束时间必填。", await bad.Content.ReadAsStringAsync());
        Assert.Single(await SessionsAsync(id));
    }

    Task<string> RevisionAsync(int id) =>
        fixture.App.WithSiteAsync("talks", async db => (await db.Set<Event>().SingleAsync(e => e.Id == id)).Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));

    async Task<List<(string Title, DateTimeOffset StartsAt, List<int> Speakers)>> SessionsAsync(int eventId) =>
        await fixture.App.WithSiteAsync("talks", async db =>
        {
            var sessions = await db.Set<EventSession>().Where(s => s.EventId == eventId).OrderBy(s => s.StartsAt).ToListAsync();
            var links = await db.Set<SessionSpeaker>().OrderBy(x => x.Order).ToListAsync();
            return sessions.Select(s => (s.Title, s.StartsAt, links.Where(x => x.SessionId == s.Id).Select(x => x.SpeakerId).ToList())).ToList();
        });

    [Fact]
    public async Task An_editor_previews_a_draft_that_the_public_cannot_see()
    {
        var editor = await EditorAsync("preview-editor@example.cn");
        var form = EventForm("尚在筹备的论坛", "draft-forum");
        form["Language"] = "yue";
        var saved = await editor.PostFormAsync("/talks/admin/events/edit?handler=Save", form, "/talks/admin/events/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await fixture.App.WithSiteAsync("talks", db => db.Set<Event>().Where(e => e.Slug == "draft-forum").Select(e => e.Id).SingleAsync());
        Assert.Contains($"/talks/admin/events/preview/{id}", await editor.GetStringAsync(saved.Headers.Location!.ToString()));

        var preview = await editor.GetAsync($"/talks/admin/events/preview/{id}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("noindex", preview.Headers.GetValues("X-Robots-Tag").Single());
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("尚在筹备的论坛", html);
        Assert.Contains("粤语", html);
        Assert.Equal(404, (await fixture.App.CreatePlainClient().FetchAsync("/talks/events/draft-forum")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await fixture.App.CreatePlainClient().GetAsync($"/talks/admin/events/preview/{id}")).StatusCode);
    }

    [Fact]
    public async Task Speakers_venues_and_campaigns_are_managed_on_their_admin_pages()
    {
        var editor = await EditorAsync("library-editor@example.cn");
        var speaker = await editor.PostFormAsync("/talks/admin/speakers?handler=Save", new()
        {
            ["Name"] = "林晓", ["Affiliation"] = "广东省智能制造研究所", ["Title"] = "研究员", ["Bio"] = "研究工业机器人。", ["Key"] = "lin-xiao",
        });
        Assert.Equal(HttpStatusCode.Redirect, speaker.StatusCode);
        Assert.Contains("广东省智能制造研究所", await editor.GetStringAsync("/talks/admin/speakers"));
        var duplicate = await editor.PostFormAsync("/talks/admin/speakers?handler=Save", new() { ["Name"] = "另一位", ["Key"] = "lin-xiao" });
        Assert.Contains("键“lin-xiao”已被其他嘉宾使用", await duplicate.Content.ReadAsStringAsync());

        var venue = await editor.PostFormAsync("/talks/admin/venues?handler=Save", new()
        {
            ["Name"] = "韶关市科技馆", ["City"] = "韶关", ["District"] = "武江区", ["Address"] = "工业西路", ["Latitude"] = "24.8", ["Longitude"] = "113.58", ["Key"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, venue.StatusCode);
        var venueId = int.Parse(venue.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var badCity = await editor.PostFormAsync("/talks/admin/venues?handler=Save", new() { ["Name"] = "岳麓书院", ["City"] = "长沙" });
        Assert.Contains("未知城市“长沙”", await badCity.Content.ReadAsStringAsync());

        // Choosing the venue on an event copies its place.
        var form = EventForm("南岭植物讲座", "nanling-plants");
        form["VenueId"] = venueId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/talks/admin/events/edit?handler=Save", form, "/talks/admin/events/edit")).StatusCode);
        var stored = await fixture.App.WithSiteAsync("talks", db => db.Set<Event>().SingleAsync(e => e.Slug == "nanling-plants"));
        Assert.Equal(("韶关", "武江区", "韶关市科技馆", 24.8, (int?)venueId), (stored.City, stored.District, stored.VenueName, stored.Latitude!.Value, stored.VenueId));

        var campaign = await editor.PostFormAsync("/talks/admin/campaigns/edit?handler=Save", new()
        {
            ["Title"] = "2026 全国科普日", ["Slug"] = "science-day-2026", ["Summary"] = "全省联动", ["StartsAt"] = "2026-09-15T00:00", ["EndsAt"] = "2026-09-21T23:59",
        });
        Assert.Equal(HttpStatusCode.Redirect, campaign.StatusCode);
        var (status, landing) = await fixture.App.CreateClient().FetchAsync("/talks/campaigns/science-day-2026");
        Assert.Equal(200, status);
        Assert.Contains("2026 全国科普日", landing);
        var stats = await fixture.App.WithSiteAsync("talks", db => db.Set<Campaign>().SingleAsync(c => c.Slug == "science-day-2026"));
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 0, 0, TimeSpan.Zero), stats.StartsAt);
    }

    [Fact]
    public async Task A_reviewer_without_edit_rights_cannot_open_the_speaker_and_venue_pages()
    {
        await fixture.App.CreateUserAsync("talks-reviewer@example.cn", false, ("talks", SiteRole.Reviewer));
        var reviewer = await fixture.App.SignedInClientAsync("talks-reviewer@example.cn", "/talks");
        Assert.NotEqual(HttpStatusCode.OK, (await reviewer.GetAsync("/talks/admin/speakers")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await reviewer.GetAsync("/talks/admin/venues")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await reviewer.GetAsync("/talks/admin/campaigns/edit")).StatusCode);
    }
}
