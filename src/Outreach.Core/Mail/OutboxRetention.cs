using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Quartz;

namespace Outreach.Core.Mail;

/// <summary>
/// Sent mail holds personal data (names, tickets, links) long after it is useful. Past
/// <see cref="SmtpOptions.SentRetentionDays"/> a sent or failed mail keeps only its envelope (address, subject,
/// status, times): body, attachments and recipient name are blanked and its pickup file deleted. Every site at
/// once (an explicit cross-site sweep of rows that belong to nobody's view); batched; safe to re-run.
/// </summary>
public sealed class OutboxRetention(IServiceScopeFactory scopes, IMailTransport transport, IOptions<SmtpOptions> options, TimeProvider clock,
    ILogger<OutboxRetention> logger)
{
    const int Batch = 500;

    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.SentRetentionDays);
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var rows = scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Set<OutboxMail>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
            var due = await rows
                .Where(m => ((m.Status == OutboxStatus.Sent && m.SentAt < cutoff) || (m.Status == OutboxStatus.Failed && m.CreatedAt < cutoff))
                            && (m.HtmlBody != "" || m.TextBody != "" || m.AttachmentsJson != null || m.ToName != ""))
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.MessageId }).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) break;
            foreach (var m in due) transport.Forget(m.MessageId);
            var ids = due.Select(m => m.Id).ToList();
            total += await rows.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.HtmlBody, "")
                .SetProperty(m => m.TextBody, "")
                .SetProperty(m => m.AttachmentsJson, (string?)null)
                .SetProperty(m => m.ToName, ""), ct);
            if (due.Count < Batch) break;
        }
        if (total > 0) logger.LogInformation("Outbox: blanked {Count} mails past {Days} days", total, options.Value.SentRetentionDays);
        return total;
    }
}

[DisallowConcurrentExecution]
public sealed class PurgeSentMailJob(OutboxRetention retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已清除邮件正文 {await RunAsync(cancellationToken)} 封 / mail bodies purged";

    public Task<int> RunAsync(CancellationToken ct = default) => retention.PurgeAsync(ct);
}
