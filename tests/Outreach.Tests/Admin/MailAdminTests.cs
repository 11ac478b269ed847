using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Mail;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Admin;

public sealed class MailAdminFixture() : SitesFixture("portal", "alpha", "beta");

/// <summary>Password reset by mail, the outbox page and the jobs page, through the real app and its forms.</summary>
public sealed partial class MailAdminTests(MailAdminFixture fixture) : IClassFixture<MailAdminFixture>
{
    OutreachFactory App => fixture.App;
    const string Answer = "如果该邮箱已注册，我们已发送重置链接";

    [GeneratedRegex(@"https?://[^\s""<]+/admin/reset-password\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex ResetLink();

    Task<List<OutboxMail>> OutboxAsync() =>
        App.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Login_page_links_to_forgot_password()
    {
        var page = await App.CreatePlainClient().GetStringAsync("/alpha/admin/login");
        Assert.Contains("忘记密码？", page);
        Assert.Contains("href=\"/alpha/admin/forgot-password\"", page);
    }

    [Fact]
    public async Task Reset_mail_carries_an_opaque_link_that_resets_the_password_once()
    {
        await App.CreateUserAsync("reset-me@example.cn", false, ("alpha", SiteRole.Editor));
        var client = App.CreatePlainClient();
        var asked = await client.PostFormAsync("/alpha/admin/forgot-password", new() { ["Email"] = "reset-me@example.cn" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains(Answer, await asked.Content.ReadAsStringAsync());

        var mail = Assert.Single(await OutboxAsync(), m => m.ToAddress == "reset-me@example.cn");
        Assert.Equal("password-reset", mail.Template);
        Assert.StartsWith("重置密码：", mail.Subject);
        var link = ResetLink().Match(mail.TextBody).Value;
        Assert.NotEmpty(link);
        Assert.Contains(link.Replace("&", "&amp;"), mail.HtmlBody);
        Assert.DoesNotContain("reset-me", link); // no personal data in the URL
        Assert.DoesNotContain("%40", link);
        Assert.DoesNotContain("@", link);

        // Delivered to the pickup folder (no SMTP configured here) with the same link.
        await App.Services.GetRequiredService<DeliverOutboxJob>().RunAsync();
        var eml = Path.Combine(App.DataDir, "mail-pickup", mail.MessageId.Replace("@", "_") + ".eml");
        Assert.True(File.Exists(eml), eml);
        var message = await MimeKit.MimeMessage.LoadAsync(eml);
        Assert.Contains(link, message.TextBody);

        // Alpha has a host of its own: the link goes there (from configuration, not the request's Host).
        Assert.StartsWith("http://alpha.example.cn/admin/reset-password?token=", link);
        var path = link;
        var form = await client.GetStringAsync(path);
        Assert.Contains("设置新密码", form);
        Assert.DoesNotContain("链接无效", form);

        // Password rules apply, in Chinese.
        var mismatch = await client.PostFormAsync(path, new() { ["Password"] = "new-passphrase-2026", ["Confirm"] = "other-passphrase-2026" }, path);
        Assert.Contains("两次输入的密码不一致", await mismatch.Content.ReadAsStringAsync());
        var weak = await client.PostFormAsync(path, new() { ["Password"] = "12345678", ["Confirm"] = "12345678" }, path);
        Assert.Contains("太常见", await weak.Content.ReadAsStringAsync());

        var done = await client.PostFormAsync(path, new() { ["Password"] = "new-passphrase-2026", ["Confirm"] = "new-passphrase-2026" }, path);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/admin/login", done.Headers.Location?.ToString());
        Assert.Contains("密码已重置，请用新密码登录", await client.GetStringAsync("http://alpha.example.cn/admin/login"));

        var signIn = await App.CreatePlainClient().PostFormAsync("/alpha/admin/login", new() { ["Email"] = "reset-me@example.cn", ["Password"] = "new-passphrase-2026" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Second use of the same link: refused, the password stays.
        var again = await client.PostFormAsync(path, new() { ["Password"] = "third-passphrase-2026", ["Confirm"] = "third-passphrase-2026" }, path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("链接无效或已过期", await again.Content.ReadAsStringAsync());
        var old = await App.CreatePlainClient().PostFormAsync("/alpha/admin/login", new() { ["Email"] = "reset-me@example.cn", ["Password"] = "third-passphrase-2026" });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);

        Assert.Equal(1, await App.WithSiteAsync(null, db => db.Set<AuditEntry>().CountAsync(a => a.Action == "password.reset" && a.Actor == "reset-me@example.cn")));
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_and_no_mail()
    {
        await App.CreateUserAsync("known-address@example.cn");
        var before = (await OutboxAsync()).Count(m => m.Template == "password-reset");
        var client = App.CreatePlainClient();
        var unknown = await client.PostFormAsync("/alpha/admin/forgot-password", new() { ["Email"] = "nobody-at-all@example.cn" });
        var known = await client.PostFormAsync("/alpha/admin/forgot-password", new() { ["Email"] = "known-address@example.cn" });
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        static string Strip(string html) => Regex.Replace(html, "value=\"[^\"]*\"", "");
        Assert.Equal(Strip(await known.Content.ReadAsStringAsync()), Strip(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains(Answer, await unknown.Content.ReadAsStringAsync());
        var after = await OutboxAsync();
        Assert.DoesNotContain(after, m => m.ToAddress == "nobody-at-all@example.cn");
        Assert.Equal(before + 1, after.Count(m => m.Template == "password-reset"));

        // Asking again at once: the same answer, but no second mail within the cooldown.
        var repeat = await client.PostFormAsync("/alpha/admin/forgot-password", new() { ["Email"] = "known-address@example.cn" });
        Assert.Contains(Answer, await repeat.Content.ReadAsStringAsync());
        Assert.Single(await OutboxAsync(), m => m.ToAddress == "known-address@example.cn");
    }

    [Fact]
    public async Task A_forged_or_altered_token_is_refused()
    {
        var page = await App.CreatePlainClient().GetStringAsync("/alpha/admin/reset-password?token=CfDJ8notarealtoken");
        Assert.Contains("链接无效或已过期", page);
        Assert.DoesNotContain("name=\"Password\"", page);
    }

    async Task<long> AddMailAsync(string site, OutboxStatus status, string subject, string html = "<p>正文</p>")
    {
        return await App.WithSiteAsync(null, async db =>
        {
            var row = new OutboxMail
            {
                SiteId = (await db.Sites.SingleAsync(s => s.Name == site)).Id,
                MessageId = Guid.NewGuid().ToString("N") + "@test.example",
                ToAddress = "visitor@example.org", FromName = site, Subject = subject,
                HtmlBody = html, TextBody = "纯文本正文 " + subject, Template = "test",
                Status = status, Attempts = 3, LastError = status == OutboxStatus.Sent ? null : "SMTP 451: try later",
                CreatedAt = App.Clock.GetUtcNow(), NextAttemptAt = App.Clock.GetUtcNow().AddYears(10),
            };
            db.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
    }

    [Fact]
    public async Task Site_admin_sees_only_the_mail_of_their_site_and_platform_admin_sees_all_on_the_portal()
    {
        await AddMailAsync("alpha", OutboxStatus.Failed, "阿尔法站的邮件");
        var betaId = await AddMailAsync("beta", OutboxStatus.Failed, "贝塔站的邮件");
        await App.CreateUserAsync("mail-admin-a@example.cn", false, ("alpha", SiteRole.SiteAdmin));
        await App.CreateUserAsync("mail-platform@example.cn", platformAdmin: true);

        var admin = await App.SignedInClientAsync("mail-admin-a@example.cn");
        var list = await admin.GetStringAsync("/alpha/admin/mail");
        Assert.Contains("阿尔法站的邮件", list);
        Assert.DoesNotContain("贝塔站的邮件", list);
        Assert.Contains("发送失败", list);
        Assert.Contains("SMTP 451", list);
        Assert.Contains(">邮件<", list); // the menu item
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/alpha/admin/mail?id={betaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/beta/admin/mail")).StatusCode);

        var platform = await App.SignedInClientAsync("mail-platform@example.cn", "");
        var all = await platform.GetStringAsync("/admin/mail");
        Assert.Contains("阿尔法站的邮件", all);
        Assert.Contains("贝塔站的邮件", all);
        var onAlpha = await platform.GetStringAsync("/alpha/admin/mail");
        Assert.DoesNotContain("贝塔站的邮件", onAlpha);
    }

    [Fact]
    public async Task Editors_are_denied_the_mail_and_jobs_pages()
    {
        await App.CreateUserAsync("mail-editor@example.cn", false, ("alpha", SiteRole.Editor));
        var editor = await App.SignedInClientAsync("mail-editor@example.cn");
        var mail = await editor.GetAsync("/alpha/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, mail.StatusCode);
        Assert.Contains("/admin/denied", mail.Headers.Location!.ToString());
        Assert.DoesNotContain("/admin/mail\"", await editor.GetStringAsync("/alpha/admin"));

        await App.CreateUserAsync("jobs-site-admin@example.cn", false, ("alpha", SiteRole.SiteAdmin));
        var siteAdmin = await App.SignedInClientAsync("jobs-site-admin@example.cn");
        var jobs = await siteAdmin.GetAsync("/alpha/admin/jobs");
        Assert.Contains("/admin/denied", jobs.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Retry_moves_an_uncertain_row_to_pending_exactly_once()
    {
        var id = await AddMailAsync("alpha", OutboxStatus.Uncertain, "状态不明的邮件");
        var betaId = await AddMailAsync("beta", OutboxStatus.Uncertain, "别的站点");
        await App.CreateUserAsync("mail-retry@example.cn", false, ("alpha", SiteRole.SiteAdmin));
        var admin = await App.SignedInClientAsync("mail-retry@example.cn");

        var first = await admin.PostFormAsync($"/alpha/admin/mail?handler=Retry&id={id}", new(), "/alpha/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await admin.PostFormAsync($"/alpha/admin/mail?handler=Retry&id={id}", new(), "/alpha/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("未做改动", await admin.GetStringAsync(second.Headers.Location!.ToString()));
        // Another site's row cannot be moved from here.
        await admin.PostFormAsync($"/alpha/admin/mail?handler=Retry&id={betaId}", new(), "/alpha/admin/mail");

        var rows = await OutboxAsync();
        var row = rows.Single(m => m.Id == id);
        // Pending, or already picked up by the delivery job that runs in the background.
        Assert.Contains(row.Status, new[] { OutboxStatus.Pending, OutboxStatus.Sending, OutboxStatus.Sent });
        Assert.Equal(OutboxStatus.Uncertain, rows.Single(m => m.Id == betaId).Status);
        Assert.Equal(1, await App.WithSiteAsync(null, db => db.Set<AuditEntry>().CountAsync(a => a.Action == "mail.retry" && a.Target == "#" + id)));

        // Without antiforgery: refused.
        var forged = await admin.PostAsync($"/alpha/admin/mail?handler=Retry&id={betaId}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_message_shows_its_text_and_never_renders_its_html()
    {
        var id = await AddMailAsync("alpha", OutboxStatus.Sent, "带脚本的邮件", "<p>hi</p><script>alert('x')</script><img src=x onerror=alert(1)>");
        await App.CreateUserAsync("mail-viewer@example.cn", false, ("alpha", SiteRole.SiteAdmin));
        var page = await (await App.SignedInClientAsync("mail-viewer@example.cn")).GetStringAsync($"/alpha/admin/mail?id={id}");
        Assert.Contains("纯文本正文 带脚本的邮件", page);
        Assert.Contains("&lt;script&gt;", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("visitor@example.org", page);
    }

    [Fact]
    public async Task Test_mail_button_queues_the_test_template_to_the_admin_themselves()
    {
        await App.CreateUserAsync("mail-tester@example.cn", false, ("beta", SiteRole.SiteAdmin));
        var admin = await App.SignedInClientAsync("mail-tester@example.cn", "/beta");
        var response = await admin.PostFormAsync("/beta/admin/mail?handler=Test", new(), "/beta/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("测试邮件已加入发送队列", await admin.GetStringAsync(response.Headers.Location!.ToString()));
        var mail = Assert.Single(await OutboxAsync(), m => m.ToAddress == "mail-tester@example.cn");
        Assert.Equal("test", mail.Template);
        Assert.Equal(await App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "beta").Select(s => s.Id).SingleAsync()), mail.SiteId);
    }

    [Fact]
    public async Task Jobs_page_lists_every_job_with_its_fire_times_for_platform_admins()
    {
        await App.CreateUserAsync("jobs-platform@example.cn", platformAdmin: true);
        var platform = await App.SignedInClientAsync("jobs-platform@example.cn", "");
        var page = await platform.GetStringAsync("/admin/jobs");
        Assert.Contains("计划任务", page);
        Assert.Contains("DeliverOutboxJob", page);
        Assert.Contains("PublishScheduledContentJob", page);
        Assert.Contains("0 * * ? * *", page);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", page); // next fire time, Beijing

        // After a run on this node, its result is shown.
        var key = new Quartz.JobKey(nameof(DeliverOutboxJob), ScheduledJob.Group);
        var scheduler = await App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(key);
        var runs = App.Services.GetRequiredService<JobRunLog>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (runs.Last(key) is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        page = await platform.GetStringAsync("/admin/jobs");
        Assert.Contains("成功", page);
        Assert.Contains("已发送", page);
    }
}
