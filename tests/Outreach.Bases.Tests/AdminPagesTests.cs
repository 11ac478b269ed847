using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>The admin pages of a base's staff: scoped to their own bases, and what they change reaches the public pages.</summary>
public class AdminPagesTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    OutreachFactory App => fixture.App;

    [Fact]
    public async Task Staff_open_their_base_pages_and_get_403_on_another_base_and_404_on_none()
    {
        var staff = await App.StaffOfAsync("hakka-farm");
        var own = await App.IdAsync("hakka-farm");
        var other = await App.IdAsync("science-centre");
        foreach (var path in new[] { "", "/hours", "/slots", "/reports" })
        {
            var mine = await staff.GetAsync($"/gd/admin/bases/{own}{path}");
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Contains("客家生态农场科普园", await mine.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/gd/admin/bases/{other}{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/gd/admin/bases/999999{path}")).StatusCode);
        }
        // Posting to another base is refused too, and changes nothing.
        var before = await App.WithSiteAsync("gd", db => db.Set<Base>().Where(b => b.Id == other).Select(b => b.Summary).SingleAsync());
        var page = await staff.GetStringAsync($"/gd/admin/bases/{own}");
        var post = await staff.PostAsync($"/gd/admin/bases/{other}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = People.Antiforgery(page), ["Summary"] = "被改写", ["Address"] = "某地", ["Free"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, await App.WithSiteAsync("gd", db => db.Set<Base>().Where(b => b.Id == other).Select(b => b.Summary).SingleAsync()));
        // "My bases" lists the base they run and not the others; the association's term list is not theirs.
        var index = await staff.GetStringAsync("/gd/admin/bases");
        Assert.Contains("客家生态农场科普园", index);
        Assert.DoesNotContain("岭南科学中心", index);
        Assert.DoesNotContain("期满的认定", index);
        // Anonymous visitors are sent to the login page.
        Assert.Equal(HttpStatusCode.Redirect, (await App.Client().GetAsync($"/gd/admin/bases/{own}")).StatusCode);
    }

    [Fact]
    public async Task Staff_edit_the_page_text_and_the_public_page_shows_it()
    {
        var staff = await App.StaffOfAsync("hakka-farm");
        var id = await App.IdAsync("hakka-farm");
        var saved = await staff.PostFormAsync($"/gd/admin/bases/{id}", new()
        {
            ["Summary"] = "稻田、茶园、蜂场和客家农具展。", ["Address"] = "雁洋镇农场路 1 号", ["PriceText"] = "成人 30 元，儿童 15 元", ["Transport"] = "梅州站乘 6 路公交到雁洋镇。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await App.Client().GetStringAsync("/gd/bases/hakka-farm");
        Assert.Contains("稻田、茶园、蜂场和客家农具展。", html);
        Assert.Contains("梅州站乘 6 路公交到雁洋镇。", html);
        // A paid base without a price text is refused with the field named, and nothing changes.
        var refused = await staff.PostFormAsync($"/gd/admin/bases/{id}", new() { ["Summary"] = "不应保存", ["Address"] = "雁洋镇农场路 1 号", ["PriceText"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写票价说明", await refused.Content.ReadAsStringAsync());
        Assert.Equal("稻田、茶园、蜂场和客家农具展。", await App.WithSiteAsync("gd", db => db.Set<Base>().Where(b => b.Id == id).Select(b => b.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Staff_add_a_dated_closure_and_the_public_API_shows_the_day_closed()
    {
        var staff = await App.StaffOfAsync("science-centre");
        var id = await App.IdAsync("science-centre");
        var day = OpeningStatus.Today(App.Clock.GetUtcNow()).AddDays(3).ToString("yyyy-MM-dd");
        var before = await App.Client().JsonAsync($"/gd/api/v1/bases/{id}");
        Assert.True(before["nextDays"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == day)!["open"]!.GetValue<bool>()); // positive control
        var added = await staff.PostFormAsync($"/gd/admin/bases/{id}/hours?handler=Exception", new() { ["Date"] = day, ["Closed"] = "true", ["Note"] = "馆内消防演练" },
            $"/gd/admin/bases/{id}/hours");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await App.Client().JsonAsync($"/gd/api/v1/bases/{id}");
        var closed = after["nextDays"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == day)!;
        Assert.False(closed["open"]!.GetValue<bool>());
        Assert.Equal("馆内消防演练", closed["note"]!.GetValue<string>());
        // A malformed exception is refused, and the rules keep what they had.
        var bad = await staff.PostFormAsync($"/gd/admin/bases/{id}/hours?handler=Exception", new() { ["Date"] = "2026-13-40", ["Ranges"] = "09:00-20:00" },
            $"/gd/admin/bases/{id}/hours");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("日期格式应为", await bad.Content.ReadAsStringAsync());
        Assert.DoesNotContain("2026-13-40", await App.WithSiteAsync("gd", db => db.Set<Base>().Where(b => b.Id == id).Select(b => b.HoursJson).SingleAsync()));
    }

    [Fact]
    public async Task Staff_publish_a_slot_see_its_booking_and_approve_and_check_the_group_in()
    {
        var staff = await App.StaffOfAsync("heart-hospital");
        var id = await App.IdAsync("heart-hospital");
        var day = OpeningStatus.Today(App.Clock.GetUtcNow()).AddDays(20).ToString("yyyy-MM-dd");
        var added = await staff.PostFormAsync($"/gd/admin/bases/{id}/slots?handler=Add", new()
        {
            ["Date"] = day, ["Starts"] = "10:00", ["Ends"] = "11:30", ["Capacity"] = "30", ["MinGroup"] = "5", ["MaxGroup"] = "30",
        }, $"/gd/admin/bases/{id}/slots");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var slot = await App.WithSiteAsync("gd", db => db.Set<VisitSlot>().SingleAsync(s => s.BaseId == id && s.Date == DateOnly.Parse(day) && s.Capacity == 30));
        var booked = (await (await App.Client().BookAsync(id, slot.Id, 12)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pending", booked["status"]!.GetValue<string>());
        var visitId = booked["id"]!.GetValue<int>();
        var list = await staff.GetStringAsync($"/gd/admin/bases/{id}/slots?slot={slot.Id}");
        Assert.Contains("番禺区实验小学", list);
        Assert.Contains("12 / 30", list);
        var approved = await staff.PostFormAsync($"/gd/admin/bases/{id}/slots?handler=Decide", new() { ["visitId"] = visitId.ToString(), ["decision"] = "approve" },
            $"/gd/admin/bases/{id}/slots");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var checkedIn = await staff.PostFormAsync($"/gd/admin/bases/{id}/slots?handler=CheckIn", new() { ["code"] = booked["ticketCode"]!.GetValue<string>(), ["count"] = "13" },
            $"/gd/admin/bases/{id}/slots");
        Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        var visit = await App.WithSiteAsync("gd", db => db.Set<Visit>().SingleAsync(v => v.Id == visitId));
        Assert.Equal((VisitStatus.Confirmed, 13), (visit.Status, visit.CheckedInCount));
        Assert.NotNull(visit.CheckedInAt);
    }

    [Fact]
    public async Task Staff_file_the_yearly_report_form_once_and_a_second_for_the_year_is_409()
    {
        var staff = await App.StaffOfAsync("botanic-garden");
        var id = await App.IdAsync("botanic-garden");
        var fields = new Dictionary<string, string> { ["Year"] = "2024", ["Visitors"] = "5200", ["Activities"] = "14", ["Volunteers"] = "9", ["OpenDays"] = "30" };
        var first = await staff.PostFormAsync($"/gd/admin/bases/{id}/reports", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await staff.PostFormAsync($"/gd/admin/bases/{id}/reports", new(fields) { ["Visitors"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已经提交过", await second.Content.ReadAsStringAsync());
        var reports = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().Where(r => r.BaseId == id && r.Year == 2024).ToListAsync());
        Assert.Equal(5200, Assert.Single(reports).Visitors);
    }

    [Fact]
    public async Task The_association_sees_terms_ending_within_90_days_and_reviews_reports_on_its_pages()
    {
        var email = $"assoc-{Guid.NewGuid():N}"[..20] + "@example.cn";
        await App.CreateUserAsync(email, false, ("gd", Core.Security.SiteRole.SiteAdmin));
        var association = await App.SignedInClientAsync(email, "/gd");
        var index = await association.GetStringAsync("/gd/admin/bases");
        Assert.Contains("90 天内期满的认定", index);
        Assert.Contains("2026年11月30日", index);
        Assert.Contains("心血管健康科普馆", index); // every base, not only staffed ones
        var staff = await App.StaffOfAsync("marine-institute");
        var id = await App.IdAsync("marine-institute");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/gd/admin/bases/{id}/reports", new()
        {
            ["Year"] = "2025", ["Visitors"] = "640", ["Activities"] = "8", ["Volunteers"] = "4", ["OpenDays"] = "12",
        })).StatusCode);
        var reportId = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().Where(r => r.BaseId == id && r.Year == 2025).Select(r => r.Id).SingleAsync());
        // Base staff have no site permission for the assessment list.
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync("/gd/admin/bases/reports")).StatusCode);
        Assert.Contains("南海海洋研究所开放实验室", await association.GetStringAsync("/gd/admin/bases/reports?State=submitted"));
        var returned = await association.PostFormAsync("/gd/admin/bases/reports", new() { ["reportId"] = reportId.ToString(), ["decision"] = "return", ["comment"] = "请附开放日照片。" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var report = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().SingleAsync(r => r.Id == reportId));
        Assert.Equal((ReportState.Returned, "请附开放日照片。"), (report.State, report.ReviewComment));
        Assert.Contains("请附开放日照片。", await staff.GetStringAsync($"/gd/admin/bases/{id}/reports?year=2025"));
    }
}
