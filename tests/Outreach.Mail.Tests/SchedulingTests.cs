using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Scheduling;
using Outreach.Pages;
using Quartz;

namespace Outreach.Mail.Tests;

/// <summary>Scheduled publishing and the Quartz store.</summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    readonly string _dataDir = OutreachApp.NewDataDir();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        OutreachApp.DeleteDataDir(_dataDir);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Scheduled_pages_and_news_are_published_when_due_and_a_second_run_changes_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new OutreachApp(_dataDir, smtpPort: null, clock);
        var site = await app.CreateSiteAsync();
        var other = await app.CreateSiteAsync("kexie");
        var due = clock.GetUtcNow().AddMinutes(5);
        await app.InSiteAsync(site, sp =>
        {
            var editor = sp.GetRequiredService<ContentEditor>();
            ContentSeeds.Scheduled<Page>(editor, "关于我们", due);
            ContentSeeds.Scheduled<NewsItem>(editor, "科普月开幕", due);
            ContentSeeds.Scheduled<NewsItem>(editor, "下周讲座预告", due.AddHours(1));
            return Task.FromResult(0);
        });
        await app.InSiteAsync(other, sp =>
        {
            ContentSeeds.Scheduled<NewsItem>(sp.GetRequiredService<ContentEditor>(), "科协年会", due);
            return Task.FromResult(0);
        });

        Assert.Equal(0, await app.PublishDueAsync());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, await app.PublishDueAsync());
        Assert.Equal(0, await app.PublishDueAsync());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var news = await db.Set<NewsItem>().IgnoreQueryFilters().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ContentStatus.Published, news.Single(n => n.Title == "科普月开幕").Status);
        Assert.Equal(ContentStatus.Published, news.Single(n => n.Title == "科协年会").Status);
        Assert.Equal(ContentStatus.Draft, news.Single(n => n.Title == "下周讲座预告").Status);
        Assert.Equal(clock.GetUtcNow(), news.Single(n => n.Title == "科普月开幕").PublishedAt!.Value, TimeSpan.FromMilliseconds(1)); // SQLite keeps ~0.1 ms
        var page = await db.Set<Page>().IgnoreQueryFilters().AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ContentStatus.Published, page.Status);
        var publishVersions = await db.ContentVersions.IgnoreQueryFilters()
            .CountAsync(v => v.Action == "publish" && v.Author == ScheduledPublishing.Author, TestContext.Current.CancellationToken);
        Assert.Equal(3, publishVersions); // the second run recorded nothing
    }

    [Fact]
    public async Task Publish_sweep_takes_more_than_one_batch()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new OutreachApp(_dataDir, smtpPort: null, clock);
        var site = await app.CreateSiteAsync();
        await app.InSiteAsync(site, sp =>
        {
            var editor = sp.GetRequiredService<ContentEditor>();
            for (var i = 0; i < 1100; i++) ContentSeeds.Scheduled<NewsItem>(editor, $"news {i}", clock.GetUtcNow());
            return Task.FromResult(0);
        });
        Assert.Equal(1100, await app.PublishDueAsync());
        Assert.Equal(0, await app.PublishDueAsync());
    }

    [Fact]
    public async Task Quartz_keeps_the_jobs_in_the_database_and_runs_them()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using (var app = new OutreachApp(_dataDir, smtp.Port, clock: null, scheduler: true))
        {
            var site = await app.CreateSiteAsync();
            await app.QueueTestMailAsync(site, "quartz@example.org");
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(30);

            var keys = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduledJob.Group), TestContext.Current.CancellationToken))
                .Select(k => k.Name).Order().ToList();
            // Every job the host registers (the kernel's and the modules') is in the store, one trigger each.
            Assert.Equal(app.Services.GetServices<ScheduledJob>().Select(j => j.Key.Name).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            Assert.Contains(nameof(DeliverOutboxJob), keys);
            Assert.Contains(nameof(PublishScheduledContentJob), keys);
            var trigger = Assert.IsAssignableFrom<ICronTrigger>(
                await scheduler.GetTrigger(new TriggerKey(nameof(PublishScheduledContentJob), ScheduledJob.Group), TestContext.Current.CancellationToken));
            Assert.Equal("0 * * ? * *", trigger.CronExpressionString);
            Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, (CronTriggerMisfireInstruction)trigger.MisfireInstruction);

            await scheduler.TriggerJob(new JobKey(nameof(DeliverOutboxJob), ScheduledJob.Group), TestContext.Current.CancellationToken);
            while (smtp.Messages.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.Single(smtp.Messages);
        }

        // The store is the application's database: a restarted node finds the same jobs.
        await using var restarted = new OutreachApp(_dataDir, smtp.Port, clock: null, scheduler: false);
        using var scope = restarted.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT JOB_NAME AS Value FROM QRTZ_JOB_DETAILS ORDER BY JOB_NAME")
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(restarted.Services.GetServices<ScheduledJob>().Select(j => j.Key.Name).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }
}
