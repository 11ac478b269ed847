using Outreach.Core.Mail;
using Quartz;

namespace Outreach.Core.Scheduling;

/// <summary>Every minute: publishes the drafts whose scheduled time has come, on every site.</summary>
[DisallowConcurrentExecution]
public sealed class PublishScheduledContentJob(ScheduledPublishing publishing) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已发布 {await RunAsync(cancellationToken)} 项 / published";

    public Task<int> RunAsync(CancellationToken ct = default) => publishing.PublishDueAsync(ct);
}

/// <summary>Every 15 seconds: sends what is due in the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverOutboxJob(OutboxDelivery delivery) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var r = await RunAsync(cancellationToken);
        context.Result = $"已发送 {r.Sent}，待重试 {r.Retrying}，失败 {r.Failed}，状态不明 {r.Uncertain}";
    }

    public Task<DeliveryReport> RunAsync(CancellationToken ct = default) => delivery.DeliverDueAsync(ct);
}
