using System.Collections.Concurrent;
using Quartz;

namespace Outreach.Core.Scheduling;

/// <summary>How one run of a job ended.</summary>
public sealed record JobRun(DateTimeOffset StartedAt, TimeSpan Duration, bool Succeeded, string Result);

/// <summary>
/// Remembers the last run of every job this node executed, for the admin jobs page. In memory and per
/// node: after a restart, or for a run another cluster node made, the page shows only the trigger's
/// previous fire time from the store (which is cluster-wide). Cheap by design; no table, no migration.
/// </summary>
public sealed class JobRunLog : IJobListener
{
    readonly ConcurrentDictionary<JobKey, JobRun> _last = new();

    public string Name => "outreach-job-runs";

    public JobRun? Last(JobKey key) => _last.TryGetValue(key, out var run) ? run : null;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var error = jobException?.InnerException ?? jobException;
        var result = error is not null ? error.GetType().Name + ": " + error.Message : context.Result?.ToString() ?? "";
        if (result.Length > 500) result = result[..500];
        _last[context.JobDetail.Key] = new JobRun(context.FireTimeUtc, context.JobRunTime, error is null, result);
        return ValueTask.CompletedTask;
    }
}
