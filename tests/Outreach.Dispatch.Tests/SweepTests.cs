using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Dispatch.Tests;

/// <summary>The scheduled sweeps with a fake clock: escalation after 72 h, and the retention purge.</summary>
public sealed class SweepTests(DispatchFixture f) : IClassFixture<DispatchFixture>
{
    [Fact]
    public async Task An_unanswered_dispatch_goes_back_to_the_queue_exactly_once_after_72_hours()
    {
        var (lecturerId, _, email) = await f.LecturerAsync("邝永健", "蚕桑养殖技术", city: "韶关");
        var (id, _) = await f.ConfirmedOrderAsync(days: 20);
        var created = await (await f.Dispatcher().PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch",
            new { lecturerId, startsAt = f.App.Clock.GetUtcNow().AddDays(15) })).Content.ReadFromJsonAsync<JsonObject>();
        var dispatchId = created!["id"]!.GetValue<int>();
        var sweeps = f.App.Services.GetRequiredService<DispatchSweeps>();

        f.App.Clock.Advance(TimeSpan.FromHours(71));
        Assert.Equal(0, await sweeps.EscalateAsync()); // still within the answer time
        f.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await sweeps.EscalateAsync());
        Assert.Equal(0, await sweeps.EscalateAsync()); // never twice

        Assert.Equal(RequestStatus.Submitted, await f.WithDbAsync(db => db.Set<LectureRequest>().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(DispatchStatus.Escalated, await f.WithDbAsync(db => db.Set<LectureDispatch>().Where(d => d.Id == dispatchId).Select(d => d.Status).SingleAsync()));
        // Too late to accept now.
        var lecturer = await f.BearerAsync(email);
        Assert.Equal(HttpStatusCode.Conflict, (await lecturer.PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);
    }

    [Fact]
    public async Task Requests_past_the_sites_retention_lose_contact_data_and_their_links_stop_working()
    {
        var phone = DispatchFixture.NewPhone();
        var order = await f.OrderAsync(phone, "purge-me@example.cn", days: 3);
        var id = order["id"]!.GetValue<int>();
        var track = DispatchFixture.TokenOf(order["trackUrl"]!.GetValue<string>());
        var sweeps = f.App.Services.GetRequiredService<DispatchSweeps>();
        await sweeps.PurgeAsync();
        Assert.Equal(phone, await f.WithDbAsync(db => db.Set<LectureRequest>().Where(r => r.Id == id).Select(r => r.ContactPhone).SingleAsync())); // positive control

        f.App.Clock.Advance(TimeSpan.FromDays(120)); // the county site keeps 90 days
        Assert.True(await sweeps.PurgeAsync() >= 1);
        var row = await f.WithDbAsync(db => db.Set<LectureRequest>().SingleAsync(r => r.Id == id));
        Assert.Equal("", row.ContactPhone);
        Assert.Equal("", row.ContactEmail);
        Assert.Equal("", row.ContactName);
        Assert.NotNull(row.AnonymisedAt);
        Assert.Empty(await f.MailsToAsync("purge-me@example.cn"));
        Assert.Equal(HttpStatusCode.NotFound, (await f.App.CreatePlainClient().GetAsync($"/county/api/v1/lecture-requests/track/{track}")).StatusCode);
    }
}
