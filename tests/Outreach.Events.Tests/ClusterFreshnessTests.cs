using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Cluster;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>Two nodes on one PostgreSQL database serving the events site.</summary>
public sealed class EventNodes : TwoNodes
{
    protected override string Recipe => "host";
}

/// <summary>
/// Issue #20 part 2: a change on one node is on every node's pages within a second (output cache evicted through
/// LISTEN/NOTIFY), and a change whose notification never came is healed by the periodic refresh.
/// </summary>
public sealed class ClusterFreshnessTests(EventNodes nodes) : IClassFixture<EventNodes>
{
    static async Task<(HttpStatusCode Status, string Body, bool Cached)> GetAsync(OutreachFactory node, string url)
    {
        var response = await node.CreatePlainClient().GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Age is not null);
    }

    async Task<string> PublishOnAAsync(string title)
    {
        var client = nodes.A.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await nodes.A.CreateTokenAsync("host", SiteRole.SiteAdmin));
        var created = await client.PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title, summary = "跨节点缓存测试", startsAt = "2026-09-26T19:30:00+08:00", endsAt = "2026-09-26T21:00:00+08:00",
            city = "广州", type = "lecture", publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task A_publish_on_one_node_is_on_the_other_nodes_cached_list_and_event_page_within_a_second()
    {
        // Node B has rendered an event page before (as any node in service has) and holds the list in its cache.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodes.B, "/host/events/forum-a")).Status);
        await GetAsync(nodes.B, "/host/events");
        Assert.True((await GetAsync(nodes.B, "/host/events")).Cached, "node B serves the list from its cache");

        var title = "跨节点发布讲座" + Guid.NewGuid().ToString("N")[..6];
        var slug = await PublishOnAAsync(title); // answered after the commit
        var clock = Stopwatch.StartNew();
        await Poll.Until(async () => (await GetAsync(nodes.B, "/host/events")).Body.Contains(title), "node B's list showing the new event", 1);
        var list = clock.ElapsedMilliseconds;
        await Poll.Until(async () => await GetAsync(nodes.B, "/host/events/" + slug) is { Status: HttpStatusCode.OK } page && page.Body.Contains(title),
            "node B's page of the new event", 1);
        TestContext.Current.SendDiagnosticMessage($"published on A: list on B after {list} ms, event page on B after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_change_whose_notification_was_missed_is_on_the_other_nodes_pages_after_the_periodic_refresh()
    {
        const string before = "岭南智能制造论坛";
        // Let evictions still on their way from earlier writes (fixture setup, the other test) land first, then cache the list.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        await GetAsync(nodes.B, "/host/events");
        var cached = await GetAsync(nodes.B, "/host/events");
        Assert.True(cached.Cached, "node B serves the list from its cache");
        Assert.Contains(before, cached.Body);

        // Written behind EF's back: no eviction, no notification (as a change missed while a listener was away).
        const string after = "岭南智能制造论坛（未通知）";
        Assert.Equal(1, await nodes.A.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "forum-a")
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, after), TestContext.Current.CancellationToken)));
        try
        {
            // Positive control: without a notification node B keeps serving its cached copy …
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            var stale = await GetAsync(nodes.B, "/host/events");
            Assert.True(stale.Cached);
            Assert.DoesNotContain(after, stale.Body);

            // … until its refresh interval has passed on its clock (31 s: still the same minute, so no new cache key).
            nodes.B.Clock.Advance(TimeSpan.FromSeconds(TwoNodes.RefreshSeconds + 1));
            await Poll.Until(async () => (await GetAsync(nodes.B, "/host/events")).Body.Contains(after), "node B after its periodic refresh", 2);
        }
        finally
        {
            await nodes.A.WithSiteAsync("host", db => db.Set<Event>().Where(e => e.Slug == "forum-a")
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, before)));
        }
    }
}
