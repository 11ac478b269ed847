using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Outreach.Core.Mail;

namespace Outreach.Mail.Tests;

/// <summary>The outbox against a real SMTP server on 127.0.0.1.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    readonly string _dataDir = OutreachApp.NewDataDir();
    readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    // A 1×1 transparent PNG: stands in for the ticket's QR code.
    static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        OutreachApp.DeleteDataDir(_dataDir);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Mail_arrives_with_text_and_html_parts_and_its_attachments()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new OutreachApp(_dataDir, smtp.Port, _clock);
        var site = await app.CreateSiteAsync();
        var ics = Calendar.Event("lecture-42@kepu.example", "天文讲座：星空与我们", "岭南科学馆报告厅",
            _clock.GetUtcNow().AddDays(3), _clock.GetUtcNow().AddDays(3).AddHours(2), _clock.GetUtcNow());
        var queued = await app.QueueTestMailAsync(site, "zhang.san@example.org", attachments:
            [ics, new MailAttachment("ticket.png", "image/png", Png)]);

        var report = await app.DeliverAsync();

        Assert.Equal(1, report.Sent);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal(queued.MessageId, message.MessageId);
        Assert.Equal("测试邮件：岭南科普", message.Subject);
        Assert.Equal("岭南科普", message.From.Mailboxes.Single().Name);
        Assert.Equal("noreply@kepu.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("测试邮件", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("备注 & <注意>", message.TextBody, StringComparison.Ordinal); // text part is not HTML-encoded
        Assert.Contains("<h1>岭南科普</h1>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("备注 &amp; &lt;注意&gt;", message.HtmlBody, StringComparison.Ordinal);
        var attachments = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["invitation.ics", "ticket.png"], attachments.Select(a => a.FileName));
        Assert.Equal("text/calendar", attachments[0].ContentType.MimeType);
        using var png = new MemoryStream();
        await attachments[1].Content!.DecodeToAsync(png, TestContext.Current.CancellationToken);
        Assert.Equal(Png, png.ToArray());
        using var calendar = new MemoryStream();
        await attachments[0].Content!.DecodeToAsync(calendar, TestContext.Current.CancellationToken);
        Assert.Contains("SUMMARY:天文讲座：星空与我们", System.Text.Encoding.UTF8.GetString(calendar.ToArray()), StringComparison.Ordinal);

        var row = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentAt);
    }

    [Fact]
    public async Task English_mail_uses_the_english_template_and_site_name()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new OutreachApp(_dataDir, smtp.Port, _clock);
        var site = await app.CreateSiteAsync();
        await app.QueueTestMailAsync(site, "visitor@example.org", culture: "en-GB");

        await app.DeliverAsync();

        var message = Assert.Single(smtp.Messages);
        Assert.Equal("Test mail: Lingnan Science", message.Subject);
        Assert.Equal("Lingnan Science", message.From.Mailboxes.Single().Name);
        Assert.Contains("SMTP is configured correctly", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_down_keeps_the_mail_queued_with_the_error_and_one_copy_arrives_when_it_is_back()
    {
        var port = SmtpSink.FreePort(); // nothing listens yet
        await using var app = new OutreachApp(_dataDir, port, _clock);
        var site = await app.CreateSiteAsync();
        await app.QueueTestMailAsync(site, "li.si@example.org");

        var down = await app.DeliverAsync();

        Assert.Equal(new DeliveryReport(0, 1, 0, 0), down);
        var waiting = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("SMTP", waiting.LastError, StringComparison.Ordinal);
        Assert.True(waiting.NextAttemptAt > _clock.GetUtcNow(), "retried after a back-off, not at once");

        await using var smtp = await SmtpSink.StartAsync(port);
        Assert.Equal(DeliveryReport.None, await app.DeliverAsync()); // back-off not over yet
        Assert.Empty(smtp.Messages);

        _clock.Advance(waiting.NextAttemptAt - _clock.GetUtcNow()); // one minute and its jitter
        Assert.Equal(1, (await app.DeliverAsync()).Sent);
        Assert.Equal(DeliveryReport.None, await app.DeliverAsync());
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(DeliveryReport.None, await app.DeliverAsync());

        Assert.Single(smtp.Messages);
        var sent = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Back_off_doubles_and_the_mail_fails_after_the_last_attempt()
    {
        var port = SmtpSink.FreePort();
        await using var app = new OutreachApp(_dataDir, port, _clock);
        var site = await app.CreateSiteAsync();
        await app.QueueTestMailAsync(site, "wang.wu@example.org");
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var before = _clock.GetUtcNow();
            await app.DeliverAsync();
            var row = Assert.Single(await app.OutboxAsync());
            delays.Add(row.NextAttemptAt - before);
            _clock.Advance(row.NextAttemptAt - before);
        }
        // Doubling, each with up to 10 % jitter so mails that failed together do not retry in the same second.
        int[] minutes = [1, 2, 4, 8, 16, 32, 64, 128, 256];
        Assert.All(minutes.Zip(delays), p => Assert.InRange(p.Second.TotalMinutes, p.First, p.First * 1.1 + 0.001));
        var failed = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(10, failed.Attempts);
    }

    [Fact]
    public async Task A_malformed_address_inserted_into_the_outbox_fails_alone_and_later_mail_is_delivered()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new OutreachApp(_dataDir, smtp.Port, _clock);
        var site = await app.CreateSiteAsync();
        // Straight into the table, as rows written before the kernel's address check were: older, so due first.
        await app.InSiteAsync(site, async sp =>
        {
            var row = sp.GetRequiredService<IMailOutbox>().Enqueue(new OutgoingMail("a.b,c@evil.example", "毒邮件", "<p>x</p>", "x"));
            row.NextAttemptAt = row.CreatedAt = _clock.GetUtcNow().AddHours(-1);
            await sp.GetRequiredService<Outreach.Core.Data.OutreachDbContext>().SaveChangesAsync();
            return 0;
        });
        await app.QueueTestMailAsync(site, "zhao.liu@example.org");

        var report = await app.DeliverAsync();

        Assert.Equal(1, report.Sent);
        Assert.Equal(1, report.Failed);
        Assert.Equal("zhao.liu@example.org", Assert.Single(smtp.Messages).To.Mailboxes.Single().Address);
        var rows = await app.OutboxAsync();
        var poison = rows.Single(m => m.ToAddress == "a.b,c@evil.example");
        Assert.Equal(OutboxStatus.Failed, poison.Status);
        Assert.Contains("收件地址无效", poison.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, rows.Single(m => m.ToAddress == "zhao.liu@example.org").Status);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DeliveryReport.None, await app.DeliverAsync()); // never retried
    }

    [Fact]
    public async Task A_5xx_refusal_fails_that_mail_for_good_a_4xx_backs_off_and_the_rest_are_delivered()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new OutreachApp(_dataDir, smtp.Port, _clock);
        var site = await app.CreateSiteAsync();
        await app.QueueTestMailAsync(site, "refused.one@example.org");
        await app.QueueTestMailAsync(site, "busy.two@example.org");
        await app.QueueTestMailAsync(site, "fine.three@example.org");
        var now = _clock.GetUtcNow();

        var report = await app.DeliverAsync();

        Assert.Equal(new DeliveryReport(1, 1, 1, 0), report);
        Assert.Equal("fine.three@example.org", Assert.Single(smtp.Messages).To.Mailboxes.Single().Address);
        var rows = await app.OutboxAsync();
        var refused = rows.Single(m => m.ToAddress.StartsWith("refused", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Failed, refused.Status);
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
        var busy = rows.Single(m => m.ToAddress.StartsWith("busy", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Pending, busy.Status);
        Assert.Contains("451", busy.LastError, StringComparison.Ordinal);
        Assert.InRange(busy.NextAttemptAt - now, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.1));
    }

    [Fact]
    public async Task Sent_mail_bodies_and_pickup_files_are_purged_after_the_retention_and_not_before()
    {
        await using var app = new OutreachApp(_dataDir, smtpPort: null, _clock);
        var site = await app.CreateSiteAsync();
        await app.QueueTestMailAsync(site, "old.reader@example.org");
        Assert.Equal(1, (await app.DeliverAsync()).Sent);
        _clock.Advance(TimeSpan.FromDays(20));
        await app.QueueTestMailAsync(site, "new.reader@example.org");
        Assert.Equal(1, (await app.DeliverAsync()).Sent);
        var pickup = Path.Combine(_dataDir, "mail-pickup");
        Assert.Equal(2, Directory.GetFiles(pickup, "*.eml").Length);
        var purge = app.Services.GetRequiredService<Outreach.Core.Mail.PurgeSentMailJob>();

        _clock.Advance(TimeSpan.FromDays(9)); // the first is 29 days old: kept
        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromDays(2)); // 31 days: purged; the second (11 days) is kept
        Assert.Equal(1, await purge.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken)); // safe to re-run

        var rows = await app.OutboxAsync();
        var old = rows.Single(m => m.ToAddress == "old.reader@example.org");
        Assert.Equal(("", "", null), (old.HtmlBody, old.TextBody, old.AttachmentsJson));
        Assert.Equal(OutboxStatus.Sent, old.Status);
        Assert.NotEqual("", rows.Single(m => m.ToAddress == "new.reader@example.org").HtmlBody);
        var left = Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        Assert.Contains(PickupMailTransport.FileName(rows.Single(m => m.ToAddress == "new.reader@example.org").MessageId), left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_delivery_runs_at_once_send_each_mail_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new OutreachApp(_dataDir, smtp.Port, _clock, batchSize: 5);
        var site = await app.CreateSiteAsync();
        for (var i = 0; i < 30; i++) await app.QueueTestMailAsync(site, $"reader{i}@example.org");

        var reports = await Task.WhenAll(app.DeliverAsync(), app.DeliverAsync(), app.DeliverAsync());

        Assert.Equal(30, reports.Sum(r => r.Sent));
        Assert.Equal(30, smtp.Messages.Count);
        Assert.Equal(30, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await app.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Restart_mid_queue_loses_nothing_and_duplicates_nothing()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using (var first = new OutreachApp(_dataDir, smtp.Port, _clock, batchSize: 5))
        {
            var site = await first.CreateSiteAsync();
            for (var i = 0; i < 12; i++) await first.QueueTestMailAsync(site, $"member{i}@example.org");
            var (report, _) = await first.Services.GetRequiredService<OutboxDelivery>().DeliverBatchAsync(TestContext.Current.CancellationToken);
            Assert.Equal(5, report.Sent);
            // The node then dies holding a claimed batch: one row never handed over, one handed over but not recorded.
            await first.UpdateOutboxAsync(async rows =>
            {
                var ids = await rows.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(TestContext.Current.CancellationToken);
                var lease = _clock.GetUtcNow().AddMinutes(5);
                await rows.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseOwner, Guid.NewGuid()).SetProperty(m => m.LeaseUntil, lease));
                await rows.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseOwner, Guid.NewGuid()).SetProperty(m => m.LeaseUntil, lease)
                    .SetProperty(m => m.HandedOverAt, _clock.GetUtcNow()).SetProperty(m => m.Attempts, 1));
            });
        }

        await using var second = new OutreachApp(_dataDir, smtp.Port, _clock, batchSize: 5);
        var held = await second.DeliverAsync();
        Assert.Equal(5, held.Sent); // the dead node's lease still holds its two rows

        _clock.Advance(TimeSpan.FromMinutes(6)); // lease over
        var after = await second.DeliverAsync();
        Assert.Equal(1, after.Sent);
        Assert.Equal(DeliveryReport.None, await second.DeliverAsync());

        var rows = await second.OutboxAsync();
        Assert.Equal(11, rows.Count(m => m.Status == OutboxStatus.Sent));
        var uncertain = Assert.Single(rows, m => m.Status == OutboxStatus.Uncertain);
        Assert.NotNull(uncertain.LastError);
        Assert.Equal(11, smtp.Messages.Count);
        Assert.Equal(11, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.DoesNotContain(smtp.Messages, m => m.MessageId == uncertain.MessageId);
    }

    [Fact]
    public async Task Without_smtp_host_mail_is_written_to_the_pickup_folder_once()
    {
        await using var app = new OutreachApp(_dataDir, smtpPort: null, _clock);
        var site = await app.CreateSiteAsync();
        var queued = await app.QueueTestMailAsync(site, "zhao.liu@example.org");

        Assert.Equal(1, (await app.DeliverAsync()).Sent);
        // A crash after writing the file makes the retry rewrite the same file: still one mail.
        await app.UpdateOutboxAsync(rows => rows.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseUntil, _clock.GetUtcNow().AddSeconds(-1))
            .SetProperty(m => m.HandedOverAt, _clock.GetUtcNow())));
        Assert.Equal(1, (await app.DeliverAsync()).Sent);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_dataDir, "mail-pickup"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(queued.MessageId, message.MessageId);
        Assert.Equal("测试邮件：岭南科普", message.Subject);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
    }

    [Fact]
    public async Task Mail_is_only_written_with_the_change_that_causes_it()
    {
        await using var app = new OutreachApp(_dataDir, smtpPort: null, _clock);
        var site = await app.CreateSiteAsync();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Outreach.Core.Sites.SiteContext>().Enter(site);
            await scope.ServiceProvider.GetRequiredService<IMailOutbox>().EnqueueAsync("test", "a@example.org", null);
            // no SaveChanges: the change was abandoned, and so is its mail
        }
        Assert.Empty(await app.OutboxAsync());
    }
}
