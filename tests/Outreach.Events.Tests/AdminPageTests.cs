using System.Net;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed class AdminFixture() : SitesFixture("host", "guest");

public sealed class AdminPageTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    [Fact]
    public async Task An_editor_creates_and_publishes_an_event_in_Beijing_time()
    {
        await fixture.App.CreateUserAsync("events-editor@example.cn", false, ("host", SiteRole.Editor));
        var editor = await fixture.App.SignedInClientAsync("events-editor@example.cn", "/host");
        var form = new Dictionary<string, string>
        {
            ["Title"] = "汕头海洋文化讲座", ["Slug"] = "shantou-ocean", ["Summary"] = "潮汕的海", ["Type"] = "lecture", ["Audience"] = "public",
            ["StartsAt"] = "2026-09-28T09:00", ["EndsAt"] = "2026-09-28T11:00", ["City"] = "汕头", ["Venue"] = "汕头市图书馆", ["Revision"] = "0",
        };
        var created = await editor.PostFormAsync("/host/admin/events/edit?handler=Save", form, "/host/admin/events/edit");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var editUrl = created.Headers.Location!.ToString();
        Assert.Equal(404, (await fixture.App.CreatePlainClient().FetchAsync("/host/events/shantou-ocean")).Status);

        var stored = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "shantou-ocean").Select(e => e.StartsAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero), stored);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"{editUrl}?handler=Publish", new(), editUrl)).StatusCode);
        var (status, html) = await fixture.App.CreatePlainClient().FetchAsync("/host/events/shantou-ocean");
        Assert.Equal(200, status);
        Assert.Contains("2026年9月28日 09:00", html);
        Assert.Contains("汕头海洋文化讲座", await editor.GetStringAsync("/host/admin/events"));

        form["City"] = "长沙";
        form["Slug"] = "changsha";
        var bad = await editor.PostFormAsync("/host/admin/events/edit?handler=Save", form, "/host/admin/events/edit");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("未知城市“长沙”", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reviewer_approves_from_the_queue_page_and_another_site_cannot_open_it()
    {
        await fixture.App.CreateUserAsync("events-reviewer@example.cn", false, ("host", SiteRole.Reviewer));
        var reviewer = await fixture.App.SignedInClientAsync("events-reviewer@example.cn", "/host");
        var queue = await reviewer.GetStringAsync("/host/admin/campaigns");
        Assert.Contains("江门侨乡科普讲座", queue);
        var entry = await fixture.App.WithSiteAsync("host", async db =>
        {
            var id = await db.Set<Event>().IgnoreQueryFilters([Outreach.Core.Data.OutreachDbContext.SiteFilter]).Where(e => e.Slug == "guest-pending").Select(e => e.Id).SingleAsync();
            return await db.Set<CampaignEntry>().Where(x => x.EventId == id).Select(x => x.Id).SingleAsync();
        });
        var approved = await reviewer.PostFormAsync("/host/admin/campaigns?handler=Approve", new() { ["entry"] = entry.ToString() }, "/host/admin/campaigns");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("江门侨乡科普讲座", (await fixture.App.CreatePlainClient().FetchAsync("/host/campaigns/month-2026")).Body);

        await fixture.App.CreateUserAsync("guest-admin@example.cn", false, ("guest", SiteRole.SiteAdmin));
        var guest = await fixture.App.SignedInClientAsync("guest-admin@example.cn", "/guest");
        var response = await guest.GetAsync("/host/admin/campaigns");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_editor_duplicates_an_event_into_a_draft_with_its_agenda()
    {
        await fixture.App.CreateUserAsync("events-copier@example.cn", false, ("host", SiteRole.Editor));
        var editor = await fixture.App.SignedInClientAsync("events-copier@example.cn", "/host");
        var id = await fixture.App.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "forum-a").Select(e => e.Id).SingleAsync());
        var editUrl = $"/host/admin/events/edit/{id}";
        Assert.Contains("复制为新活动", await editor.GetStringAsync(editUrl));

        var copied = await editor.PostFormAsync($"{editUrl}?handler=Duplicate", new(), editUrl);
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyUrl = copied.Headers.Location!.ToString();
        Assert.NotEqual(editUrl, copyUrl);
        var copyPage = await editor.GetStringAsync(copyUrl);
        Assert.Contains("岭南智能制造论坛（副本）", copyPage);
        Assert.Contains("2026-09-16T09:00", copyPage);
        Assert.Contains("已复制为新的草稿活动", copyPage);

        var copyId = int.Parse(copyUrl[(copyUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var (copy, sessions, original) = await fixture.App.WithSiteAsync("host", async db => (
            await db.Set<Event>().SingleAsync(e => e.Id == copyId),
            await db.Set<EventSession>().Where(s => s.EventId == copyId).OrderBy(s => s.StartsAt).ToListAsync(),
            await db.Set<EventSession>().CountAsync(s => s.EventId == id)));
        Assert.Equal(Outreach.Core.Content.ContentStatus.Draft, copy.Status);
        Assert.Equal("forum-a-copy", copy.Slug);
        Assert.Equal(new DateTimeOffset(2026, 9, 16, 1, 0, 0, TimeSpan.Zero), copy.StartsAt);
        Assert.Equal("广州", copy.City);
        Assert.NotNull(copy.CampaignId);
        Assert.Equal(2, sessions.Count);
        Assert.Equal(2, original);
        Assert.Equal("分论坛一：工业机器人", sessions[1].Track);
        Assert.Equal("李明 教授（华南理工大学）", sessions[1].Speakers);
        // A draft: not public until published.
        Assert.Equal(404, (await fixture.App.CreatePlainClient().FetchAsync("/host/events/forum-a-copy")).Status);
        Assert.Equal(200, (await fixture.App.CreatePlainClient().FetchAsync("/host/events/forum-a")).Status);
    }
}
