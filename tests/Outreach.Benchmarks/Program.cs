// Outbox throughput into a local SMTP server and the cost of the scheduled-publish sweep.
// dotnet run -c Release --project tests/Outreach.Benchmarks [mails] [items]
// dotnet run -c Release --project tests/Outreach.Benchmarks search [documents] [queries]   (see SearchBenchmarks)
// dotnet run -c Release --project tests/Outreach.Benchmarks rush [sqlite|postgres|both] [requests] [workers] [seats]   (see RushBenchmarks)
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Content;
using Outreach.Core.Mail;
using Outreach.Mail.Tests;
using Outreach.Pages;

namespace Outreach.Benchmarks;

/// <summary>Not a timed test: prints figures for docs/benchmarks-mail.md.</summary>
public static class MailBenchmarks
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the web project's content root by itself only in test projects.
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Outreach.sln"))) repo = repo.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_OUTREACH_WEB",
            Path.Combine(repo?.FullName ?? ".", "src", "Outreach.Web"));
        if (args.Length > 0 && args[0] == "rush") return await RushBenchmarks.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "search") await SearchBenchmarks.RunAsync(args[1..]);
        else await RunAsync(args);
        return 0;
    }

    static async Task RunAsync(string[] args)
    {
        var mails = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite");

        await using var smtp = await SmtpSink.StartAsync();
        await RawSmtpAsync(smtp, 200);
        await OutboxAsync(smtp, mails, batchSize: 50, "one connection per 50 mails");
        await OutboxAsync(smtp, Math.Max(1, mails / 5), batchSize: 1, "a new connection per mail");
        await OutboxAsync(null, mails, batchSize: 50, "pickup folder, no network: the outbox's own cost");
        await PublishSweepAsync(items);
    }

    static async Task OutboxAsync(SmtpSink? sink, int count, int batchSize, string label)
    {
        var dir = OutreachApp.NewDataDir();
        try
        {
            await using var app = new OutreachApp(dir, sink?.Port, new FakeTimeProvider(DateTimeOffset.UtcNow), batchSize: batchSize);
            var site = await app.CreateSiteAsync();
            var queued = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) // one transaction per mail, as a registration would write it
                await app.QueueTestMailAsync(site, $"reader{i}@example.org");
            queued.Stop();
            var before = sink?.Messages.Count ?? 0;
            var sent = Stopwatch.StartNew();
            var total = 0;
            for (var run = 0; run < 100 && total < count; run++) total += (await app.DeliverAsync()).Sent; // a run is bounded to 100 batches
            sent.Stop();
            if (total != count || (sink is not null && sink.Messages.Count - before != count)) throw new InvalidOperationException($"sent {total} of {count}");
            Console.WriteLine($"outbox ({label}): {count} mails queued in {queued.Elapsed.TotalSeconds:0.00} s ({count / queued.Elapsed.TotalSeconds:0} mails/s rendered+queued), " +
                              $"delivered in {sent.Elapsed.TotalSeconds:0.00} s = {count / sent.Elapsed.TotalSeconds:0} mails/s");
        }
        finally { OutreachApp.DeleteDataDir(dir); }
    }

    /// <summary>The floor: MailKit straight into the same server over one connection, no database.</summary>
    static async Task RawSmtpAsync(SmtpSink sink, int count)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient();
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, sink.Port);
        await client.ConnectAsync(socket, "127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var message = new MimeKit.MimeMessage { Subject = "raw " + i };
            message.From.Add(new MimeKit.MailboxAddress("岭南科普", "noreply@kepu.example"));
            message.To.Add(new MimeKit.MailboxAddress("", $"raw{i}@example.org"));
            message.Body = new MimeKit.TextPart("plain") { Text = "测试" };
            await client.SendAsync(message);
        }
        watch.Stop();
        await client.DisconnectAsync(true);
        Console.WriteLine($"raw MailKit → SmtpServer, one connection, no database: {count} mails in {watch.Elapsed.TotalSeconds:0.00} s = {count / watch.Elapsed.TotalSeconds:0} mails/s");
    }

    static async Task PublishSweepAsync(int count)
    {
        var dir = OutreachApp.NewDataDir();
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var app = new OutreachApp(dir, smtpPort: null, clock);
            var site = await app.CreateSiteAsync();
            for (var done = 0; done < count; done += 1000)
                await app.InSiteAsync(site, sp =>
                {
                    var editor = sp.GetRequiredService<ContentEditor>();
                    for (var i = done; i < Math.Min(count, done + 1000); i++)
                        ContentSeeds.Scheduled<NewsItem>(editor, $"news {i}", clock.GetUtcNow().AddMinutes(1));
                    return Task.FromResult(0);
                });
            var idle = Stopwatch.StartNew();
            var none = await app.PublishDueAsync();
            idle.Stop();
            clock.Advance(TimeSpan.FromMinutes(1));
            var sweep = Stopwatch.StartNew();
            var published = await app.PublishDueAsync();
            sweep.Stop();
            if (none != 0 || published != count) throw new InvalidOperationException($"published {published} of {count}");
            Console.WriteLine($"publish sweep: {count} due items published (with version records) in {sweep.Elapsed.TotalSeconds:0.00} s = {count / sweep.Elapsed.TotalSeconds:0} items/s; " +
                              $"a sweep with {count} scheduled but none due: {idle.Elapsed.TotalMilliseconds:0} ms");
        }
        finally { OutreachApp.DeleteDataDir(dir); }
    }
}
