using Outreach.Core.Data;

namespace Outreach.Core.Mail;

public enum OutboxStatus
{
    /// <summary>待发送: waiting for its next attempt.</summary>
    Pending = 0,
    /// <summary>发送中: claimed by one node under a lease.</summary>
    Sending = 1,
    /// <summary>已发送: accepted by the SMTP server (or written to the pickup folder).</summary>
    Sent = 2,
    /// <summary>发送失败: refused permanently or out of attempts.</summary>
    Failed = 3,
    /// <summary>
    /// 状态不明: handed to SMTP, then the node died before it heard the answer. Not resent automatically,
    /// because the server may already have accepted it; an administrator decides on the admin page /admin/mail ("重新发送").
    /// </summary>
    Uncertain = 4,
    /// <summary>
    /// 待生成: queued inside the transaction that caused it with only what is needed to render it
    /// (<see cref="OutboxMail.RenderData"/>, <see cref="OutboxMail.Reference"/>); rendered right after the commit,
    /// or by the delivery run once <see cref="OutboxMail.NextAttemptAt"/> has passed (the node stopped, or rendering failed).
    /// </summary>
    Unrendered = 5,
}

/// <summary>
/// One mail in the outbox. Written in the same SaveChanges as the change that causes it, delivered later
/// by <see cref="OutboxDelivery"/>. Its content is fixed once rendered (at enqueue, or just after the commit for
/// <see cref="OutboxStatus.Unrendered"/> rows), so a retry sends the same bytes under the same Message-ID.
/// </summary>
public sealed class OutboxMail : ISiteOwned
{
    public long Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Stable Message-ID (without angle brackets), chosen at enqueue and reused by every attempt.</summary>
    public string MessageId { get; set; } = "";

    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";

    /// <summary>Sender display name: the site's name in the mail's language.</summary>
    public string FromName { get; set; } = "";

    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>JSON array of <see cref="MailAttachment"/> (content as base64); null when there are none.</summary>
    public string? AttachmentsJson { get; set; }

    /// <summary>The template it was rendered from ("test", "registration-confirmed"), for the admin list.</summary>
    public string Template { get; set; } = "";
    public string Culture { get; set; } = "zh-CN";

    /// <summary>
    /// What the mail is about, e.g. <c>registration:123</c>: when that record's personal data is deleted, its
    /// mails go too (<see cref="IMailOutbox.ForgetAsync"/>). Null for mails about nobody in particular.
    /// </summary>
    public string? Reference { get; set; }

    /// <summary>
    /// For an <see cref="OutboxStatus.Unrendered"/> row: the module's own note of what to render (e.g. the mail's kind),
    /// read by the <see cref="IMailRenderer"/> of <see cref="Template"/>; null once rendered.
    /// </summary>
    public string? RenderData { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The delivery run that holds the row; conditional updates check it so a lost lease never sends.</summary>
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Set just before the message is handed to SMTP; tells a crashed hand-over from one that never began.</summary>
    public DateTimeOffset? HandedOverAt { get; set; }

    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>A file sent with a mail: an .ics invitation, a PNG ticket code.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
