using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Core.Mail;

/// <summary>
/// A mail queued before it is rendered (<see cref="IMailOutbox.Defer"/>). <paramref name="Reference"/> must name the
/// record before it is saved (e.g. a key chosen by the caller, not a database id), so deleting that record's data
/// finds the row from the moment it exists. <paramref name="Data"/> is the module's note for its renderer.
/// </summary>
public sealed record DeferredMail(string Template, string ToAddress, string Reference, string Data)
{
    public string Culture { get; init; } = "zh-CN";
}

/// <summary>
/// Renders a module's deferred mails from their outbox row (<see cref="OutboxMail.Reference"/> and
/// <see cref="OutboxMail.RenderData"/>), with the row's site entered. Null: the mail is no longer wanted (the
/// record is gone or has no address); the row is deleted. Registered by the module, one per template name.
/// </summary>
public interface IMailRenderer
{
    string Template { get; }

    Task<OutgoingMail?> RenderAsync(OutboxMail row, CancellationToken ct);
}

public sealed partial class MailOutbox
{
    /// <summary>
    /// How long a deferred row waits for the render after its commit before the delivery run takes it over
    /// (that node stopped in between). Rendering right after the commit takes milliseconds.
    /// </summary>
    public static readonly TimeSpan RenderTakeover = TimeSpan.FromMinutes(1);

    static readonly TimeSpan MaxRenderBackoff = TimeSpan.FromHours(6);

    readonly List<OutboxMail> _deferred = [];

    public OutboxMail Defer(DeferredMail mail)
    {
        var now = clock.GetUtcNow();
        var row = new OutboxMail
        {
            SiteId = site.Required.Id,
            MessageId = NewMessageId(smtp.Value.FromAddress),
            ToAddress = mail.ToAddress.Trim(),
            Template = mail.Template,
            Culture = mail.Culture,
            Reference = mail.Reference,
            RenderData = mail.Data,
            Status = OutboxStatus.Unrendered,
            NextAttemptAt = now + RenderTakeover,
            CreatedAt = now,
        };
        db.Set<OutboxMail>().Add(row);
        _deferred.Add(row);
        return row;
    }

    public async Task<int> RenderDeferredAsync(CancellationToken ct = default)
    {
        // Only rows that were saved: a rolled-back change's rows were detached (ChangeTracker.Clear) or never saved.
        var committed = _deferred.Where(r => r.Id != 0 && db.Entry(r).State == EntityState.Unchanged).ToList();
        _deferred.Clear();
        var ready = 0;
        foreach (var row in committed)
            if (await RenderAsync(row, ct)) ready++;
        return ready;
    }

    /// <summary>The current site's deferred rows whose takeover time has passed (the delivery run calls this per site).</summary>
    public async Task<int> RenderOverdueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<OutboxMail>().AsNoTracking().Where(m => m.Status == OutboxStatus.Unrendered && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(200).ToListAsync(ct);
        var ready = 0;
        foreach (var row in due)
            if (await RenderAsync(row, ct)) ready++;
        return ready;
    }

    async Task<bool> RenderAsync(OutboxMail row, CancellationToken ct)
    {
        // Only while still unrendered: a row forgotten (data deleted) or rendered by another node meanwhile stays as it is.
        var still = db.Set<OutboxMail>().Where(m => m.Id == row.Id && m.Status == OutboxStatus.Unrendered);
        OutgoingMail? mail;
        try
        {
            // Resolved here, not in the constructor: renderers queue mail themselves and so depend on the outbox.
            var renderer = services.GetServices<IMailRenderer>().FirstOrDefault(r => r.Template == row.Template)
                           ?? throw new InvalidOperationException($"no mail renderer for template '{row.Template}'");
            mail = await renderer.RenderAsync(row, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change that queued it is committed and stays; the mail waits with the reason, backing off.
            var attempts = row.Attempts + 1;
            var delay = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(attempts - 1, 20)));
            if (delay > MaxRenderBackoff) delay = MaxRenderBackoff;
            var error = "邮件生成失败，稍后重试 / render failed: " + ex.Message;
            if (error.Length > 1900) error = error[..1900];
            logger.LogError(ex, "Outbox mail {Id} ({Template}) could not be rendered; retried by the delivery run", row.Id, row.Template);
            await still.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow() + delay)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
            return false;
        }
        if (mail is null)
        {
            await still.ExecuteDeleteAsync(CancellationToken.None);
            return false;
        }
        var current = site.Required;
        var attachments = mail.Attachments.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(mail.Attachments, AttachmentJson);
        var now = clock.GetUtcNow();
        return await still.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.ToAddress, mail.ToAddress.Trim())
            .SetProperty(m => m.ToName, mail.ToName)
            .SetProperty(m => m.FromName, FromName(current, mail.Culture))
            .SetProperty(m => m.Subject, mail.Subject)
            .SetProperty(m => m.HtmlBody, mail.HtmlBody)
            .SetProperty(m => m.TextBody, mail.TextBody)
            .SetProperty(m => m.AttachmentsJson, attachments)
            .SetProperty(m => m.Culture, mail.Culture)
            .SetProperty(m => m.RenderData, (string?)null)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.NextAttemptAt, now), CancellationToken.None) == 1;
    }
}
