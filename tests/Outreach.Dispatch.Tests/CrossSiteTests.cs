using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Tests.Infrastructure;

namespace Outreach.Dispatch.Tests;

/// <summary>Two sites running dispatch ("county" and "other"), each with its own dispatcher token.</summary>
public class CrossSiteFixture : DispatchFixture
{
    protected override string[] OtherSites => ["other"];
}

public sealed class PostgresCrossSiteFixture : CrossSiteFixture
{
    static bool Available => Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES") is { Length: > 0 };

    protected override DispatchFactory CreateFactory() => DispatchFactory.Create(RequiredServices.Postgres());

    public override ValueTask InitializeAsync() => Available ? base.InitializeAsync() : ValueTask.CompletedTask;
}

/// <summary>One person who lectures for two sites is still in one place at a time: 20 parallel accepts over both sites, one wins.</summary>
public static class CrossSiteOverlap
{
    public static async Task TwentyParallelAcceptsOverTwoSitesAsync(CrossSiteFixture f)
    {
        var (countyLecturer, countyClient, email) = await f.LecturerAsync("罗振邦", "山区地质灾害的识别与避险", site: "county");
        var (otherLecturer, otherClient, _) = await f.LecturerAsync("罗振邦", "山区地质灾害的识别与避险", site: "other", account: email);
        Assert.NotEqual(countyLecturer, otherLecturer); // a lecturer record per site, one account
        var userId = await f.UserIdOfAsync(email);
        var start = f.App.Clock.GetUtcNow().AddDays(20);
        var offers = new List<(string Site, int Id)>();
        for (var i = 0; i < 20; i++)
        {
            var site = i % 2 == 0 ? "county" : "other";
            var (id, _) = await f.ConfirmedOrderAsync(site: site);
            // 2 h lectures starting 5 minutes apart: every pair overlaps, half of them on each site.
            var created = await f.Dispatcher(site).PostAsJsonAsync($"/{site}/api/v1/admin/lecture-requests/{id}/dispatch",
                new { lecturerId = site == "county" ? countyLecturer : otherLecturer, startsAt = start.AddMinutes(5 * i) });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            offers.Add((site, (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>()));
        }
        using var gate = new SemaphoreSlim(0);
        var attempts = offers.Select(async o =>
        {
            await gate.WaitAsync();
            var client = o.Site == "county" ? countyClient : otherClient;
            return (await client.PostAsync($"/{o.Site}/api/v1/my/dispatches/{o.Id}/accept", null)).StatusCode;
        }).ToList();
        gate.Release(attempts.Count);
        var codes = await Task.WhenAll(attempts);
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.NoContent));
        Assert.Equal(19, codes.Count(c => c == HttpStatusCode.Conflict));
        Assert.Equal(1, await f.WithDbAsync(db => db.Set<LectureDispatch>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .CountAsync(d => d.LecturerUserId == userId && d.Status == DispatchStatus.Accepted)));

        // Positive control: a lecture on the other site that does not overlap is accepted.
        var winner = offers[Array.IndexOf(codes, HttpStatusCode.NoContent)];
        var site2 = winner.Site == "county" ? "other" : "county";
        var (later, _) = await f.ConfirmedOrderAsync(site: site2, days: 30);
        var other = await f.Dispatcher(site2).PostAsJsonAsync($"/{site2}/api/v1/admin/lecture-requests/{later}/dispatch",
            new { lecturerId = site2 == "county" ? countyLecturer : otherLecturer, startsAt = start.AddDays(3) });
        var otherId = (await other.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NoContent, (await (site2 == "county" ? countyClient : otherClient).PostAsync($"/{site2}/api/v1/my/dispatches/{otherId}/accept", null)).StatusCode);
    }
}

public sealed class CrossSiteTests(CrossSiteFixture f) : IClassFixture<CrossSiteFixture>
{
    [Fact]
    public Task One_account_lecturing_for_two_sites_cannot_hold_overlapping_lectures_across_them_under_concurrency_on_SQLite() =>
        CrossSiteOverlap.TwentyParallelAcceptsOverTwoSitesAsync(f);

    [Fact]
    public async Task A_dispatcher_of_one_site_can_neither_see_nor_act_on_another_sites_requests()
    {
        var (lecturerId, _, _) = await f.LecturerAsync("苏慧敏", "家庭用药安全", site: "county");
        var (id, _) = await f.ConfirmedOrderAsync(site: "county", organisation: "连州市西岸镇中心小学");
        var county = f.Dispatcher("county");
        var other = f.Dispatcher("other");

        // Positive controls: the county's dispatcher sees the request and its detail.
        var own = await county.GetFromJsonAsync<JsonObject>("/county/api/v1/admin/lecture-requests?pageSize=100");
        Assert.Contains(own!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == id);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/county/api/v1/admin/lecture-requests/{id}")).StatusCode);

        // The other site's dispatcher: not in its queue, not by id, not with a query, and its token does not open the county's API.
        var queue = await other.GetStringAsync("/other/api/v1/admin/lecture-requests?pageSize=100&q=" + Uri.EscapeDataString("西岸镇"));
        Assert.DoesNotContain("连州市西岸镇中心小学", queue);
        Assert.Equal(0, JsonNode.Parse(queue)!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/other/api/v1/admin/lecture-requests/{id}")).StatusCode);
        var foreignToken = await other.GetAsync("/county/api/v1/admin/lecture-requests");
        Assert.Contains(foreignToken.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.DoesNotContain("连州市西岸镇中心小学", await foreignToken.Content.ReadAsStringAsync());

        // Nor act on it: dispatching the county's request from the other site is 404 and changes nothing ...
        var start = f.App.Clock.GetUtcNow().AddDays(12);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/other/api/v1/admin/lecture-requests/{id}/dispatch", new { lecturerId, startsAt = start })).StatusCode);
        Assert.Equal(RequestStatus.Submitted, await f.WithDbAsync(db => db.Set<LectureRequest>().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        // ... and the county's lecturer is not the other site's to dispatch (400 naming lecturerId).
        var (otherRequest, _) = await f.ConfirmedOrderAsync(site: "other");
        var borrowed = await other.PostAsJsonAsync($"/other/api/v1/admin/lecture-requests/{otherRequest}/dispatch", new { lecturerId, startsAt = start });
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        Assert.Contains("lecturerId", await borrowed.Content.ReadAsStringAsync());

        // The county dispatches; the other site cannot confirm the dispatch (404) where the county gets "not reported yet" (409).
        var created = await county.PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch", new { lecturerId, startsAt = start });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dispatchId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/other/api/v1/admin/dispatches/{dispatchId}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsync($"/county/api/v1/admin/dispatches/{dispatchId}/confirm", null)).StatusCode);
        Assert.Equal(DispatchStatus.Offered, await f.WithDbAsync(db => db.Set<LectureDispatch>().Where(d => d.Id == dispatchId).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task Report_photos_must_be_images_of_this_sites_media_library_uploaded_by_the_reporter()
    {
        var (lecturerId, _, email) = await f.LecturerAsync("黄海燕", "农村留守儿童心理健康", site: "county");
        var userId = await f.UserIdOfAsync(email);
        var (_, _, colleague) = await f.LecturerAsync("陈思远", "无关主题", site: "county");
        var (id, _) = await f.ConfirmedOrderAsync(site: "county", days: 2);
        var start = f.App.Clock.GetUtcNow().AddDays(2);
        var created = await f.Dispatcher().PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch", new { lecturerId, startsAt = start });
        var dispatchId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email)).PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);

        var mine = await f.UploadPhotoAsync("county", userId);
        var someoneElses = await f.UploadPhotoAsync("county", await f.UserIdOfAsync(colleague));
        var anotherSites = await f.UploadPhotoAsync("other", userId);
        var missing = Math.Max(Math.Max(mine, someoneElses), anotherSites) + 1000;
        f.App.Clock.Advance(TimeSpan.FromDays(3)); // after the lecture
        var lecturer = await f.BearerAsync(email);
        foreach (var bad in new[] { someoneElses, anotherSites, missing })
        {
            var refused = await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/report",
                new { actualAudience = 45, durationMinutes = 90, notes = "孩子们很投入", photoIds = new[] { mine, bad } });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
            Assert.NotNull(problem!["errors"]!["photoIds"]);
            Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.ToJsonString());
            // Nothing written: still accepted, no photos.
            var row = await f.WithDbAsync(db => db.Set<LectureDispatch>().AsNoTracking().SingleAsync(d => d.Id == dispatchId));
            Assert.Equal(DispatchStatus.Accepted, row.Status);
            Assert.Empty(row.PhotoIds);
        }

        // Positive control: the reporter's own upload on this site is taken.
        Assert.Equal(HttpStatusCode.NoContent, (await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/report",
            new { actualAudience = 45, durationMinutes = 90, notes = "孩子们很投入", photoIds = new[] { mine } })).StatusCode);
        var reported = await f.WithDbAsync(db => db.Set<LectureDispatch>().AsNoTracking().SingleAsync(d => d.Id == dispatchId));
        Assert.Equal(DispatchStatus.Reported, reported.Status);
        Assert.Equal(new[] { mine }, reported.PhotoIds);
    }
}

public sealed class PostgresCrossSiteTests(PostgresCrossSiteFixture f) : IClassFixture<PostgresCrossSiteFixture>
{
    [Fact]
    public async Task One_account_lecturing_for_two_sites_cannot_hold_overlapping_lectures_across_them_under_concurrency_on_PostgreSQL()
    {
        RequiredServices.Postgres(); // skips (or fails when services are required) without PostgreSQL
        await CrossSiteOverlap.TwentyParallelAcceptsOverTwoSitesAsync(f);
    }
}
