using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Events;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The organisers' pages: list, approve, reject, move, export, settings, statistics.</summary>
public sealed class AdminTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    static string ListUrl(int eventId) => $"/fair/admin/registrations/{eventId}";

    [Fact]
    public async Task Approving_confirms_the_registration_and_queues_the_approved_mail()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { requiresApproval = true, options = new[] { new { name = "论坛席位", capacity = 5 } } });
        var (rid, _) = await f.Site.RegisteredAsync(id, await f.Site.FirstOptionAsync(id), email: "approve@example.cn");
        Assert.Equal(RegistrationStatus.Pending, (await f.Site.RegistrationAsync(rid)).Status);
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var response = await admin.PostFormAsync(ListUrl(id) + "?handler=Approve", new() { ["id"] = rid.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await f.Site.RegistrationAsync(rid)).Status);
        var mails = await f.Site.MailsToAsync("approve@example.cn");
        Assert.Contains(mails, m => m.Subject.StartsWith("报名已通过审核", StringComparison.Ordinal));
        var audit = await f.App.WithSiteAsync("fair", db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action == "registration.approve").ToListAsync());
        Assert.Contains(audit, a => a.Details.Contains($"registration:{rid}", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Details.Contains("approve@example.cn", StringComparison.Ordinal));

        var page = await admin.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("已通过审核", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_mails_it()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { requiresApproval = true, options = new[] { new { name = "论坛席位", capacity = 5 } } });
        var (rid, _) = await f.Site.RegisteredAsync(id, await f.Site.FirstOptionAsync(id), email: "reject@example.cn");
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var refused = await admin.PostFormAsync(ListUrl(id) + "?handler=Reject", new() { ["id"] = rid.ToString(), ["reason"] = "  " });
        var page = await (await admin.GetAsync(refused.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        Assert.Contains("请填写拒绝理由", page);
        Assert.Equal(RegistrationStatus.Pending, (await f.Site.RegistrationAsync(rid)).Status);

        await admin.PostFormAsync(ListUrl(id) + "?handler=Reject", new() { ["id"] = rid.ToString(), ["reason"] = "本场仅限高校教师参加" });

        var r = await f.Site.RegistrationAsync(rid);
        Assert.Equal(RegistrationStatus.Rejected, r.Status);
        Assert.Equal("本场仅限高校教师参加", r.DecisionNote);
        var mail = Assert.Single(await f.Site.MailsToAsync("reject@example.cn"), m => m.Subject.StartsWith("报名未通过审核", StringComparison.Ordinal));
        Assert.Contains("本场仅限高校教师参加", mail.HtmlBody);
        Assert.Equal(0, (await f.Site.OptionsAsync(id))[0]!["capacity"]!.GetValue<int>() - (await f.Site.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Moving_to_a_full_option_is_refused_and_changes_nothing()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 1 }, new { name = "下午场", capacity = 1 } } });
        var options = await f.Site.OptionsAsync(id);
        var (morning, afternoon) = (options[0]!["id"]!.GetValue<int>(), options[1]!["id"]!.GetValue<int>());
        var (rid, _) = await f.Site.RegisteredAsync(id, morning);
        await f.Site.RegisteredAsync(id, afternoon);
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var response = await admin.PostFormAsync(ListUrl(id) + "?handler=Move", new() { ["id"] = rid.ToString(), ["target"] = afternoon.ToString() });

        var page = await (await admin.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        Assert.Contains("目标场次名额已满", page);
        Assert.Equal(morning, (await f.Site.RegistrationAsync(rid)).OptionId);
        var taken = await f.App.WithSiteAsync("fair", db => db.Set<Quota>().AsNoTracking().Where(q => q.EventId == id).Select(q => q.Taken).ToListAsync());
        Assert.Equal([1, 1], taken);
        Assert.Empty(await f.App.WithSiteAsync("fair", db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == "registration.move" && a.Details.StartsWith($"registration:{rid},")).ToListAsync()));
    }

    [Fact]
    public async Task Moving_to_an_option_with_room_moves_the_seat()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 1 }, new { name = "下午场", capacity = 2 } } });
        var options = await f.Site.OptionsAsync(id);
        var (morning, afternoon) = (options[0]!["id"]!.GetValue<int>(), options[1]!["id"]!.GetValue<int>());
        var (rid, _) = await f.Site.RegisteredAsync(id, morning, email: "move@example.cn");
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        await admin.PostFormAsync(ListUrl(id) + "?handler=Move", new() { ["id"] = rid.ToString(), ["target"] = afternoon.ToString() });

        Assert.Equal(afternoon, (await f.Site.RegistrationAsync(rid)).OptionId);
        var after = await f.Site.OptionsAsync(id);
        Assert.Equal(1, after[0]!["remaining"]!.GetValue<int>());
        Assert.Equal(1, after[1]!["remaining"]!.GetValue<int>());
        Assert.Contains(await f.Site.MailsToAsync("move@example.cn"), m => m.Subject.StartsWith("报名场次已调整", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_export_starts_with_a_byte_order_mark_and_reads_back_with_the_chinese_name()
    {
        var (id, slug) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });
        var (rid, code) = await f.Site.RegisteredAsync(id, await f.Site.FirstOptionAsync(id), name: "欧阳晓燕");
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var response = await admin.GetAsync(ListUrl(id) + "?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal($"registrations-{slug}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var csv = CsvReader.Create(bytes);
        var names = new List<(string Name, string Code)>();
        while (csv.Read()) names.Add((csv.GetString("姓名"), csv.GetString("票号")));
        Assert.Contains(("欧阳晓燕", code), names);
        Assert.Contains(await f.App.WithSiteAsync("fair", db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action == "registrations.export").ToListAsync()),
            a => a.Target == "event:" + slug);
        _ = rid;
    }

    [Fact]
    public async Task The_list_is_not_cached_shows_full_phones_and_searches_without_putting_the_term_in_the_url()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var phone = Fair.NewPhone();
        await f.Site.RegisteredAsync(id, option, name: "李雷", phone: phone);
        await f.Site.RegisteredAsync(id, option, name: "韩梅梅");
        var admin = await f.Site.SignedInAsync(SiteRole.SiteAdmin);

        var list = await admin.GetAsync(ListUrl(id));
        Assert.True(list.Headers.CacheControl?.NoStore);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains(phone, html);
        Assert.Contains("韩梅梅", html);

        var found = await admin.PostFormAsync(ListUrl(id) + "?handler=Search", new() { ["Q"] = phone });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var result = await found.Content.ReadAsStringAsync();
        Assert.Contains("李雷", result);
        Assert.DoesNotContain("韩梅梅", result);
    }

    [Fact]
    public async Task Settings_enable_registration_for_an_event_and_refuse_bad_input_without_saving()
    {
        var admin = f.Site.Admin();
        var created = await admin.PostAsync("/fair/api/v1/admin/events", System.Net.Http.Json.JsonContent.Create(new
        {
            title = "科学之夜", startsAt = "2026-10-02T19:00:00+08:00", endsAt = "2026-10-02T21:00:00+08:00", city = "广州", type = "lecture",
            audience = new[] { "public" }, publish = true,
        }));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(created.Content))!["id"]!.GetValue<int>();
        var organiser = await f.Site.SignedInAsync(SiteRole.SiteAdmin);
        var url = $"/fair/admin/registrations/{id}/settings";
        Assert.Contains("开启报名", await organiser.GetStringAsync(url));

        var bad = await organiser.PostFormAsync(url, new()
        {
            ["Options[0].Name"] = "晚场", ["Options[0].Capacity"] = "50", ["MaxGroupSize"] = "1", ["OfferHours"] = "24",
            ["QuestionsJson"] = """[{"id":"Grade","label":"","kind":"essay","required":true}]""",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("未保存", await bad.Content.ReadAsStringAsync());
        Assert.False(await f.App.WithSiteAsync("fair", db => db.Set<RegistrationForm>().AnyAsync(x => x.EventId == id)));

        var good = await organiser.PostFormAsync(url, new()
        {
            ["Options[0].Name"] = "晚场", ["Options[0].Capacity"] = "50", ["Options[0].StartsAt"] = "2026-10-02T19:00",
            ["Options[1].Name"] = "加场", ["Options[1].Quota"] = "报告厅", ["Options[2].Name"] = "直播", ["Options[2].Quota"] = "报告厅",
            ["Quotas[0].Name"] = "报告厅", ["Quotas[0].Capacity"] = "80",
            ["MaxGroupSize"] = "4", ["Waitlist"] = "true", ["OfferHours"] = "12",
            ["QuestionsJson"] = """[{"id":"school","label":"学校","kind":"text","required":false}]""",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var options = await f.Site.OptionsAsync(id);
        Assert.Equal(["晚场", "加场", "直播"], options.Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal([50, 80, 80], options.Select(o => o!["capacity"]!.GetValue<int>()));
        var form = await f.App.WithSiteAsync("fair", db => db.Set<RegistrationForm>().AsNoTracking().SingleAsync(x => x.EventId == id));
        Assert.True(form.Waitlist);
        Assert.Equal(4, form.MaxGroupSize);
        Assert.Equal(12, form.OfferHours);
        Assert.Equal("学校", Assert.Single(Question.Parse(form.QuestionsJson)).Label);
        var start = await f.App.WithSiteAsync("fair", db => db.Set<TicketOption>().AsNoTracking().Where(o => o.EventId == id && o.Name == "晚场").Select(o => o.StartsAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 11, 0, 0, TimeSpan.Zero), start);

        // The page reads back what was saved: the shared pool and its options.
        var again = await organiser.GetStringAsync(url);
        Assert.Contains("value=\"报告厅\"", again);
        Assert.Contains("保存设置", again);
    }

    [Fact]
    public async Task The_overview_counts_each_event_and_the_sites_campaigns()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } }, title: "天文观测夜");
        var option = await f.Site.FirstOptionAsync(id);
        await f.Site.RegisteredAsync(id, option);
        await f.Site.RegisteredAsync(id, option);
        await f.App.WithSiteAsync("fair", async db =>
        {
            var campaign = new Campaign { SiteId = (await db.Sites.SingleAsync(s => s.Name == "fair")).Id, Slug = "science-week-" + id, Title = "科技活动周 " + id,
                StartsAt = new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 10, 7, 0, 0, 0, TimeSpan.Zero) };
            db.Add(campaign);
            await db.SaveChangesAsync();
            await db.Set<Event>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CampaignId, campaign.Id));
            return 0;
        });
        var staff = await f.Site.SignedInAsync(SiteRole.Editor);

        var html = await staff.GetStringAsync("/fair/admin/registrations");

        Assert.Contains("天文观测夜", html);
        Assert.Contains("科技活动周 " + id, html);
        Assert.Contains($"/fair/admin/registrations/{id}/check-in", html);
        Assert.DoesNotContain($"/fair/admin/registrations/{id}/settings", html); // check-in staff do not manage
    }
}
