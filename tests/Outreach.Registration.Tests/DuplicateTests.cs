using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>
/// Issue 12, item 1: registering again with someone's phone or email must never reveal or return their
/// registration; its manage link goes by mail to the address on file, rate limited by the database.
/// </summary>
public sealed class DuplicateTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    const string Said = "该手机号/邮箱已报名本活动，我们已将管理链接发送到报名时登记的联系方式。";

    static async Task<JsonObject> Body(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;

    static List<Outreach.Core.Mail.OutboxMail> ManageLinkMails(IEnumerable<Outreach.Core.Mail.OutboxMail> mails) =>
        mails.Where(m => m.Subject.StartsWith("您已报名过", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_stranger_with_my_phone_gets_a_409_without_my_registration_and_my_link_goes_to_my_address_once_per_ten_minutes()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        var mine = await Body(await f.App.CreatePlainClient().RegisterAsync(id, option, phone: phone, email: "owner-dup@example.cn", name: "真主人"));
        var ticket = mine["ticketCode"]!.GetValue<string>();

        var stranger = f.App.CreatePlainClient();
        var attempt = await stranger.RegisterAsync(id, option, phone: phone, email: "thief-dup@example.cn", name: "冒名者");
        Assert.Equal(HttpStatusCode.Conflict, attempt.StatusCode);
        var text = await attempt.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(Said, problem["title"]!.GetValue<string>());
        Assert.Equal("duplicate", problem["code"]!.GetValue<string>());
        Assert.DoesNotContain("/registrations/", text);
        Assert.DoesNotContain(ticket, text);
        Assert.DoesNotContain("真主人", text);
        Assert.Null(attempt.Headers.Location);

        // The link went to the address on file, not to the one the stranger typed.
        Assert.Empty(await f.Site.MailsToAsync("thief-dup@example.cn"));
        var sent = Assert.Single(ManageLinkMails(await f.Site.MailsToAsync("owner-dup@example.cn")));
        // Its link (a fresh token for the same registration) opens the owner's registration.
        var link = System.Text.RegularExpressions.Regex.Match(sent.HtmlBody, "href=\"https?://[^/\"]+(/fair/registrations/[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/fair/registrations/", link);
        Assert.Contains("真主人", await f.App.CreatePlainClient().GetStringAsync(link));

        // Again within ten minutes: the same answer, no second mail (the inbox cannot be flooded).
        Assert.Equal(HttpStatusCode.Conflict, (await stranger.RegisterAsync(id, option, phone: phone)).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.Conflict, (await stranger.RegisterAsync(id, option, phone: phone)).StatusCode);
        Assert.Single(ManageLinkMails(await f.Site.MailsToAsync("owner-dup@example.cn")));
        f.App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Conflict, (await stranger.RegisterAsync(id, option, email: "OWNER-dup@example.cn")).StatusCode);
        Assert.Equal(2, ManageLinkMails(await f.Site.MailsToAsync("owner-dup@example.cn")).Count);
        Assert.Equal(1, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
    }

    [Fact]
    public async Task A_duplicate_of_a_registration_without_email_says_the_link_is_in_the_original_confirmation_and_mails_nobody()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        Assert.Equal(HttpStatusCode.Created, (await f.App.CreatePlainClient().RegisterAsync(id, option, phone: phone)).StatusCode);
        var before = await f.App.WithSiteAsync("fair", db => db.OutboxMails.CountAsync());

        var again = await f.App.CreatePlainClient().RegisterAsync(id, option, phone: phone, email: "someone-else@example.cn");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await Body(again);
        Assert.Equal("duplicate", problem["code"]!.GetValue<string>());
        Assert.Contains("未登记邮箱", problem["title"]!.GetValue<string>());
        Assert.Null(problem["manageUrl"]);
        Assert.Equal(before, await f.App.WithSiteAsync("fair", db => db.OutboxMails.CountAsync()));
    }

    [Fact]
    public async Task The_form_answers_a_duplicate_with_a_page_and_no_redirect_to_the_existing_registration()
    {
        var (id, slug) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        var ticket = (await Body(await f.App.CreatePlainClient().RegisterAsync(id, option, phone: phone, email: "form-owner@example.cn")))["ticketCode"]!.GetValue<string>();

        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var posted = await client.PostFormAsync($"/fair/events/{slug}/register", new()
        {
            ["optionId"] = option.ToString(), ["name"] = "冒名者", ["phone"] = phone, ["email"] = "", ["groupSize"] = "1",
            ["consent"] = "on", ["submission"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains(Said, page);
        Assert.Contains("<html", page); // the site's themed page, not a bare message
        Assert.DoesNotContain(ticket, page);
        Assert.DoesNotContain("/fair/registrations/", page);
        Assert.Single(ManageLinkMails(await f.Site.MailsToAsync("form-owner@example.cn")));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_body_and_refuses_another_body_with_422()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var phone = Fair.NewPhone();
        var first = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "key-dup-1", name: "李雷");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var replay = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "key-dup-1", name: " 李雷 ");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await Body(first))["id"]!.GetValue<int>(), (await Body(replay))["id"]!.GetValue<int>());

        // Same key, another person: never their registration.
        var other = await client.RegisterAsync(id, option, phone: Fair.NewPhone(), idempotencyKey: "key-dup-1", name: "韩梅梅");
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        var text = await other.Content.ReadAsStringAsync();
        Assert.Equal("idempotency-key-reused", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.DoesNotContain("/registrations/", text);
        Assert.Equal(1, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_422_even_after_the_option_sold_out()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "最后一场", capacity = 1 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var phone = Fair.NewPhone();
        var first = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "key-sold-out", name: "周晓峰");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // Someone else finds it full: from now on the node answers "full" from memory.
        var full = await client.RegisterAsync(id, option, name: "吴佳怡");
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal("名额已满。", (await Body(full))["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await client.RegisterAsync(id, option, idempotencyKey: "key-sold-out-new", name: "郑雨欣")).StatusCode); // control: a new key is just "full"

        var other = await client.RegisterAsync(id, option, phone: Fair.NewPhone(), idempotencyKey: "key-sold-out", name: "韩梅梅");
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal("idempotency-key-reused", (await Body(other))["code"]!.GetValue<string>());
        var replay = await client.RegisterAsync(id, option, phone: phone, idempotencyKey: "key-sold-out", name: "周晓峰");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await Body(first))["id"]!.GetValue<int>(), (await Body(replay))["id"]!.GetValue<int>());
        Assert.Equal(1, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
    }

    [Fact]
    public async Task Concurrent_duplicates_with_an_email_on_file_queue_one_manage_link_mail() =>
        await OneManageLinkMailAsync(f.Site);

    [Fact]
    public async Task Concurrent_duplicates_with_an_email_on_file_queue_one_manage_link_mail_on_PostgreSQL()
    {
        await using var app = FairSite.Factory(RequiredServices.Postgres());
        await OneManageLinkMailAsync(await FairSite.CreateAsync(app));
    }

    static async Task OneManageLinkMailAsync(FairSite site)
    {
        var (id, _) = await site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 50 } } });
        var option = await site.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        Assert.Equal(HttpStatusCode.Created, (await site.App.CreatePlainClient().RegisterAsync(id, option, phone: phone, email: "rush-owner@example.cn")).StatusCode);
        var client = site.App.CreatePlainClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.RegisterAsync(id, option, phone: phone)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable, r.StatusCode.ToString()));
        var mail = Assert.Single(ManageLinkMails(await site.MailsToAsync("rush-owner@example.cn")));
        Assert.Equal(Outreach.Core.Mail.OutboxStatus.Pending, mail.Status); // rendered after its commit, ready to send
        Assert.Contains("/fair/registrations/", mail.HtmlBody);
    }
}
