using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Core.Cluster;
using Outreach.Core.Sites;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cluster;

/// <summary>
/// Two app nodes on one PostgreSQL database, each with its own cluster bus (LISTEN/NOTIFY) and its own site catalogue.
/// Node A owns the database (drops it at the end); node B only points at it. Other test projects derive from it with
/// their own recipe.
/// </summary>
public class TwoNodes : IAsyncLifetime
{
    /// <summary>The site both nodes serve (a recipe of the test project).</summary>
    protected virtual string Recipe => "alpha";

    public const int RefreshSeconds = 30;
    public OutreachFactory A { get; private set; } = null!;
    public OutreachFactory B { get; private set; } = null!;
    public string Connection { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Connection = RequiredServices.Postgres();
        A = new OutreachFactory { PostgresConnection = Connection, Settings = { ["Outreach:Cluster:NodeId"] = "node-a", ["Outreach:Cluster:RefreshSeconds"] = $"{RefreshSeconds}" } };
        _ = A.Server; // migrates
        await A.RunRecipeAsync(Recipe);
        B = new OutreachFactory
        {
            Settings =
            {
                ["Outreach:Database:Provider"] = "Postgres", ["ConnectionStrings:Outreach"] = Connection,
                ["Outreach:Cluster:NodeId"] = "node-b", ["Outreach:Cluster:RefreshSeconds"] = $"{RefreshSeconds}",
            },
        };
        _ = B.Server;
        await Poll.Until(() => ((PostgresClusterBus)A.Services.GetRequiredService<IClusterBus>()).Listening
                               && ((PostgresClusterBus)B.Services.GetRequiredService<IClusterBus>()).Listening, "both listeners", 30);
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }
}

public sealed class ClusterBusTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    SiteCatalog CatalogOf(OutreachFactory node) => node.Services.GetRequiredService<SiteCatalog>();

    async Task<string> NameOn(OutreachFactory node) => (await CatalogOf(node).FindAsync("alpha"))!.DisplayNameZh;

    /// <summary>A change made behind the nodes' backs (another process, or while a listener was away): nothing is published.</summary>
    async Task RenameInDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(nodes.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE "Sites" SET "DisplayNameZh" = @name WHERE "Name" = 'alpha'""", connection);
        command.Parameters.AddWithValue("name", name);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_site_changed_on_one_node_is_seen_on_the_other_within_a_second()
    {
        await RenameInDatabaseAsync("阿尔法学会（旧）");
        CatalogOf(nodes.A).Invalidate();
        await Poll.Until(async () => await NameOn(nodes.B) == "阿尔法学会（旧）", "node B reloading after the first signal", 2);

        await RenameInDatabaseAsync("阿尔法科学传播学会");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CatalogOf(nodes.A).Invalidate(); // what the admin page and the recipe runner call after saving a site
        await Poll.Until(async () => await NameOn(nodes.B) == "阿尔法科学传播学会", "node B seeing the new name", 1);
        TestContext.Current.SendDiagnosticMessage($"site change seen on node B after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_notification_missed_while_the_listener_was_away_is_healed_when_it_reconnects()
    {
        var bus = (PostgresClusterBus)nodes.B.Services.GetRequiredService<IClusterBus>();
        _ = await NameOn(nodes.B); // cached
        var before = bus.Connections;

        // Node B's LISTEN connection dies; the change and its notification happen while it is away.
        await using (var admin = new NpgsqlConnection(nodes.Connection))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app", admin);
            kill.Parameters.AddWithValue("app", PostgresClusterBus.ApplicationNamePrefix + "node-b");
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }
        await RenameInDatabaseAsync("重连期间改名的学会");
        await nodes.A.Services.GetRequiredService<IClusterBus>().PublishAsync(SiteCatalog.Signal, ct: TestContext.Current.CancellationToken);

        await Poll.Until(() => bus.Connections > before && bus.Listening, "node B listening again", 15);
        await Poll.Until(async () => await NameOn(nodes.B) == "重连期间改名的学会", "node B refreshed after reconnecting", 2);
    }

    [Fact]
    public async Task A_limit_per_contact_holds_across_nodes()
    {
        var rule = new Outreach.Core.Accounts.ThrottleRule("test-contact", 3, TimeSpan.FromHours(1));
        var onA = nodes.A.Services.GetRequiredService<Outreach.Core.Accounts.AccountThrottle>();
        var onB = nodes.B.Services.GetRequiredService<Outreach.Core.Accounts.AccountThrottle>();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? onA : onB).TakeAsync(rule, "13800138000")));
        Assert.Equal(3, attempts.Count(wait => wait is null)); // 3 allowed in total, not 3 per node
        Assert.NotNull(await onA.RetryAfterAsync(rule, "13800138000"));
        Assert.Null(await onB.RetryAfterAsync(rule, "13800138001")); // another contact is not affected
    }

    [Fact]
    public async Task A_missed_notification_is_healed_by_the_periodic_refresh()
    {
        _ = await NameOn(nodes.B);
        await RenameInDatabaseAsync("从未通知的新名称");

        // Positive control: without a notification node B keeps its copy …
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.NotEqual("从未通知的新名称", await NameOn(nodes.B));

        // … until its refresh interval has passed on its clock.
        nodes.B.Clock.Advance(TimeSpan.FromSeconds(TwoNodes.RefreshSeconds + 1));
        await Poll.Until(async () => await NameOn(nodes.B) == "从未通知的新名称", "node B after its periodic refresh", 2);
    }
}

/// <summary>"Within N seconds": polls instead of sleeping a fixed time.</summary>
public static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, string what, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {seconds} s waiting for {what}");
            await Task.Delay(50);
        }
    }

    public static Task Until(Func<bool> condition, string what, double seconds) => Until(() => Task.FromResult(condition()), what, seconds);
}
