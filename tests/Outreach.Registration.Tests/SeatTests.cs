using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>Seats: the last one under a rush, shared quotas, idempotent retries, the full answer.</summary>
public sealed class SeatTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task Two_hundred_concurrent_requests_for_the_last_seat_confirm_exactly_one_on_SQLite() =>
        await LastSeatAsync(f.Site);

    [Fact]
    public async Task Two_hundred_concurrent_requests_for_the_last_seat_confirm_exactly_one_on_PostgreSQL()
    {
        await using var app = FairSite.Factory(RequiredServices.Postgres());
        await LastSeatAsync(await FairSite.CreateAsync(app));
    }

    static async Task LastSeatAsync(FairSite fixture)
    {
        var app = fixture.App;
        var (id, _) = await fixture.CreateEventAsync(new { options = new[] { new { name = "闭幕场", capacity = 1 } } });
        var option = await fixture.FirstOptionAsync(id);
        var clients = Enumerable.Range(0, 8).Select(_ => app.CreatePlainClient()).ToArray();
        // Like a real client, a "busy, try again" (503) is retried; every final answer must be a seat or "full".
        async Task<HttpResponseMessage> Attempt(HttpClient client)
        {
            var phone = Fair.NewPhone();
            for (var i = 0; ; i++)
            {
                var response = await client.RegisterAsync(id, option, phone: phone);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || i == 5) return response;
                await Task.Delay(200);
            }
        }
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Attempt(clients[i % clients.Length])));
        var codes = responses.Select(r => r.StatusCode).ToList();
        var other = responses.FirstOrDefault(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict));
        Assert.True(other is null, other is null ? "" : $"{other.StatusCode}: {await other.Content.ReadAsStringAsync()}");
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(199, codes.Count(c => c == HttpStatusCode.Conflict));
        var full = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("名额已满。", full!["title"]!.GetValue<string>());
        var (rows, taken) = await app.WithSiteAsync("fair", async db => (
            await db.Set<Registration>().CountAsync(r => r.EventId == id),
            await db.Set<Quota>().Where(q => q.EventId == id).Select(q => q.Taken).SingleAsync()));
        Assert.Equal(1, rows);
        Assert.Equal(1, taken);
    }

    [Fact]
    public async Task Options_sharing_a_quota_draw_from_the_same_seats()
    {
        var (id, _) = await f.Site.CreateEventAsync(new
        {
            quotas = new[] { new { key = "hall", name = "报告厅", capacity = 3 } },
            options = new object[] { new { name = "09:00–11:00 场", quota = "hall" }, new { name = "14:00–16:00 场", quota = "hall" }, new { name = "户外展区", capacity = 5 } },
            maxGroupSize = 5,
        });
        var options = await f.Site.OptionsAsync(id);
        int Option(int i) => options[i]!["id"]!.GetValue<int>();
        Assert.True(options[0]!["shared"]!.GetValue<bool>());
        var client = f.App.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, Option(0), groupSize: 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, Option(1))).StatusCode);
        // The hall is full through either slot; the outdoor zone is not.
        Assert.Equal(HttpStatusCode.Conflict, (await client.RegisterAsync(id, Option(0))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.RegisterAsync(id, Option(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, Option(2))).StatusCode);
        var after = await f.Site.OptionsAsync(id);
        Assert.Equal([0, 0, 4], after.Select(o => o!["remaining"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_retried_request_returns_the_same_registration_and_a_second_one_without_the_key_is_a_duplicate()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var phone = Fair.NewPhone();
        var first = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "retry-1");
        var again = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "retry-1");
        // Without the key, the phone number ("138 0013 8000" is the same person) finds the registration — and says only that.
        var spaced = await client.RegisterAsync(id, option, phone: $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, spaced.StatusCode);
        Assert.Equal("duplicate", (await spaced.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>(),
            (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>());
        Assert.Equal(4, (await f.Site.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Concurrent_double_submissions_of_one_person_hold_one_seat() => await DoubleSubmissionsAsync(f.Site);

    [Fact]
    public async Task Concurrent_double_submissions_of_one_person_hold_one_seat_on_PostgreSQL()
    {
        await using var app = FairSite.Factory(RequiredServices.Postgres());
        await DoubleSubmissionsAsync(await FairSite.CreateAsync(app));
    }

    static async Task DoubleSubmissionsAsync(FairSite f)
    {
        var (id, _) = await f.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 50 } } });
        var option = await f.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        var client = f.App.CreatePlainClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.RegisterAsync(id, option, phone: phone)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
        Assert.Equal(49, (await f.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_input_is_a_400_in_Chinese_and_stores_nothing()
    {
        var (id, _) = await f.Site.CreateEventAsync(new
        {
            options = new[] { new { name = "全天", capacity = 5 } },
            questions = new object[] { new { id = "grade", label = "孩子年级", kind = "single", required = true, choices = new[] { "一年级", "二年级" } } },
        });
        var option = await f.Site.FirstOptionAsync(id);
        var response = await f.App.CreatePlainClient().RegisterAsync(id, option, phone: "12345", email: "不是邮箱", answers: new { grade = "九年级" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("11 位手机号码", problem!["errors"]!["phone"]![0]!.GetValue<string>());
        Assert.Contains("邮箱", problem["errors"]!["email"]![0]!.GetValue<string>());
        Assert.Contains("孩子年级", problem["errors"]!["answers.grade"]![0]!.GetValue<string>());
        Assert.Equal(0, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
    }

    [Fact]
    public async Task Registration_before_opening_or_after_closing_is_refused()
    {
        var (id, _) = await f.Site.CreateEventAsync(new
        {
            options = new[] { new { name = "全天", capacity = 5 } },
            opensAt = "2026-09-10T10:00:00+08:00", closesAt = "2026-09-20T10:00:00+08:00",
        });
        var option = await f.Site.FirstOptionAsync(id);
        var early = await f.App.CreatePlainClient().RegisterAsync(id, option);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("2026年9月10日 10:00", (await early.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_api_refuses_unknown_quota_and_lists_errors_by_path()
    {
        var response = await f.Site.Admin().PostAsJsonAsync("/fair/api/v1/admin/events", new
        {
            title = "错误的报名设置", startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00", city = "广州", type = "fair",
            registration = new { options = new object[] { new { name = "A", quota = "nope" }, new { name = "B" } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["registration.options[0].quota"]);
        Assert.NotNull(problem["errors"]!["registration.options[1].capacity"]);
        Assert.Equal(0, await f.App.WithSiteAsync("fair", db => db.Set<Outreach.Events.Event>().CountAsync(e => e.Title == "错误的报名设置")));
    }
}

