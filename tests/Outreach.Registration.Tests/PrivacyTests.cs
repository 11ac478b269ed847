using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>Personal data: the signed manage link, the form's protections, export, deletion and retention.</summary>
public sealed class PrivacyTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static async Task<JsonObject> Body(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task A_tampered_manage_token_is_refused_with_403_and_a_valid_one_shows_the_registration()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var created = await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), phone: "13800138000", name: "林小红"));
        var path = new Uri(created["manageUrl"]!.GetValue<string>()).AbsolutePath;
        var token = path[(path.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain("13800138000", path);

        var client = f.App.CreatePlainClient();
        var ok = await client.GetAsync($"/fair/api/v1/registrations/{token}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("林小红", (await Body(ok))["name"]!.GetValue<string>());
        var page = await client.GetAsync(path);
        Assert.True(page.Headers.CacheControl?.NoStore, "pages with personal data are never cached");
        Assert.Contains("138****8000", await page.Content.ReadAsStringAsync());

        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/fair/api/v1/registrations/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/fair/registrations/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/fair/registrations/{tampered}/data.json")).StatusCode);
    }

    [Fact]
    public async Task The_form_registers_and_redirects_to_the_manage_page_and_a_filled_honeypot_stores_nothing()
    {
        var (id, slug) = await f.Site.CreateEventAsync(new
        {
            options = new[] { new { name = "亲子场", capacity = 30 } }, maxGroupSize = 4,
            questions = new object[] { new { id = "age", label = "孩子年龄", kind = "number", required = true } },
        });
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync($"/fair/events/{slug}/register");
        Assert.Contains("孩子年龄", form);
        Assert.Contains("活动结束后 30 天内匿名化", form); // the site's retention setting, stated at consent
        var option = await f.Site.FirstOptionAsync(id);
        Dictionary<string, string> Fields(string phone) => new()
        {
            ["optionId"] = option.ToString(), ["name"] = "黄老师", ["phone"] = phone, ["email"] = "", ["groupSize"] = "3",
            ["q.age"] = "8", ["consent"] = "on", ["submission"] = Guid.NewGuid().ToString("N"),
        };
        var bot = Fields(Fair.NewPhone());
        bot["website"] = "http://spam.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync($"/fair/events/{slug}/register", bot)).StatusCode);
        Assert.Equal(0, await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id)));

        var posted = await client.PostFormAsync($"/fair/events/{slug}/register", Fields(Fair.NewPhone()));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var manage = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("报名成功", manage);
        Assert.Contains("黄老师", manage);
        Assert.Equal(3, await f.App.WithSiteAsync("fair", db => db.Set<Quota>().Where(q => q.EventId == id).Select(q => q.Taken).SingleAsync()));

        var missing = Fields(Fair.NewPhone());
        missing.Remove("consent");
        var refused = await client.PostFormAsync($"/fair/events/{slug}/register", missing);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请阅读并同意个人信息处理说明", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_person_sees_their_registrations_across_sites_and_nobody_elses()
    {
        var (id, slug) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } }, title: "我的报名测试活动");
        await f.App.CreateUserAsync("volunteer@example.cn");
        var client = await f.App.SignedInClientAsync("volunteer@example.cn", "/fair");
        var posted = await client.PostFormAsync($"/fair/events/{slug}/register", new()
        {
            ["optionId"] = (await f.Site.FirstOptionAsync(id)).ToString(), ["name"] = "志愿者", ["phone"] = Fair.NewPhone(), ["consent"] = "on",
            ["groupSize"] = "1", ["submission"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), name: "别人"); // anonymous, not theirs

        var mine = await client.GetStringAsync("/fair/my"); // the personal area lists every site's
        Assert.Contains("我的报名测试活动", mine);
        Assert.Contains("/fair/registrations/", mine);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(mine, "我的报名测试活动"));
        var anonymous = await f.App.CreatePlainClient().GetAsync("/fair/my");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Deleting_my_data_cancels_the_registration_and_blanks_it()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 5 } } });
        var created = await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), email: "forget@example.cn", name: "周大伟"));
        var path = new Uri(created["manageUrl"]!.GetValue<string>()).AbsolutePath;
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var data = await client.GetStringAsync(path + "/data.json");
        Assert.Contains("周大伟", data);
        Assert.Contains("forget@example.cn", data);

        var deleted = await client.PostFormAsync(path + "/delete", [], formPage: path);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var row = await f.Site.RegistrationAsync(created["id"]!.GetValue<int>());
        Assert.Equal(RegistrationStatus.Cancelled, row.Status);
        Assert.Equal("", row.Name);
        Assert.Equal("", row.Email);
        Assert.NotNull(row.AnonymisedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(5, (await f.Site.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_admin_csv_export_has_a_byte_order_mark_and_reads_back_in_Chinese()
    {
        var (id, _) = await f.Site.CreateEventAsync(new
        {
            options = new[] { new { name = "上午场（9:00）", capacity = 10 } },
            questions = new object[] { new { id = "school", label = "学校", kind = "text", required = false } },
        });
        await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), name: "欧阳娜娜", answers: new { school = "=HYPERLINK(\"x\")" });
        var response = await f.Site.Admin().GetAsync($"/fair/api/v1/admin/events/{id}/registrations?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var reader = CsvReader.Create(bytes);
        Assert.Contains("姓名", reader.Headers);
        Assert.True(reader.Read());
        string Field(string name) => reader.GetString(name);
        Assert.Equal("欧阳娜娜", Field("姓名"));
        Assert.Equal("上午场（9:00）", Field("场次"));
        Assert.Equal("报名成功", Field("状态"));
        Assert.False(Field("学校").StartsWith('='), "a formula must not reach Excel as a formula");

        var json = await f.Site.Admin().GetFromJsonAsync<JsonObject>($"/fair/api/v1/admin/events/{id}/registrations");
        Assert.Equal("confirmed", json!["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.App.CreatePlainClient().GetAsync($"/fair/api/v1/admin/events/{id}/registrations")).StatusCode);
    }

    [Fact]
    public async Task Check_in_marks_the_first_scan_and_reports_the_second_with_its_time()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 40 } }, maxGroupSize = 40 });
        var code = (await Body(await f.App.CreatePlainClient().RegisterAsync(id, await f.Site.FirstOptionAsync(id), groupSize: 32)))["ticketCode"]!.GetValue<string>();
        var first = await f.Site.WithDeskAsync(async (desk, _) => await desk.CheckInAsync(id, "outreach-ticket:" + code.ToLowerInvariant(), 30, default));
        Assert.Equal(RegistrationDesk.CheckInResult.CheckedIn, first.Result);
        Assert.Equal(30, first.Registration!.CheckedInCount);
        f.App.Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await f.Site.WithDeskAsync(async (desk, _) => await desk.CheckInAsync(id, code, null, default));
        Assert.Equal(RegistrationDesk.CheckInResult.AlreadyCheckedIn, second.Result);
        Assert.Equal(first.Registration.CheckedInAt, second.Registration!.CheckedInAt);
        Assert.Equal(RegistrationDesk.CheckInResult.Unknown, (await f.Site.WithDeskAsync((desk, _) => desk.CheckInAsync(id, "0000000000", null, default))).Result);
    }
}

/// <summary>Its own app: the clock moves past the event and its retention.</summary>
public sealed class RetentionTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static async Task<JsonObject> Body(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task Anonymisation_after_retention_blanks_personal_data_and_keeps_the_counts()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 10 } } }, title: "留存期测试");
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var (gone, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 10 } } }, title: "已删除的活动");
        var orphan = (await Body(await client.RegisterAsync(gone, await f.Site.FirstOptionAsync(gone), name: "被删活动的报名人")))["id"]!.GetValue<int>();
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await f.Site.Admin().DeleteAsync($"/fair/api/v1/admin/events/{gone}")).StatusCode);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add((await Body(await client.RegisterAsync(id, option, email: $"keep{i}@example.cn")))["ticketCode"]!.GetValue<string>());
        await f.Site.WithDeskAsync(async (desk, _) => (await desk.CheckInAsync(id, codes[0], null, default)).Result);

        var sweeps = f.App.Services.GetRequiredService<RegistrationSweeps>();
        // Event on 2026-10-01; the "fair" site keeps data 30 days after it.
        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await sweeps.ApplyRetentionAsync());
        var noShows = await f.App.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync(r => r.EventId == id && r.NoShow));
        Assert.Equal(2, noShows);

        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.True(await sweeps.ApplyRetentionAsync() >= 3);
        var rows = await f.App.WithSiteAsync("fair", db => db.Set<Registration>().Where(r => r.EventId == id).ToListAsync());
        Assert.All(rows, r => Assert.Equal(("", "", "", "{}"), (r.Name, r.Phone, r.Email, r.AnswersJson)));
        Assert.Equal(3, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(1, rows.Count(r => r.CheckedInAt is not null));
        Assert.Equal(2, rows.Count(r => r.NoShow));
        for (var i = 0; i < 3; i++) Assert.Empty(await f.Site.MailsToAsync($"keep{i}@example.cn")); // their mails went with the data
        Assert.Equal("", (await f.Site.RegistrationAsync(orphan)).Name); // a deleted event's registrants too
    }
}

/// <summary>An app of its own with a low per-IP limit.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Registration_beyond_the_per_ip_limit_answers_429_in_Chinese()
    {
        await using var app = new OutreachFactory { Settings = { ["Outreach:Registration:PerIpPerMinute"] = "3" } };
        var site = await FairSite.CreateAsync(app);
        var (id, _) = await site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 100 } } });
        var option = await site.FirstOptionAsync(id);
        var client = app.CreatePlainClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, option)).StatusCode);
        var limited = await client.RegisterAsync(id, option);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("请求过于频繁，请稍后再试。", (await Body(limited))["title"]!.GetValue<string>());
        Assert.Equal(3, await app.WithSiteAsync("fair", db => db.Set<Registration>().CountAsync()));

        // The form shares the limit and answers with a page, not JSON.
        var (_, slug) = (id, await app.WithSiteAsync("fair", db => db.Set<Outreach.Events.Event>().Where(e => e.Id == id).Select(e => e.Slug).SingleAsync()));
        var form = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await form.PostFormAsync($"/fair/events/{slug}/register", new() { ["name"] = "x" });
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        Assert.Contains("提交过于频繁", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_phone_beyond_its_hourly_limit_answers_429()
    {
        await using var app = new OutreachFactory { Settings = { ["Outreach:Registration:PerContactPerHour"] = "2" } };
        var site = await FairSite.CreateAsync(app);
        var (id, _) = await site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 100 } } });
        var option = await site.FirstOptionAsync(id);
        var client = app.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(id, option, phone: "13712345678")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.RegisterAsync(id, option, phone: "13712345678")).StatusCode); // a duplicate
        Assert.Equal((HttpStatusCode)429, (await client.RegisterAsync(id, option, phone: "137 1234 5678")).StatusCode);
    }

    static async Task<JsonObject> Body(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;
}
