using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Mail;

/// <summary>A mail as a module hands it to the outbox (already rendered).</summary>
public sealed record OutgoingMail(string ToAddress, string Subject, string HtmlBody, string TextBody)
{
    public string ToName { get; init; } = "";
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
    public string Template { get; init; } = "";
    public string Culture { get; init; } = "zh-CN";

    /// <summary>The record the mail is about (<see cref="OutboxMail.Reference"/>), e.g. <c>registration:123</c>.</summary>
    public string? Reference { get; init; }
}

/// <summary>
/// The one way to send mail. Enqueue adds an <see cref="OutboxMail"/> to the caller's DbContext (the scoped
/// one) without saving: the caller's SaveChanges writes the mail and the change that caused it together, so
/// a registration is never stored without its confirmation, nor a confirmation without its registration.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Queues a rendered mail for the current site.</summary>
    OutboxMail Enqueue(OutgoingMail mail);

    /// <summary>
    /// Queues a mail to be rendered after the caller's commit (<see cref="OutboxStatus.Unrendered"/>): the row carries
    /// only the recipient, what it is about and the module's render note, so a transaction that holds a lock
    /// (a seat) writes a small row and renders nothing. Call <see cref="RenderDeferredAsync"/> after the commit.
    /// </summary>
    OutboxMail Defer(DeferredMail mail);

    /// <summary>
    /// Renders the rows this scope deferred and that are now committed, each by its template's
    /// <see cref="IMailRenderer"/>. A failure leaves that row unrendered for the delivery run to retry; it never
    /// undoes the change that queued it. Returns how many became ready to send.
    /// </summary>
    Task<int> RenderDeferredAsync(CancellationToken ct = default);

    /// <summary>Renders <c>mail-&lt;template&gt;</c> of the current site's theme and queues it.</summary>
    Task<OutboxMail> EnqueueAsync(string template, string toAddress, object? model, string? culture = null,
        IReadOnlyList<MailAttachment>? attachments = null, string toName = "");

    /// <summary>
    /// Deletes every mail about <paramref name="reference"/> (queued, sent or failed) of the current site and
    /// its pickup files, when the person's data is deleted. A mail being handed over right now is left to finish.
    /// </summary>
    Task<int> ForgetAsync(string reference, CancellationToken ct = default) => ForgetAsync([reference], ct);

    /// <summary><see cref="ForgetAsync(string, CancellationToken)"/> for many records at once (the retention job).</summary>
    Task<int> ForgetAsync(IReadOnlyCollection<string> references, CancellationToken ct = default);
}

public sealed partial class MailOutbox(OutreachDbContext db, SiteContext site, MailTemplates templates, TimeProvider clock, IOptions<SmtpOptions> smtp,
    IMailTransport transport, IServiceProvider services, ILogger<MailOutbox> logger)
    : IMailOutbox
{
    internal static readonly JsonSerializerOptions AttachmentJson = new(JsonSerializerDefaults.Web);

    public OutboxMail Enqueue(OutgoingMail mail)
    {
        var current = site.Required;
        var now = clock.GetUtcNow();
        var row = new OutboxMail
        {
            SiteId = current.Id,
            MessageId = NewMessageId(smtp.Value.FromAddress),
            ToAddress = mail.ToAddress.Trim(),
            ToName = mail.ToName,
            FromName = FromName(current, mail.Culture),
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            TextBody = mail.TextBody,
            AttachmentsJson = mail.Attachments.Count == 0 ? null : JsonSerializer.Serialize(mail.Attachments, AttachmentJson),
            Template = mail.Template,
            Culture = mail.Culture,
            Reference = mail.Reference,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Set<OutboxMail>().Add(row);
        return row;
    }

    public async Task<OutboxMail> EnqueueAsync(string template, string toAddress, object? model, string? culture = null,
        IReadOnlyList<MailAttachment>? attachments = null, string toName = "")
    {
        var current = site.Required;
        var lang = MailTemplates.NormalizeCulture(culture ?? current.DefaultCulture);
        var rendered = await templates.RenderAsync(current, template, model, lang);
        return Enqueue(new OutgoingMail(toAddress, rendered.Subject, rendered.Html, rendered.Text)
        {
            ToName = toName,
            Attachments = attachments ?? [],
            Template = template,
            Culture = lang,
        });
    }

    public async Task<int> ForgetAsync(IReadOnlyCollection<string> references, CancellationToken ct = default)
    {
        // Rows queued in this context but not yet saved go too.
        foreach (var entry in db.ChangeTracker.Entries<OutboxMail>()
                     .Where(e => e.State == EntityState.Added && e.Entity.Reference is { } r && references.Contains(r)).ToList())
            entry.State = EntityState.Detached;
        var deleted = 0;
        foreach (var chunk in references.Distinct().Chunk(500))
        {
            var rows = db.Set<OutboxMail>().Where(m => m.Reference != null && chunk.Contains(m.Reference) && m.Status != OutboxStatus.Sending);
            foreach (var id in await rows.Select(m => m.MessageId).ToListAsync(ct)) transport.Forget(id);
            deleted += await rows.ExecuteDeleteAsync(ct);
        }
        return deleted;
    }

    string FromName(Site current, string culture) => current.DisplayName(culture) is { Length: > 0 } name ? name : smtp.Value.FromName;

    /// <summary>Unique and fixed for the row's life, on the sender's domain as RFC 5322 recommends.</summary>
    static string NewMessageId(string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "outreach.local";
        return $"{Guid.CreateVersion7():N}@{domain}";
    }

    internal static IReadOnlyList<MailAttachment> Attachments(OutboxMail row) =>
        row.AttachmentsJson is null ? [] : JsonSerializer.Deserialize<List<MailAttachment>>(row.AttachmentsJson, AttachmentJson) ?? [];
}
