namespace Outreach.Core.Mail;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>Bound from <c>Outreach:Smtp</c>. With no <see cref="Host"/>, mails go to <c>&lt;DataDir&gt;/mail-pickup</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "noreply@outreach.local";

    /// <summary>Sender name when a mail has no site (the site's name is used otherwise).</summary>
    public string FromName { get; set; } = "科普活动平台";

    /// <summary>Mails sent over one connection before the next claim.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed batch is held; longer than a batch can take to send.</summary>
    public int LeaseSeconds { get; set; } = 300;

    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Days a sent (or failed) mail keeps its body, attachments and recipient name; then
    /// <see cref="OutboxRetention"/> blanks them and deletes its pickup file. The row stays as a record that a mail went.
    /// </summary>
    public int SentRetentionDays { get; set; } = 30;
    public int TimeoutSeconds { get; set; } = 30;
}
