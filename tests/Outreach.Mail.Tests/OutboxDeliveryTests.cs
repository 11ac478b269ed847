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

        _clock.Advance(TimeSpan.FromMinutes(1));
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
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256], delays.Take(9).Select(d => (int)Math.Round(d.TotalMinutes)));
        var failed = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(10, failed.Attempts);
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
