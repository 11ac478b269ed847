using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Outreach.Core.Mail;

/// <summary>Where delivered mail goes: an SMTP server, or the pickup folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>
    /// True when handing the same message over twice leaves one copy (the pickup folder overwrites the file
    /// named after the Message-ID); then a hand-over interrupted by a crash can simply be retried.
    /// </summary>
    bool RepeatIsHarmless { get; }

    /// <summary>One connection, reused for a whole batch.</summary>
    Task<IMailConnection> OpenAsync(CancellationToken ct);

    /// <summary>Removes what this transport kept of a delivered message (the pickup file); an SMTP server keeps nothing of ours.</summary>
    void Forget(string messageId) { }
}

public interface IMailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public bool RepeatIsHarmless => false;

    public async Task<IMailConnection> OpenAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        try
        {
            var security = o.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(o.Host ?? "localhost", o.Port, security, ct);
            if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    sealed class Connection(SmtpClient client) : IMailConnection
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The batch is already recorded; a failed QUIT changes nothing.
            }
            client.Dispose();
        }
    }
}

/// <summary>Writes each message as <c>&lt;Message-ID&gt;.eml</c>: the embedded default, and what developers read.</summary>
public sealed class PickupMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public bool RepeatIsHarmless => true;

    public Task<IMailConnection> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailConnection>(new Connection(Folder));
    }

    public void Forget(string messageId)
    {
        var path = Path.Combine(Folder, FileName(messageId));
        try { File.Delete(path); }
        catch (IOException) { /* gone already, or being written: the purge job tries again */ }
    }

    public static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')) + ".eml";

    sealed class Connection(string folder) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var target = Path.Combine(folder, FileName(message.MessageId ?? Guid.NewGuid().ToString("N")));
            var temp = target + ".tmp";
            await message.WriteToAsync(temp, ct);
            File.Move(temp, target, overwrite: true); // readers never see half a file
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Builds the MIME message of an outbox row; the same row always gives the same headers.</summary>
public static class OutboxMessages
{
    public static MimeMessage Build(OutboxMail row, SmtpOptions options)
    {
        var message = new MimeMessage
        {
            MessageId = row.MessageId,
            Date = row.CreatedAt,
            Subject = row.Subject,
        };
        message.From.Add(new MailboxAddress(row.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        foreach (var a in MailOutbox.Attachments(row))
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
