using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Outreach.Mail.Tests;

/// <summary>A real SMTP server on 127.0.0.1 (the SmtpServer library) that keeps what it receives; can go down and come back on the same port; refuses "refused…@" (550) and defers "busy…@" (451).</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    readonly ConcurrentQueue<MimeMessage> _messages = new();
    CancellationTokenSource? _stop;
    Task? _running;

    public SmtpSink(int? port = null) => Port = port ?? FreePort();

    public int Port { get; }
    public IReadOnlyList<MimeMessage> Messages => _messages.ToList();

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var sink = new SmtpSink(port);
        await sink.StartAsync();
        return sink;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        for (var i = 0; i < 100; i++) // until it accepts connections
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException("SMTP sink did not start");
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        try { await _running!; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _stop = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            // Like a real server: "refused…@" is refused for good (550), "busy…@" is asked to come back later (451).
            var to = transaction.To.Select(m => m.User).ToList();
            if (to.Any(u => u.StartsWith("refused", StringComparison.Ordinal))) return new SmtpResponse((SmtpReplyCode)550, "mailbox unavailable");
            if (to.Any(u => u.StartsWith("busy", StringComparison.Ordinal))) return new SmtpResponse((SmtpReplyCode)451, "try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
