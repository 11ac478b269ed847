using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The door: check in by ticket code, a second scan, unknown codes, groups, live counts, who may.</summary>
public sealed class CheckInTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static string Url(int eventId) => $"/fair/admin/registrations/{eventId}/check-in";

    static async Task<string> CheckInAsync(HttpClient staff, int eventId, string code, int? count = null)
    {
        var fields = new Dictionary<string, string> { ["Code"] = code };
        if (count is { } n) fields["Count"] = n.ToString();
        var response = await staff.PostFormAsync(Url(eventId), fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task First_scan_checks_in_a_second_says_when_and_an_unknown_code_is_refused()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });
        var phone = Fair.NewPhone();
        var (rid, code) = await f.Site.RegisteredAsync(id, await f.Site.FirstOptionAsync(id), name: "王芳", phone: phone);
        var editor = await f.Site.SignedInAsync(SiteRole.Editor);

        // As the camera reads it: the QR payload, lower case.
        var first = await CheckInAsync(editor, id, "OUTREACH-TICKET:" + code.ToLowerInvariant());
        Assert.Contains("checkin-result ok", first);
        Assert.Contains("签到成功 · 王芳 · 1 人", first);
        Assert.Contains(Contact.MaskPhone(phone), first);
        Assert.DoesNotContain(phone, first); // check-in staff see masked phones
        var r = await f.Site.RegistrationAsync(rid);
        Assert.NotNull(r.CheckedInAt);
        Assert.Equal(1, r.CheckedInCount);

        // The test clock stands at 2026-09-01 00:00 UTC = 08:00 in Beijing.
        var second = await CheckInAsync(editor, id, code);
        Assert.Contains("checkin-result again", second);
        Assert.Contains("已于 08:00 签到", second);

        var unknown = await CheckInAsync(editor, id, "ZZZZZZZZZZ");
        Assert.Contains("checkin-result bad", unknown);
        Assert.Contains("票号不存在或不属于本活动", unknown);

        // Another event's ticket does not open this door.
        var (other, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "下午场", capacity = 10 } } });
        Assert.Contains("票号不存在或不属于本活动", await CheckInAsync(editor, other, code));
    }

    [Fact]
    public async Task A_registration_that_is_not_confirmed_cannot_check_in()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { requiresApproval = true, options = new[] { new { name = "论坛席位", capacity = 10 } } });
        var (rid, code) = await f.Site.RegisteredAsync(id, await f.Site.FirstOptionAsync(id));
        var editor = await f.Site.SignedInAsync(SiteRole.Editor);

        var html = await CheckInAsync(editor, id, code);

        Assert.Contains("checkin-result bad", html);
        Assert.Contains("不能签到：待审核", html);
        Assert.Null((await f.Site.RegistrationAsync(rid)).CheckedInAt);
    }

    [Fact]
    public async Task A_group_checks_in_the_people_who_came_and_the_live_counts_follow()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { maxGroupSize = 40, options = new[] { new { name = "上午场", capacity = 100 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var (_, code) = await f.Site.RegisteredAsync(id, option, name: "张老师", groupSize: 30);
        await f.Site.RegisteredAsync(id, option);
        var organiser = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var html = await CheckInAsync(organiser, id, code, count: 28);
        Assert.Contains("签到成功 · 张老师 · 28 人", html);

        var counts = await organiser.GetFromJsonAsync<JsonObject>(Url(id) + "?handler=Counts");
        Assert.Equal(28, counts!["checkedIn"]!.GetValue<int>());
        Assert.Equal(31, counts["confirmed"]!.GetValue<int>());
        var slot = Assert.Single(counts["slots"]!.AsArray());
        Assert.Equal(option, slot!["id"]!.GetValue<int>());
        Assert.Equal(28, slot["checkedIn"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_page_loads_its_script_from_the_module_with_a_content_hash()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });
        var editor = await f.Site.SignedInAsync(SiteRole.Editor);
        var html = await editor.GetStringAsync(Url(id));
        var src = System.Text.RegularExpressions.Regex.Match(html, "<script src=\"(/fair/_registration/checkin\\.js\\?v=[0-9a-f]{10})\"").Groups[1].Value;
        Assert.NotEmpty(src);
        Assert.DoesNotContain("<script>", html);

        var script = await f.App.CreatePlainClient().GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BarcodeDetector", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Who_may_check_in_and_who_may_see_the_list()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });

        var reviewer = await f.Site.SignedInAsync(SiteRole.Reviewer);
        await reviewer.AssertDeniedAsync(await reviewer.GetAsync(Url(id)));
        await reviewer.AssertDeniedAsync(await reviewer.GetAsync("/fair/admin/registrations"));

        var editor = await f.Site.SignedInAsync(SiteRole.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(Url(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/fair/admin/registrations")).StatusCode);
        await editor.AssertDeniedAsync(await editor.GetAsync($"/fair/admin/registrations/{id}"));
        await editor.AssertDeniedAsync(await editor.GetAsync($"/fair/admin/registrations/{id}?handler=Csv"));
        await editor.AssertDeniedAsync(await editor.GetAsync($"/fair/admin/registrations/{id}/settings"));

        // A role on another site grants nothing here.
        await f.App.RunRecipeAsync("alpha");
        var stranger = await f.Site.SignedInAsync(SiteRole.SiteAdmin, site: "alpha");
        await stranger.AssertDeniedAsync(await stranger.GetAsync(Url(id)));
        await stranger.AssertDeniedAsync(await stranger.GetAsync($"/fair/admin/registrations/{id}?handler=Csv"));
    }
}
