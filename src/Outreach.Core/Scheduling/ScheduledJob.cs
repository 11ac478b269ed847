using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Outreach.Core.Scheduling;

/// <summary>
/// A recurring job: one Quartz job and one cron trigger (Beijing time) that sweeps due rows in batches —
/// never one trigger per person. Modules add theirs in <c>AddServices</c> with
/// <c>services.AddScheduledJob&lt;SendRemindersJob&gt;("0 */5 * ? * *", "发送活动提醒")</c>.
/// </summary>
/// <param name="Cron">Quartz cron (seconds first), e.g. <c>0 * * ? * *</c> = every minute.</param>
public sealed record ScheduledJob(Type JobType, string Cron, string Description)
{
    public const string Group = "outreach";
    public JobKey Key => new(JobType.Name, Group);
    public TriggerKey TriggerKey => new(JobType.Name, Group);
}

public static class ScheduledJobRegistration
{
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string cron, string description)
        where TJob : class, IJob
    {
        if (!CronExpression.TryParse(cron, out _)) throw new ArgumentException($"{typeof(TJob).Name}: invalid cron '{cron}'", nameof(cron));
        services.AddTransient<TJob>();
        services.AddSingleton(new ScheduledJob(typeof(TJob), cron, description));
        return services;
    }
}
