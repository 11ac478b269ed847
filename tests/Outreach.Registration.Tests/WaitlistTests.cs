using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The waitlist: a cancellation offers the seat, the offer is confirmed or expires and passes on; approval.</summary>
public sealed class WaitlistTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static async Task<(int Id, string Manage, string Status)> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<int>(), new Uri(body["manageUrl"]!.GetValue<string>()).AbsolutePath, body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cancellation_offers_the_seat_to_the_next_person_who_confirms_it()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 1 } }, waitlist = true, offerHours = 12 });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var (first, firstManage, _) = await Read(await client.RegisterAsync(id, option, email: "first@example.cn"));
        var waiting = await client.RegisterAsync(id, option, email: "second@example.cn");
        Assert.Equal(HttpStatusCode.Created, waiting.StatusCode);
        var (second, secondManage, status) = await Read(waiting);
        Assert.Equal("waitlisted", status);
        Assert.StartsWith("已登记候补", Assert.Single(await f.Site.MailsToAsync("second@example.cn")).Subject);

        // The first person cancels on their manage page (a form with antiforgery).
        var cancel = await client.PostFormAsync(firstManage + "/cancel", [], formPage: firstManage);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Contains("报名已取消", await cancel.Content.ReadAsStringAsync());
        Assert.Equal(RegistrationStatus.Cancelled, (await f.Site.RegistrationAsync(first)).Status);

        var offered = await f.Site.RegistrationAsync(second);
        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(f.App.Clock.GetUtcNow().AddHours(12), offered.OfferExpiresAt);
        var offer = (await f.Site.MailsToAsync("second@example.cn")).Last();
        Assert.StartsWith("候补名额已空出", offer.Subject);
        // The mail's link (a fresh signed token) opens the same registration, now offered.
        var link = System.Text.RegularExpressions.Regex.Match(offer.HtmlBody, "href=\"https?://[^/]+(/fair/registrations/[^\"]+)\"").Groups[1].Value;
        var page = await client.GetStringAsync(link);
        Assert.Contains("候补递补待确认", page);
        Assert.Contains("确认参加", page);
        Assert.Equal(0, (await f.Site.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>()); // held for them

        var confirm = await client.PostFormAsync(secondManage + "/confirm", [], formPage: secondManage);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await f.Site.RegistrationAsync(second)).Status);
        Assert.StartsWith("报名成功", (await f.Site.MailsToAsync("second@example.cn")).Last().Subject);
    }

    [Fact]
    public async Task An_offer_not_confirmed_in_time_expires_and_passes_to_the_next_in_line()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "下午场", capacity = 1 } }, waitlist = true, offerHours = 2 });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var (holder, _, _) = await Read(await client.RegisterAsync(id, option));
        var (late, _, _) = await Read(await client.RegisterAsync(id, option, email: "late@example.cn"));
        var (next, _, _) = await Read(await client.RegisterAsync(id, option, email: "next@example.cn"));

        await f.Site.WithDeskAsync(async (desk, db) => await desk.CancelAsync(await db.RegistrationAsync(holder), null, default));
        Assert.Equal(RegistrationStatus.Offered, (await f.Site.RegistrationAsync(late)).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await f.Site.RegistrationAsync(next)).Status);

        var sweeps = f.App.Services.GetRequiredService<RegistrationSweeps>();
        Assert.Equal(0, await sweeps.ExpireOffersAsync()); // not yet
        // The shared clock only moves forward; the other tests' events are weeks ahead.
        f.App.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweeps.ExpireOffersAsync());
        Assert.Equal(RegistrationStatus.Expired, (await f.Site.RegistrationAsync(late)).Status);
        Assert.Equal(RegistrationStatus.Offered, (await f.Site.RegistrationAsync(next)).Status);
        Assert.StartsWith("候补名额已过期", (await f.Site.MailsToAsync("late@example.cn")).Last().Subject);
        Assert.StartsWith("候补名额已空出", (await f.Site.MailsToAsync("next@example.cn")).Last().Subject);
        var taken = await f.App.WithSiteAsync("fair", db => db.Set<Quota>().Where(q => q.EventId == id).Select(q => q.Taken).SingleAsync());
        Assert.Equal(1, taken);
    }

    [Fact]
    public async Task Approval_mode_holds_the_seat_as_pending_until_an_organiser_decides()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "主论坛", capacity = 2 } }, requiresApproval = true, waitlist = true });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var (approved, _, status) = await Read(await client.RegisterAsync(id, option, email: "prof@example.cn"));
        Assert.Equal("pending", status);
        var (rejected, _, _) = await Read(await client.RegisterAsync(id, option, email: "other@example.cn"));
        var (waiting, _, _) = await Read(await client.RegisterAsync(id, option, email: "third@example.cn"));
        Assert.StartsWith("报名待审核", Assert.Single(await f.Site.MailsToAsync("prof@example.cn")).Subject);

        await f.Site.WithDeskAsync(async (desk, db) =>
        {
            Assert.Equal(Outcome.Created, (await desk.ApproveAsync(await db.RegistrationAsync(approved), null, default)).Outcome);
            return await desk.EndAsync(await db.RegistrationAsync(rejected), RegistrationStatus.Rejected, "rejected", null, default, note: "本场仅限科技工作者");
        });
        Assert.Equal(RegistrationStatus.Confirmed, (await f.Site.RegistrationAsync(approved)).Status);
        Assert.StartsWith("报名已通过审核", (await f.Site.MailsToAsync("prof@example.cn")).Last().Subject);
        var rejection = (await f.Site.MailsToAsync("other@example.cn")).Last();
        Assert.StartsWith("报名未通过审核", rejection.Subject);
        Assert.Contains("本场仅限科技工作者", rejection.HtmlBody);
        // The freed seat went to the waitlist, where it will need approval again once confirmed.
        Assert.Equal(RegistrationStatus.Offered, (await f.Site.RegistrationAsync(waiting)).Status);
    }
}
