using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>Issue 12: deleted events, control characters, ID cards, capacity, and the data that goes with a deleted registration.</summary>
public sealed class HardeningTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static async Task<JsonObject> Body(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;

    static string PathOf(JsonObject created) => new Uri(created["manageUrl"]!.GetValue<string>()).AbsolutePath;

    [Fact]
    public async Task A_registrant_of_a_deleted_event_can_still_read_download_and_delete_but_not_change_anything()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } }, title: "将被删除的活动");
        var created = await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), email: "orphan@example.cn", name: "孤儿报名"));
        var path = PathOf(created);
        var token = path[(path.LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.NoContent, (await f.Site.Admin().DeleteAsync($"/fair/api/v1/admin/events/{id}")).StatusCode);

        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("主办方已删除本活动", html);
        Assert.Contains("孤儿报名", html);
        Assert.DoesNotContain("/cancel\"", html); // read-only: no cancel form
        var data = await client.GetAsync(path + "/data.json");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("孤儿报名", await data.Content.ReadAsStringAsync());
        var api = await client.GetAsync($"/fair/api/v1/registrations/{token}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True((await Body(api))["eventDeleted"]!.GetValue<bool>());

        var cancel = await client.PostFormAsync(path + "/cancel", [], formPage: path);
        Assert.Equal(HttpStatusCode.Gone, cancel.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await f.Site.RegistrationAsync(created["id"]!.GetValue<int>())).Status);

        var deleted = await client.PostFormAsync(path + "/delete", [], formPage: path);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var row = await f.Site.RegistrationAsync(created["id"]!.GetValue<int>());
        Assert.NotNull(row.AnonymisedAt);
        Assert.Equal("", row.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Deleting_my_data_deletes_my_mails_from_the_outbox_and_the_pickup_folder()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var created = await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), email: "forget-mail@example.cn"));
        var other = await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), email: "keep-mail@example.cn"));
        await f.App.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
        var mine = Assert.Single(await f.Site.MailsToAsync("forget-mail@example.cn"));
        Assert.Equal(RegistrationMails.Reference(await f.Site.RegistrationAsync(created["id"]!.GetValue<int>())), mine.Reference);
        var pickup = Path.Combine(f.App.DataDir, "mail-pickup");
        var file = Path.Combine(pickup, PickupMailTransport.FileName(mine.MessageId));
        Assert.True(File.Exists(file));

        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var path = PathOf(created);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(path + "/delete", [], formPage: path)).StatusCode);

        Assert.Empty(await f.Site.MailsToAsync("forget-mail@example.cn")); // the confirmation and the cancellation
        Assert.False(File.Exists(file));
        var kept = Assert.Single(await f.Site.MailsToAsync("keep-mail@example.cn")); // positive control: others stay
        Assert.True(File.Exists(Path.Combine(pickup, PickupMailTransport.FileName(kept.MessageId))));
        Assert.NotNull(other["id"]);
    }

    [Fact]
    public async Task Control_characters_in_a_name_or_a_text_answer_are_a_400_naming_the_field() => await SingleLineAsync(f.Site);

    [Fact]
    public async Task Control_characters_and_over_long_input_are_a_400_on_PostgreSQL_too()
    {
        await using var app = FairSite.Factory(RequiredServices.Postgres());
        await SingleLineAsync(await FairSite.CreateAsync(app));
    }

    static async Task SingleLineAsync(FairSite f)
    {
        var (id, _) = await f.CreateEventAsync(new
        {
            options = new[] { new { name = "全天", capacity = 5 } },
            questions = new object[] { new { id = "school", label = "学校", kind = "text", required = false } },
        });
        var option = await f.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var name = await client.RegisterAsync(id, option, name: "张三\r\nBcc: victim@example.cn");
        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.Contains("控制字符", (await Body(name))["errors"]!["name"]![0]!.GetValue<string>());
        var answer = await client.RegisterAsync(id, option, answers: new { school = "第一\n中学" });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.NotNull((await Body(answer))["errors"]!["answers.school"]);
        var tooLong = await client.RegisterAsync(id, option, name: new string('名', RegistrationLimits.Name + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(0, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, option, name: "张三", answers: new { school = "第一中学" })).StatusCode);
    }

    static object IdCardEvent(string? reason) => new
    {
        title = "实名入场讲座 " + Guid.NewGuid().ToString("N")[..6], startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00",
        city = "广州", type = "lecture", publish = true,
        registration = new { options = new[] { new { name = "全天", capacity = 5 } }, requiresIdCard = true, idCardReason = reason },
    };

    [Fact]
    public async Task Only_a_site_admin_with_a_stated_reason_can_switch_on_id_card_collection_and_the_reason_is_audited()
    {
        var editor = f.App.CreatePlainClient();
        editor.DefaultRequestHeaders.Authorization = new("Bearer", await f.App.CreateTokenAsync("fair", SiteRole.Editor));
        var refused = await editor.PostAsJsonAsync("/fair/api/v1/admin/events", IdCardEvent("场馆要求实名"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("站点管理员", (await Body(refused))["errors"]!["registration.requiresIdCard"]![0]!.GetValue<string>());

        var noReason = await f.Site.Admin().PostAsJsonAsync("/fair/api/v1/admin/events", IdCardEvent(null));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await Body(noReason))["errors"]!["registration.idCardReason"]);

        var allowed = await f.Site.Admin().PostAsJsonAsync("/fair/api/v1/admin/events", IdCardEvent("科技馆安保要求实名入场"));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var slug = (await Body(allowed))["slug"]!.GetValue<string>();
        var audit = await f.App.WithSiteAsync("fair", db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == "registration.idcard.enable" && a.Target == "event:" + slug).ToListAsync());
        Assert.Equal("科技馆安保要求实名入场", Assert.Single(audit).Details);
    }

    [Fact]
    public async Task Lowering_a_capacity_below_the_seats_taken_is_refused_and_changes_nothing() => await LowerCapacityAsync(f.Site);

    [Fact]
    public async Task Lowering_a_capacity_below_the_seats_taken_is_refused_on_PostgreSQL_too()
    {
        await using var app = FairSite.Factory(RequiredServices.Postgres());
        await LowerCapacityAsync(await FairSite.CreateAsync(app));
    }

    static async Task LowerCapacityAsync(FairSite f)
    {
        var (id, slug) = await f.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 3 } } }, title: "容量测试");
        var option = await f.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, option)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, option)).StatusCode);
        object Update(int capacity) => new
        {
            title = "容量测试", startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00", city = "广州", type = "workshop",
            registration = new { options = new[] { new { name = "全天", capacity } } },
        };
        var refused = await f.Admin().PutAsJsonAsync($"/fair/api/v1/admin/events/{id}", Update(1));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode); // the input is fine; the seats already taken refuse it
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("已有 2 个名额被占用", (await Body(refused))["errors"]!["registration"]![0]!.GetValue<string>());
        Assert.Equal(3, (await f.OptionsAsync(id))[0]!["capacity"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await f.Admin().PutAsJsonAsync($"/fair/api/v1/admin/events/{id}", Update(2))).StatusCode);
        Assert.Equal(2, (await f.OptionsAsync(id))[0]!["capacity"]!.GetValue<int>());
        Assert.NotNull(slug);
    }
}

/// <summary>Its own app: the clock moves past the event to expire manage links.</summary>
public sealed class ManageLinkExpiryTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task A_manage_link_works_until_30_days_after_the_event_and_then_answers_410()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var created = (await (await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id))).Content.ReadFromJsonAsync<JsonObject>())!;
        var path = new Uri(created["manageUrl"]!.GetValue<string>()).AbsolutePath;
        var token = path[(path.LastIndexOf('/') + 1)..];
        var client = f.App.CreatePlainClient();

        // The event ends 2026-10-01 17:00 Beijing time = 09:00Z.
        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 9, 0, 0, TimeSpan.Zero)); // 29 days after
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)); // 31 days after
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("已过期", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(path + "/data.json")).StatusCode);
        var api = await client.GetAsync($"/fair/api/v1/registrations/{token}");
        Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
        Assert.Equal("expired", (await api.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }
}

/// <summary>Its own app: reminders follow each registration's slot.</summary>
public sealed class SlotReminderTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task A_three_day_carnival_reminds_each_visitor_the_day_before_their_own_day()
    {
        var response = await f.Site.Admin().PostAsJsonAsync("/fair/api/v1/admin/events", new
        {
            title = "科技嘉年华", startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-03T17:00:00+08:00", city = "广州", type = "fair", publish = true,
            registration = new
            {
                options = new object[]
                {
                    new { name = "第一天", capacity = 100, startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00" },
                    new { name = "第三天", capacity = 100, startsAt = "2026-10-03T09:00:00+08:00", endsAt = "2026-10-03T17:00:00+08:00" },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var options = await f.Site.OptionsAsync(id);
        var client = f.App.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, options[0]!["id"]!.GetValue<int>(), email: "day-one@example.cn")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, options[1]!["id"]!.GetValue<int>(), email: "day-three@example.cn")).StatusCode);
        var sweeps = f.App.Services.GetRequiredService<RegistrationSweeps>();
        static bool IsReminder(OutboxMail m) => m.Subject.StartsWith("明天见", StringComparison.Ordinal);

        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.Zero)); // the eve of day one
        Assert.Equal(1, await sweeps.SendRemindersAsync());
        Assert.Single(await f.Site.MailsToAsync("day-one@example.cn"), IsReminder);
        Assert.DoesNotContain(await f.Site.MailsToAsync("day-three@example.cn"), IsReminder);

        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 2, 10, 0, 0, TimeSpan.Zero)); // the eve of day three
        Assert.Equal(1, await sweeps.SendRemindersAsync());
        var reminder = Assert.Single(await f.Site.MailsToAsync("day-three@example.cn"), IsReminder);
        Assert.Contains("第三天", reminder.HtmlBody);
        Assert.Equal(0, await sweeps.SendRemindersAsync());
    }
}

/// <summary>
/// Issue 12, item 6: the per-contact limit counts per contact and client address. The test host has no client
/// address; a startup filter gives each request the one named in <c>X-Test-Client-IP</c> (test only).
/// </summary>
public sealed class ContactLimitTests
{
    sealed class ClientIpFactory : OutreachFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientIpFilter>());
        }
    }

    sealed class ClientIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, go) =>
            {
                if (http.Request.Headers.TryGetValue("X-Test-Client-IP", out var ip)) http.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                return go(http);
            });
            next(app);
        };
    }

    [Fact]
    public async Task Twenty_attempts_for_a_phone_from_one_address_do_not_block_its_owner_elsewhere()
    {
        await using var app = new ClientIpFactory { Settings = { ["Outreach:Registration:PerIpPerMinute"] = "100000" } }; // 10 per contact per hour
        var site = await FairSite.CreateAsync(app);
        var (id, _) = await site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 100 } } });
        var option = await site.FirstOptionAsync(id);
        const string victim = "13612345678";
        var attacker = app.CreatePlainClient();
        attacker.DefaultRequestHeaders.Add("X-Test-Client-IP", "203.0.113.7");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) codes.Add((await attacker.RegisterAsync(id, 0, phone: victim)).StatusCode); // invalid option: nothing stored
        Assert.Contains((HttpStatusCode)429, codes); // the attacker is slowed down

        var owner = app.CreatePlainClient();
        owner.DefaultRequestHeaders.Add("X-Test-Client-IP", "198.51.100.20");
        Assert.Equal(HttpStatusCode.Created, (await owner.RegisterAsync(id, option, phone: victim)).StatusCode);
    }
}
