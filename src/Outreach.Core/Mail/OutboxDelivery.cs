using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Core.Data;

namespace Outreach.Core.Mail;

/// <summary>What one delivery run did.</summary>
public sealed record DeliveryReport(int Sent, int Retrying, int Failed, int Uncertain)
{
    public static readonly DeliveryReport None = new(0, 0, 0, 0);
    public DeliveryReport Add(DeliveryReport o) => new(Sent + o.Sent, Retrying + o.Retrying, Failed + o.Failed, Uncertain + o.Uncertain);
}

/// <summary>
/// Sends due outbox rows of every site (an explicit cross-site sweep: the rows are already rendered, so no
/// site scope is needed and none is leaked). Safe on several nodes and safe to re-run:
/// <list type="number">
/// <item>Claim: one conditional UPDATE moves due Pending rows to Sending under this run's lease token; a row
/// another node claimed first no longer matches, so no two nodes hold the same row.</item>
/// <item>Hand-over: just before sending a row, an UPDATE that still requires our token and an unexpired lease
/// stamps <c>HandedOverAt</c>. A run whose lease ran out (a stalled node) finds 0 rows and does not send.</item>
/// <item>Send over the batch's one connection, then mark Sent (guarded by the token), committed together with the next mail's hand-over stamp.</item>
/// </list>
/// What SMTP cannot give: there is no way to ask a server "did you already accept Message-ID X?", so
/// exactly-once is impossible when a node dies after the server accepted the DATA and before the row was
/// marked. We choose never to send twice: a row whose lease expired with <c>HandedOverAt</c> set becomes
/// <see cref="OutboxStatus.Uncertain"/> and is left for a person; one that expired before hand-over is
/// retried, because it never reached the server. The window is the few milliseconds between the server's
/// 250 reply and our UPDATE. The stable Message-ID lets a receiving system that deduplicates on it collapse
/// a copy if an administrator chooses to resend. With the pickup folder the repeat is harmless (same file),
/// so there such rows are simply retried.
/// </summary>
public sealed class OutboxDelivery(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<OutboxDelivery> logger)
{
    const int MaxBatchesPerRun = 100;
    static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <summary>Delivers every due row, batch by batch, until none is left (bounded per run).</summary>
    public async Task<DeliveryReport> DeliverDueAsync(CancellationToken ct = default)
    {
        await RecoverExpiredLeasesAsync(ct);
        await RenderOverdueAsync(ct);
        var report = DeliveryReport.None;
        for (var i = 0; i < MaxBatchesPerRun && !ct.IsCancellationRequested; i++)
        {
            var (batch, claimed) = await DeliverBatchAsync(ct);
            report = report.Add(batch);
            if (claimed < options.Value.BatchSize) break;
        }
        return report;
    }

    /// <summary>
    /// Deferred mails still unrendered past their takeover time (the node that committed them stopped before
    /// rendering, or rendering failed): rendered here, each with its own site entered, so they are sent in this run.
    /// </summary>
    public async Task<int> RenderOverdueAsync(CancellationToken ct = default)
    {
        List<int> siteIds;
        using (var scope = scopes.CreateScope())
        {
            var now = clock.GetUtcNow();
            siteIds = await Rows(scope).Where(m => m.Status == OutboxStatus.Unrendered && m.NextAttemptAt <= now)
                .Select(m => m.SiteId).Distinct().ToListAsync(ct);
        }
        var ready = 0;
        foreach (var siteId in siteIds)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            if (await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct) is not { } site) continue;
            scope.ServiceProvider.GetRequiredService<Sites.SiteContext>().Enter(site, site.PathBase);
            ready += await scope.ServiceProvider.GetRequiredService<MailOutbox>().RenderOverdueAsync(ct);
        }
        return ready;
    }

    /// <summary>Rows left in Sending by a node that died: retried, or parked as Uncertain (see the class comment).</summary>
    public async Task RecoverExpiredLeasesAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var rows = Rows(scope);
        var now = clock.GetUtcNow();
        var expired = rows.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now);
        var neverHandedOver = transport.RepeatIsHarmless ? expired : expired.Where(m => m.HandedOverAt == null);
        await neverHandedOver.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.HandedOverAt, (DateTimeOffset?)null)
            .SetProperty(m => m.NextAttemptAt, now), ct);
        var parked = await expired.Where(m => m.HandedOverAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Uncertain)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LastError, "节点在交给 SMTP 服务器后、确认前中断，可能已送达，未自动重发 / node stopped after hand-over; may have been delivered, not resent"), ct);
        if (parked > 0) logger.LogWarning("{Count} outbox mails were handed to SMTP by a node that stopped before recording the result; marked Uncertain", parked);
    }

    /// <summary>Claims up to one batch and sends it over one connection. Returns what happened and how many rows were claimed.</summary>
    public async Task<(DeliveryReport Report, int Claimed)> DeliverBatchAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var token = Guid.NewGuid();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var rows = Rows(scope);
        var now = clock.GetUtcNow();
        var due = await rows.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(o.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return (DeliveryReport.None, 0);

        var leaseUntil = now.AddSeconds(o.LeaseSeconds);
        await rows.Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending)
            .SetProperty(m => m.LeaseOwner, token)
            .SetProperty(m => m.LeaseUntil, leaseUntil)
            .SetProperty(m => m.HandedOverAt, (DateTimeOffset?)null), ct);
        var batch = await rows.AsNoTracking().Where(m => m.LeaseOwner == token && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct);
        if (batch.Count == 0) return (DeliveryReport.None, due.Count); // another node was quicker

        int sent = 0, retrying = 0, failed = 0, uncertain = 0;
        IMailConnection connection;
        try
        {
            connection = await transport.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing reached the server: every row goes back with its back-off.
            logger.LogWarning("SMTP connection failed, {Count} mails wait for their next attempt: {Error}", batch.Count, ex.Message);
            foreach (var row in batch)
            {
                if (await RetryOrFailAsync(rows, row, token, row.Attempts + 1, "连接 SMTP 服务器失败 / SMTP connection failed: " + ex.Message, permanent: false, CancellationToken.None))
                    retrying++;
                else failed++;
            }
            return (new DeliveryReport(0, retrying, failed, 0), due.Count);
        }

        // One commit per mail: the Sent mark of the previous mail shares the transaction of this mail's
        // hand-over stamp (a commit is an fsync on SQLite and costs more than the SMTP round trip).
        long? previousSent = null;
        await using (connection)
        {
            foreach (var row in batch)
            {
                if (ct.IsCancellationRequested) break;
                // A mail that cannot become a message (a malformed address slipped in before the kernel's check, a
                // broken attachment) fails alone, for good, before anything reaches the server: it never holds up the rest.
                MimeMessage message;
                try
                {
                    message = BuildChecked(row, o);
                }
                catch (Exception ex) when (ex is ParseException or FormatException or ArgumentException or System.Text.Json.JsonException)
                {
                    logger.LogWarning("Outbox mail {Id} ({MessageId}) cannot be sent and is marked failed: {Error}", row.Id, row.MessageId, ex.Message);
                    await RetryOrFailAsync(rows, row, token, row.Attempts + 1, "邮件无法生成，已放弃 / cannot build the message: " + ex.Message, permanent: true, CancellationToken.None);
                    failed++;
                    continue;
                }
                var handOver = clock.GetUtcNow();
                int held;
                await using (var tx = await db.Database.BeginTransactionAsync(CancellationToken.None))
                {
                    if (previousSent is long id) await MarkSentAsync(rows, id, token, handOver);
                    previousSent = null;
                    held = await rows.Where(m => m.Id == row.Id && m.LeaseOwner == token && m.Status == OutboxStatus.Sending && m.LeaseUntil > handOver)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(m => m.HandedOverAt, handOver)
                            .SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
                    await tx.CommitAsync(CancellationToken.None);
                }
                if (held == 0) continue; // lease lost: someone else decides about this row now

                try
                {
                    // Not cancellable: once begun, the hand-over finishes so its outcome is known and recorded.
                    await connection.SendAsync(message, CancellationToken.None);
                }
                catch (SmtpCommandException ex)
                {
                    // The server answered "no": it did not take the message, so another attempt cannot duplicate it.
                    // 5xx is final for this mail (bad mailbox, refused content); 4xx is "try later" (greylisting, full queue).
                    var permanent = (int)ex.StatusCode >= 500;
                    if (await RetryOrFailAsync(rows, row, token, row.Attempts + 1, $"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent, CancellationToken.None))
                        retrying++;
                    else failed++;
                    continue;
                }
                catch (Exception ex)
                {
                    // The connection broke mid-message: the server may or may not have it. Never resend blindly.
                    logger.LogError(ex, "Outbox mail {Id} ({MessageId}): connection lost during hand-over; marked Uncertain", row.Id, row.MessageId);
                    await rows.Where(m => m.Id == row.Id && m.LeaseOwner == token).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, transport.RepeatIsHarmless ? OutboxStatus.Pending : OutboxStatus.Uncertain)
                        .SetProperty(m => m.LeaseOwner, (Guid?)null)
                        .SetProperty(m => m.LastError, "发送中连接中断，可能已送达 / connection lost during send: " + ex.Message), CancellationToken.None);
                    uncertain++;
                    break;
                }
                previousSent = row.Id;
                sent++;
            }
        }
        if (previousSent is long last) await MarkSentAsync(rows, last, token, clock.GetUtcNow());

        // Rows of this batch not attempted (cancelled, or the connection broke) go straight back.
        await rows.Where(m => m.LeaseOwner == token && m.Status == OutboxStatus.Sending && m.HandedOverAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);

        if (sent > 0) logger.LogInformation("Outbox: {Sent} mails sent in one batch", sent);
        return (new DeliveryReport(sent, retrying, failed, uncertain), due.Count);
    }

    static Task<int> MarkSentAsync(IQueryable<OutboxMail> rows, long id, Guid token, DateTimeOffset at) =>
        rows.Where(m => m.Id == id && m.LeaseOwner == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, at)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);

    /// <summary>The row's message, with its recipient held to the kernel's address rule (one plain mailbox).</summary>
    static MimeMessage BuildChecked(OutboxMail row, SmtpOptions o)
    {
        if (!EmailAddress.IsValid(row.ToAddress)) throw new FormatException($"收件地址无效 / invalid recipient address");
        return OutboxMessages.Build(row, o);
    }

    /// <summary>
    /// Back-off per mail doubles from one minute (1, 2, 4 … capped at 6 h), plus up to 10 % random jitter so
    /// mails that failed together do not all come back in the same second; out of attempts, or refused for
    /// good, the row fails with the reason.
    /// </summary>
    async Task<bool> RetryOrFailAsync(IQueryable<OutboxMail> rows, OutboxMail row, Guid token, int attempts, string error, bool permanent, CancellationToken ct)
    {
        var giveUp = permanent || attempts >= options.Value.MaxAttempts;
        var delay = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(attempts - 1, 20)));
        if (delay > MaxBackoff) delay = MaxBackoff;
        var next = clock.GetUtcNow() + delay + delay * (Random.Shared.NextDouble() * 0.1);
        if (error.Length > 1900) error = error[..1900];
        await rows.Where(m => m.Id == row.Id && m.LeaseOwner == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.HandedOverAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, error), ct);
        return !giveUp;
    }

    static IQueryable<OutboxMail> Rows(IServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Set<OutboxMail>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
}
