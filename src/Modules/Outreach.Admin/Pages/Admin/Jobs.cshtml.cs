using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Quartz;

namespace Outreach.Admin.Pages.Admin;

/// <summary>Every Quartz job: its triggers' next and previous fire times (from the store, cluster-wide) and this node's last run.</summary>
[SitePermission(Permissions.ManagePlatform)]
public sealed class JobsModel(ISchedulerFactory factory, JobRunLog runs) : PageModel
{
    public sealed record JobRow(string Group, string Name, string Description, string Schedule, string State,
        DateTimeOffset? NextFire, DateTimeOffset? PreviousFire, JobRun? LastRun);

    public List<JobRow> Jobs { get; } = [];
    public bool Running { get; private set; }
    public bool Clustered { get; private set; }
    public string InstanceId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var meta = await scheduler.GetMetadata(ct);
        Running = meta.Status == SchedulerStatus.Running;
        InstanceId = meta.SchedulerInstanceId;
        Clustered = meta.JobStoreClustered;
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct)).OrderBy(k => k.Group).ThenBy(k => k.Name))
        {
            var detail = await scheduler.GetJobDetail(key, ct);
            var triggers = await scheduler.GetTriggersOfJob(key, ct);
            var trigger = triggers.OrderBy(t => t.NextFireTimeUtc ?? DateTimeOffset.MaxValue).FirstOrDefault();
            var state = trigger is null ? "无触发器" : StateName(await scheduler.GetTriggerState(trigger.Key, ct));
            var schedule = trigger switch
            {
                ICronTrigger cron => cron.CronExpressionString ?? "",
                null => "—",
                _ => trigger.GetType().Name,
            };
            Jobs.Add(new JobRow(key.Group, key.Name, detail?.Description ?? "", schedule, state,
                triggers.Select(t => t.NextFireTimeUtc).Where(t => t.HasValue).Min(),
                triggers.Select(t => t.PreviousFireTimeUtc).Where(t => t.HasValue).Max(),
                runs.Last(key)));
        }
    }

    static string StateName(TriggerState state) => state switch
    {
        TriggerState.Normal => "正常",
        TriggerState.Paused => "已暂停",
        TriggerState.Complete => "已完成",
        TriggerState.Error => "出错",
        TriggerState.Blocked => "运行中",
        TriggerState.None => "无",
        _ => state.ToString(),
    };
}
