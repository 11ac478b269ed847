using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;

namespace Outreach.Lecturers.Tests;

/// <summary>Apply → ask for changes → re-apply → approve → public, with the applicant mailed at each step and the state in /my.</summary>
public sealed class ApplicationFlowTests(LecturersFixture fixture) : IClassFixture<LecturersFixture>
{
    [Fact]
    public async Task Apply_request_changes_reapply_approve_then_public_with_a_mail_at_each_step()
    {
        var (applicant, email, _) = await fixture.App.PersonAsync();
        var reviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        var anonymous = fixture.App.CreatePlainClient();

        var id = await applicant.AppliedAsync(Lecturing.Application(name: "区志明"));
        Assert.DoesNotContain("区志明", (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers"))!.Names());

        var queue = await reviewer.GetFromJsonAsync<JsonObject>("/north/api/v1/admin/lecturers/applications?status=pending");
        Assert.Contains(queue!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == id && i["name"]!.GetValue<string>() == "区志明");
        Assert.DoesNotContain(email, queue.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.DecideAsync(id, "request-changes")).StatusCode); // a comment is required
        var asked = await reviewer.DecideAsync(id, "request-changes", "请补充讲座简介中的具体案例。");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mine = await applicant.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer");
        Assert.Equal("changes-requested", mine!["status"]!.GetValue<string>());
        Assert.Equal("请补充讲座简介中的具体案例。", mine["application"]!["reason"]!.GetValue<string>());

        var again = await applicant.ApplyAsync(Lecturing.Application(name: "区志明", topic: "台风来了怎么办：以“山竹”为例"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.DecideAsync(id, "reject", "太迟了")).StatusCode); // already decided

        var list = await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers");
        var item = list!["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "区志明")!;
        Assert.StartsWith("http://localhost/north/lecturers/", item["url"]!.GetValue<string>());
        Assert.Equal("台风来了怎么办：以“山竹”为例", item["topics"]![0]!["title"]!.GetValue<string>());
        var page = await anonymous.GetAsync(new Uri(item["url"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("讲座菜单", await page.Content.ReadAsStringAsync());

        var subjects = (await fixture.App.PickupMailsAsync(email)).Select(m => m.Subject).ToList();
        Assert.Equal(new[] { "已收到您的科普讲师申请", "请修改您的讲师资料后重新提交", "已收到您的科普讲师申请", "您已成为科普讲师" }, subjects);

        var my = await applicant.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer");
        Assert.Equal("approved", my!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_substantive_edit_goes_to_review_while_the_approved_version_stays_public()
    {
        var (applicant, _, _) = await fixture.App.PersonAsync();
        var reviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        var id = await applicant.AppliedAsync(Lecturing.Application(name: "莫振邦"));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(id, "approve")).StatusCode);

        // A new topic applies at once; a new name waits for review.
        var edit = await applicant.ApplyAsync(Lecturing.Application(name: "莫振邦教授", topic: "雷暴天气的安全常识"));
        Assert.Equal(HttpStatusCode.Created, edit.StatusCode);
        var changeId = (await edit.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.NotEqual(id, changeId);
        var anonymous = fixture.App.CreatePlainClient();
        var names = (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers"))!.Names().ToList();
        Assert.Contains("莫振邦", names);
        Assert.DoesNotContain("莫振邦教授", names);

        Assert.Equal(HttpStatusCode.Conflict, (await applicant.ApplyAsync(Lecturing.Application(name: "莫教授"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(changeId, "approve")).StatusCode);
        names = (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers"))!.Names().ToList();
        Assert.Contains("莫振邦教授", names);
        Assert.DoesNotContain("莫振邦", names);
    }

    [Fact]
    public async Task An_unconfirmed_account_gets_403_on_apply_and_a_confirmed_one_201()
    {
        var (unconfirmed, _, userId) = await fixture.App.PersonAsync(confirmed: false);
        var refused = await unconfirmed.ApplyAsync(Lecturing.Application());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("确认邮箱", await refused.Content.ReadAsStringAsync());
        Assert.False(await fixture.App.WithSiteAsync(null, db => db.Set<Lecturer>().IgnoreQueryFilters().AnyAsync(l => l.UserId == userId)));

        var (confirmed, _, _) = await fixture.App.PersonAsync();
        Assert.Equal(HttpStatusCode.Created, (await confirmed.ApplyAsync(Lecturing.Application())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreatePlainClient().ApplyAsync(Lecturing.Application())).StatusCode);
    }

    [Fact]
    public async Task A_second_application_while_one_is_pending_is_409_and_parallel_attempts_make_one()
    {
        var (applicant, _, userId) = await fixture.App.PersonAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => applicant.ApplyAsync(Lecturing.Application(name: "并发申请"))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var conflict = await answers.First(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        Assert.Contains("待审核", conflict);
        Assert.Equal(1, await fixture.App.WithSiteAsync(null, db => db.Set<LecturerApplication>().IgnoreQueryFilters()
            .CountAsync(a => db.Set<Lecturer>().IgnoreQueryFilters().Any(l => l.Id == a.LecturerId && l.UserId == userId))));
        Assert.Equal(HttpStatusCode.Conflict, (await applicant.ApplyAsync(Lecturing.Application(name: "并发申请"))).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing()
    {
        var (applicant, _, userId) = await fixture.App.PersonAsync();
        var response = await applicant.PostAsJsonAsync("/north/api/v1/lecturers/applications", new
        {
            name = "测试\u0007", organisation = "某单位", titleLevel = "boss", fields = new[] { "astrology" },
            topics = new[] { new { title = "题目", audiences = new[] { "aliens" }, durationMinutes = 5 } },
            regions = new[] { new { city = "南京" } }, languages = new[] { "mandarin" }, consent = false,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        foreach (var field in new[] { "name", "titleLevel", "fields", "topics[0].audiences", "topics[0].durationMinutes", "regions[0].city", "consent" })
            Assert.True(errors.ContainsKey(field), field + " in " + errors.ToJsonString());
        Assert.False(await fixture.App.WithSiteAsync(null, db => db.Set<Lecturer>().IgnoreQueryFilters().AnyAsync(l => l.UserId == userId)));
    }
}
