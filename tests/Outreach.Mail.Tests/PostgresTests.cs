using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Scheduling;
using Quartz;

namespace Outreach.Mail.Tests;

/// <summary>Services the CI provides; locally their tests skip unless OUTREACH_REQUIRE_SERVICES=1, where they fail (as in Outreach.Tests).</summary>
public static class TestServices
{
    public static string Postgres()
    {
        var connection = Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connection))
        {
            const string what = "PostgreSQL: set OUTREACH_TEST_POSTGRES to a connection string (without Database)";
            if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_SERVICES") == "1") Assert.Fail("Required in this run but missing: " + what);
            Assert.Skip("Not available here: " + what);
        }
        return connection.TrimEnd(';') + $";Database=outreach_test_{Guid.NewGuid():N}";
    }

    public static async Task DropAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var database = builder.Database!;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>The outbox and the Quartz ADO.NET job store (clustered) on PostgreSQL, against the real SMTP sink.</summary>
public sealed class PostgresTests : IAsyncLifetime
{
    readonly string _dataDir = OutreachApp.NewDataDir();
    string? _connection;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            try { await TestServices.DropAsync(_connection); } catch (NpgsqlException) { /* best effort */ }
        }
        OutreachApp.DeleteDataDir(_dataDir);
    }

    [Fact]
    public async Task Clustered_quartz_delivers_the_outbox_once_on_postgres()
    {
        _connection = TestServices.Postgres();
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartAsync();
        List<string> queued = [];
        await using (var app = new OutreachApp(_dataDir, smtp.Port, clock: null, scheduler: true) { PostgresConnection = _connection })
        {
            var site = await app.CreateSiteAsync();
            for (var i = 0; i < 5; i++) queued.Add((await app.QueueTestMailAsync(site, $"pg-{i}@example.org")).MessageId);

            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            var meta = await scheduler.GetMetadata(ct);
            Assert.True(meta.JobStorePersistent);
            Assert.True(meta.JobStoreClustered);
            Assert.NotEqual("NON_CLUSTERED", meta.SchedulerInstanceId); // each node needs its own id in a cluster

            await scheduler.TriggerJob(new JobKey(nameof(DeliverOutboxJob), ScheduledJob.Group), ct);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (smtp.Messages.Count < 5 && DateTime.UtcNow < deadline) await Task.Delay(100, ct);
            Assert.Equal(queued.Order(), smtp.Messages.Select(m => m.MessageId).Order());
            Assert.All(await app.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));

            // The jobs and this node's cluster check-in are rows in the application's PostgreSQL database.
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            Assert.True(db.Database.IsNpgsql());
            var jobs = await db.Database.SqlQueryRaw<string>("SELECT job_name AS \"Value\" FROM qrtz_job_details ORDER BY job_name").ToListAsync(ct);
            Assert.Equal(app.Services.GetServices<ScheduledJob>().Select(j => j.Key.Name).Order(StringComparer.Ordinal), jobs.Order(StringComparer.Ordinal));
            Assert.Contains(nameof(DeliverOutboxJob), jobs);
            var nodes = await db.Database.SqlQueryRaw<string>("SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state").ToListAsync(ct);
            Assert.Contains(meta.SchedulerInstanceId, nodes);
        }

        // Another node on the same database finds nothing left to send: no second copy.
        await using var second = new OutreachApp(_dataDir, smtp.Port, clock: null, scheduler: false) { PostgresConnection = _connection };
        Assert.Equal(0, (await second.DeliverAsync()).Sent);
        Assert.Equal(5, smtp.Messages.Count);
    }
}
