using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Localization;
using Quartz;

namespace Outreach.Core.Scheduling;

/// <summary>Bound from <c>Outreach:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Off for CLI-like hosts and tests that drive jobs themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Per-job schedule overrides by job class name, e.g. <c>Outreach:Scheduler:Cron:SendRemindersJob = "0/5 * * ? * *"</c>
    /// (a drill or the cluster script); the module's own cron otherwise.
    /// </summary>
    public Dictionary<string, string> Cron { get; set; } = [];
}

public static class SchedulerServices
{
    /// <summary>
    /// Quartz.NET with its ADO.NET job store in the application's database: SQLite (one node) or PostgreSQL
    /// with clustering, so a trigger fires on one node only. Quartz creates its own QRTZ_ tables on start
    /// when they are missing (ProvisionSchema: create-only, safe when several nodes start at once); EF
    /// migrations never touch them.
    /// </summary>
    public static void AddOutreachScheduler(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // ValidateOnStart: a value that does not bind ("Enabled": "sometimes") stops the app at start, naming the key.
        services.AddOptions<SchedulerOptions>().BindConfiguration("Outreach:Scheduler").ValidateOnStart();
        services.AddSingleton<ScheduledPublishing>();
        services.AddSingleton<JobRunLog>();
        services.AddScheduledJob<PublishScheduledContentJob>("0 * * ? * *", "定时发布到期的内容 / publish scheduled content");
        services.AddScheduledJob<DeliverOutboxJob>("0/15 * * ? * *", "发送邮件队列 / deliver the outbox");

        var configuration = builder.Configuration;
        var provider = configuration.GetValue("Outreach:Database:Provider", DatabaseProvider.Sqlite);
        services.AddQuartz(q =>
        {
            // Every node of a cluster needs its own instance id under the same scheduler name (Quartz generates one).
            if (provider == DatabaseProvider.Postgres) q.ConfigureScheduler(o => o.GenerateInstanceId = true);
            q.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(configuration.GetConnectionString("Outreach")
                        ?? throw new InvalidOperationException("Outreach:Database:Provider=Postgres needs ConnectionStrings:Outreach."));
                    // Each node checks in every 7.5 s; a node silent for 15 s more is taken as dead and another node
                    // recovers its in-flight jobs (RequestRecovery below) and fires its missed triggers.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromMilliseconds(7500);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                    // One execution history for the cluster (QRTZ_EXECUTION_HISTORY), so "ran once" can be read from any node.
                    store.UseExecutionHistory();
                }
                else
                {
                    var outreach = configuration.GetSection("Outreach").Get<OutreachOptions>() ?? new OutreachOptions();
                    var file = Path.Combine(OutreachPaths.DataDir(outreach, builder.Environment), "outreach.db");
                    store.UseSqlite($"Data Source={file};Default Timeout=30;Pooling=True");
                }
            });
        });

        if (configuration.GetValue("Outreach:Scheduler:Enabled", true))
        {
            services.AddHostedService<ScheduledJobsRegistrar>();
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = true; // a stopping node finishes its batch, so the outbox records what it sent
                o.AwaitApplicationStarted = true; // after migrations and seeding
            });
        }
    }
}

/// <summary>
/// Puts the registered jobs into the persistent store at start. A trigger whose cron is unchanged is kept,
/// so its misfire policy applies after downtime: FireAndProceed — missed fires collapse into one run at
/// start (each run sweeps everything due), then the schedule continues. Jobs no longer registered are removed.
/// </summary>
public sealed class ScheduledJobsRegistrar(ISchedulerFactory factory, IEnumerable<ScheduledJob> jobs, JobRunLog runs,
    Microsoft.Extensions.Options.IOptions<SchedulerOptions> options, ILogger<ScheduledJobsRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        scheduler.ListenerManager.AddJobListener(runs, [GroupMatcher<JobKey>.AnyGroup()]);
        var overrides = options.Value.Cron;
        var registered = jobs.Select(j => overrides.TryGetValue(j.JobType.Name, out var cron) && CronExpression.TryParse(cron, out _) ? j with { Cron = cron! } : j).ToList();
        foreach (var job in registered)
        {
            if (await scheduler.GetTrigger(job.TriggerKey, cancellationToken) is ICronTrigger existing
                && existing.CronExpressionString == job.Cron && await scheduler.GetJobDetail(job.Key, cancellationToken) is { RequestsRecovery: true })
                continue;
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).WithDescription(job.Description).StoreDurably()
                .RequestRecovery() // a node killed mid-run: another node runs the job again (every job is safe to re-run)
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(job.TriggerKey).ForJob(job.Key)
                .WithCronSchedule(job.Cron, c => c.InTimeZone(OutreachTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(detail, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
            logger.LogInformation("Scheduled job {Job} ({Cron})", job.Key, job.Cron);
        }
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduledJob.Group), cancellationToken))
            if (registered.All(j => !j.Key.Equals(key)))
                await scheduler.DeleteJob(key, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
