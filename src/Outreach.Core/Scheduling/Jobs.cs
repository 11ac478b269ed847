using Outreach.Core.Mail;
using Quartz;

namespace Outreach.Core.Scheduling;

/// <summary>Every minute: publishes the drafts whose scheduled time has come, on every site.</summary>
[DisallowConcurrentExecution]
public sealed class PublishScheduledContentJob(ScheduledPublishing publishing) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public Task<int> RunAsync(CancellationToken ct = default) => publishing.PublishDueAsync(ct);
}

/// <summary>Every 15 seconds: sends what is due in the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverOutboxJob(OutboxDelivery delivery) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public Task<DeliveryReport> RunAsync(CancellationToken ct = default) => delivery.DeliverDueAsync(ct);
}
