using System.Net;
using System.Text.Json;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed class ApprovalFixture() : SitesFixture("host", "guest");

/// <summary>The campaign owner approves other sites' events into the campaign; nobody else can.</summary>
public sealed class ApprovalTests(ApprovalFixture fixture) : IClassFixture<ApprovalFixture>
{
    async Task<List<string>> CampaignSlugsAsync()
    {
        var json = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/host/api/v1/campaigns/month-2026")).RootElement;
        return json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!).ToList();
    }

    [Fact]
    public async Task The_owner_approves_a_guest_event_and_only_then_it_shows()
    {
        Assert.DoesNotContain("guest-pending", await CampaignSlugsAsync());

        var guest = fixture.App.CreateClient();
        guest.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("guest", SiteRole.SiteAdmin));
        var owner = fixture.App.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.Reviewer));

        var queue = JsonDocument.Parse(await owner.GetStringAsync("/host/api/v1/admin/campaign-entries?status=pending")).RootElement.EnumerateArray().ToList();
        var entry = queue.Single(e => e.GetProperty("eventTitle").GetString() == "江门侨乡科普讲座").GetProperty("id").GetInt32();

        // Another site's token cannot see or decide the owner's queue.
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.PostAsync($"/host/api/v1/admin/campaign-entries/{entry}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.PostAsync($"/guest/api/v1/admin/campaign-entries/{entry}/approve", null)).StatusCode);
        Assert.Empty(JsonDocument.Parse(await guest.GetStringAsync("/guest/api/v1/admin/campaign-entries")).RootElement.EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/host/api/v1/admin/campaign-entries/{entry}/approve", null)).StatusCode);
        Assert.Contains("guest-pending", await CampaignSlugsAsync());
        var (_, list) = await fixture.App.CreateClient().FetchAsync("/host/events?campaign=month-2026");
        Assert.Contains("江门侨乡科普讲座", list);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/host/api/v1/admin/campaign-entries/{entry}/reject", null)).StatusCode);
        Assert.DoesNotContain("guest-pending", await CampaignSlugsAsync());
    }

    [Fact]
    public async Task An_approved_draft_stays_hidden()
    {
        var owner = fixture.App.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.Reviewer));
        var queue = JsonDocument.Parse(await owner.GetStringAsync("/host/api/v1/admin/campaign-entries")).RootElement.EnumerateArray().ToList();
        var draft = queue.Single(e => e.GetProperty("eventTitle").GetString() == "中山草稿活动");
        Assert.False(draft.GetProperty("eventPublished").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/host/api/v1/admin/campaign-entries/{draft.GetProperty("id").GetInt32()}/approve", null)).StatusCode);
        Assert.DoesNotContain("guest-draft", await CampaignSlugsAsync());
        var (_, page) = await fixture.App.CreateClient().FetchAsync("/host/campaigns/month-2026");
        Assert.DoesNotContain("中山草稿活动", page);
        var (_, ics) = await fixture.App.CreateClient().FetchAsync("/host/events.ics");
        Assert.DoesNotContain("中山草稿活动", ics);
    }
}
