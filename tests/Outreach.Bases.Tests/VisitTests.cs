using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>Group visits: no overbooking, the manage link, staff scoped to their base, decisions, check-in.</summary>
public class VisitTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    OutreachFactory App => fixture.App;

    internal static async Task ThirtyGroupsOfFiveOnSixtyPlacesConfirmTwelve(OutreachFactory app)
    {
        var baseId = await app.IdAsync("botanic-garden");
        var slot = await app.SlotAsync("botanic-garden", capacity: 60, minGroup: 5, maxGroup: 40);
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 30).Select(async _ =>
        {
            var client = app.Client();
            await start.Task;
            return await client.BookAsync(baseId, slot, 5);
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(attempts);
        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(12, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(18, codes.Count(c => c == HttpStatusCode.Conflict));
        var (taken, booked) = await app.WithSiteAsync("gd", async db => (
            await db.Set<VisitSlot>().Where(s => s.Id == slot).Select(s => s.Taken).SingleAsync(),
            await db.Set<Visit>().Where(v => v.SlotId == slot && v.Status == VisitStatus.Confirmed).SumAsync(v => v.GroupSize)));
        Assert.Equal(60, taken);
        Assert.Equal(60, booked);
    }

    [Fact]
    public Task Thirty_parallel_groups_of_five_on_a_sixty_person_slot_confirm_exactly_twelve_on_SQLite() => ThirtyGroupsOfFiveOnSixtyPlacesConfirmTwelve(App);

    [Fact]
    public async Task Booking_answers_201_with_id_status_and_manage_url_and_mails_the_QR_ticket_and_ics()
    {
        var baseId = await App.IdAsync("botanic-garden");
        var slot = await App.SlotAsync("botanic-garden", capacity: 40, minGroup: 5, maxGroup: 40);
        var response = await App.Client().BookAsync(baseId, slot, 25, email: "teacher.chen@example.cn");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["id"]!.GetValue<int>() > 0);
        Assert.Equal("confirmed", body["status"]!.GetValue<string>()); // the garden auto-confirms
        Assert.StartsWith("http://localhost/gd/bases/visits/", body["manageUrl"]!.GetValue<string>());
        var mail = await App.WithSiteAsync("gd", db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.ToAddress == "teacher.chen@example.cn"));
        Assert.StartsWith("参观预约成功：南岭植物园", mail.Subject);
        Assert.Contains("image/png", mail.AttachmentsJson);
        Assert.Contains("text/calendar", mail.AttachmentsJson);
        Assert.DoesNotContain("teacher", body["manageUrl"]!.GetValue<string>()); // no personal data in the link
    }

    [Fact]
    public async Task Bad_booking_is_400_naming_the_fields_and_writes_nothing()
    {
        var baseId = await App.IdAsync("botanic-garden");
        var slot = await App.SlotAsync("botanic-garden", capacity: 40, minGroup: 5, maxGroup: 40);
        var response = await App.Client().PostAsJsonAsync($"/gd/api/v1/bases/{baseId}/visits",
            new { slotId = slot, organisation = "", contact = "陈老师", mobile = "12345", groupSize = 3, consent = false });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        foreach (var field in new[] { "organisation", "mobile", "groupSize", "consent" }) Assert.True(errors.ContainsKey(field), field);
        Assert.Contains("5 到 40", errors["groupSize"]![0]!.GetValue<string>());
        Assert.Equal(0, await App.WithSiteAsync("gd", db => db.Set<VisitSlot>().Where(s => s.Id == slot).Select(s => s.Taken).SingleAsync()));
        // Positive control: the same slot takes a valid group.
        Assert.Equal(HttpStatusCode.Created, (await App.Client().BookAsync(baseId, slot, 5)).StatusCode);
    }

    [Fact]
    public async Task Daily_capacity_caps_the_day_over_all_slots()
    {
        // The heart museum receives at most 50 people a day; each slot holds 40.
        var baseId = await App.IdAsync("heart-hospital");
        var first = await App.SlotAsync("heart-hospital", capacity: 40, minGroup: 5, maxGroup: 40, days: 3);
        var second = await App.SlotAsync("heart-hospital", capacity: 40, minGroup: 5, maxGroup: 40, days: 3);
        Assert.Equal(HttpStatusCode.Created, (await App.Client().BookAsync(baseId, first, 30)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await App.Client().BookAsync(baseId, second, 30)).StatusCode);
        Assert.Equal(0, await App.WithSiteAsync("gd", db => db.Set<VisitSlot>().Where(s => s.Id == second).Select(s => s.Taken).SingleAsync()));
        Assert.Equal(HttpStatusCode.Created, (await App.Client().BookAsync(baseId, second, 20)).StatusCode);
    }

    [Fact]
    public async Task The_manage_link_shows_the_visit_and_cancels_it_freeing_the_places()
    {
        var baseId = await App.IdAsync("botanic-garden");
        var slot = await App.SlotAsync("botanic-garden", capacity: 40, minGroup: 5, maxGroup: 40);
        var body = (await (await App.Client().BookAsync(baseId, slot, 20, email: "cancel.me@example.cn")).Content.ReadFromJsonAsync<JsonObject>())!;
        var manage = new Uri(body["manageUrl"]!.GetValue<string>()).AbsolutePath;
        var browser = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync(manage);
        Assert.Contains("预约成功", page);
        Assert.Contains("番禺区实验小学", page);
        var cancelled = await browser.PostFormAsync(manage + "/cancel", new(), manage);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("已取消", await browser.GetStringAsync(manage));
        Assert.Equal(0, await App.WithSiteAsync("gd", db => db.Set<VisitSlot>().Where(s => s.Id == slot).Select(s => s.Taken).SingleAsync()));
        Assert.Equal(VisitStatus.Cancelled, await App.WithSiteAsync("gd", db => db.Set<Visit>().Where(v => v.Id == body["id"]!.GetValue<int>()).Select(v => v.Status).SingleAsync()));
        Assert.True(await App.WithSiteAsync("gd", db => db.OutboxMails.AnyAsync(m => m.ToAddress == "cancel.me@example.cn" && m.Subject.StartsWith("参观预约已取消"))));
        // A forged token opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await App.Client().GetAsync(manage[..^4] + "AAAA")).StatusCode);
    }

    [Fact]
    public async Task The_manage_link_moves_the_visit_to_another_slot()
    {
        var baseId = await App.IdAsync("botanic-garden");
        var from = await App.SlotAsync("botanic-garden", capacity: 40, minGroup: 5, maxGroup: 40);
        var to = await App.SlotAsync("botanic-garden", capacity: 40, minGroup: 5, maxGroup: 40);
        var body = (await (await App.Client().BookAsync(baseId, from, 15)).Content.ReadFromJsonAsync<JsonObject>())!;
        var manage = new Uri(body["manageUrl"]!.GetValue<string>()).AbsolutePath;
        var browser = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var moved = await browser.PostFormAsync(manage + "/change", new() { ["slotId"] = to.ToString() }, manage);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var taken = await App.WithSiteAsync("gd", db => db.Set<VisitSlot>().Where(s => s.Id == from || s.Id == to).ToDictionaryAsync(s => s.Id, s => s.Taken));
        Assert.Equal(0, taken[from]);
        Assert.Equal(15, taken[to]);
    }

    [Fact]
    public async Task Staff_of_base_A_get_403_on_base_B()
    {
        var staff = await App.StaffOfAsync("heart-hospital");
        var own = await App.IdAsync("heart-hospital");
        var other = await App.IdAsync("botanic-garden");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/gd/api/v1/admin/bases/{own}/visits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/gd/api/v1/admin/bases/{other}/visits")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().GetAsync($"/gd/api/v1/admin/bases/{own}/visits")).StatusCode);
        // The association (SiteAdmin) runs every base.
        var admin = App.Client();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("gd", SiteRole.SiteAdmin));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/gd/api/v1/admin/bases/{other}/visits")).StatusCode);
    }

    [Fact]
    public async Task Staff_approve_a_pending_visit_and_check_the_group_in_once()
    {
        var baseId = await App.IdAsync("heart-hospital"); // not auto-confirmed
        var slot = await App.SlotAsync("heart-hospital", capacity: 40, minGroup: 5, maxGroup: 40, days: 6);
        var body = (await (await App.Client().BookAsync(baseId, slot, 10, email: "approve.me@example.cn")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        var visitId = body["id"]!.GetValue<int>();
        var admin = App.Client();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("gd", SiteRole.SiteAdmin));
        var approved = await admin.PostAsync($"/gd/api/v1/admin/bases/{baseId}/visits/{visitId}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/gd/api/v1/admin/bases/{baseId}/visits/{visitId}/approve", null)).StatusCode);
        var confirmedMail = await App.WithSiteAsync("gd", db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.ToAddress == "approve.me@example.cn" && m.Subject.StartsWith("参观预约成功")));
        Assert.Contains("image/png", confirmedMail.AttachmentsJson);
        var code = body["ticketCode"]!.GetValue<string>();
        var first = (await (await admin.PostAsJsonAsync($"/gd/api/v1/admin/bases/{baseId}/checkin", new { code = "OUTREACH-TICKET:" + code, count = 11 })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("checked-in", first["result"]!.GetValue<string>());
        Assert.Equal(11, first["checkedInCount"]!.GetValue<int>());
        var again = (await (await admin.PostAsJsonAsync($"/gd/api/v1/admin/bases/{baseId}/checkin", new { code })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("already", again["result"]!.GetValue<string>());
        // Another base's staff cannot check this ticket in at their base: it is unknown there.
        var garden = await App.IdAsync("botanic-garden");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/gd/api/v1/admin/bases/{garden}/checkin", new { code })).StatusCode);
    }

    [Fact]
    public async Task Accreditation_terms_ending_within_90_days_are_listed_and_mailed_once()
    {
        var admin = App.Client();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("gd", SiteRole.SiteAdmin));
        var terms = await admin.GetFromJsonAsync<JsonArray>("/gd/api/v1/admin/bases/accreditations/expiring");
        Assert.Contains(terms!, t => t!["base"]!.GetValue<string>() == "岭南科学中心" && t["termEnds"]!.GetValue<string>() == "2026-11-30");
        var job = ActivatorUtilitiesHelper.Job(App);
        Assert.Equal(1, await job.RunAsync());
        Assert.Equal(0, await job.RunAsync());
        Assert.Equal(1, await App.WithSiteAsync("gd", db => db.OutboxMails.CountAsync(m => m.ToAddress == "centre@example.cn")));
    }
}

static class ActivatorUtilitiesHelper
{
    public static AccreditationReminderJob Job(OutreachFactory app) =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<AccreditationReminderJob>(app.Services);
}

/// <summary>The same race on PostgreSQL, where row locks (not SQLite's single writer) decide.</summary>
public class PostgresVisitTests
{
    [Fact]
    public async Task Thirty_parallel_groups_of_five_on_a_sixty_person_slot_confirm_exactly_twelve_on_PostgreSQL()
    {
        var connection = RequiredServices.Postgres();
        await using var app = BasesFixture.Factory(connection);
        _ = app.Server;
        await app.RunRecipeAsync("bases");
        await VisitTests.ThirtyGroupsOfFiveOnSixtyPlacesConfirmTwelve(app);
    }
}
