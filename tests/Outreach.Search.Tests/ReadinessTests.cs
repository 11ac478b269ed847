using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Core.Recipes;
using Outreach.Search.Tests.Infrastructure;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests;

/// <summary>
/// <c>/health/ready</c> tells the load balancer to wait until this node's index has caught up after start, while
/// <c>/health</c> (liveness) already answers 200. To hold the index back for as long as the test needs, the change
/// log's table is locked in PostgreSQL while the node starts; releasing the lock lets it catch up.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_answers_503_until_the_index_has_caught_up_after_start_and_then_200()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = RequiredServices.Postgres();
        // Node A creates the database (and drops it when disposed, so it lives to the end) and publishes an item.
        await using var a = new SearchFactory { PostgresConnection = connection, Settings = { ["Outreach:Cluster:NodeId"] = "ready-a" } };
        {
            _ = a.Server;
            await a.Services.GetRequiredService<RecipeRunner>().RunAsync(JsonSerializer.Serialize(new
            {
                site = new { name = "ready", displayName = "就绪检查", prefix = "ready", modules = new[] { "Pages", "Search" } },
                steps = new object[] { new { step = "news", items = new[] { new { slug = "tide", title = "潮汐能发电科普讲座", body = "<p>潮汐能。</p>" } } } },
            }), "ready.recipe.json");
            await a.CaughtUpAsync();
        }

        await using var locker = new NpgsqlConnection(connection);
        await locker.OpenAsync(ct);
        var lockTx = await locker.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("LOCK TABLE \"SearchChanges\" IN ACCESS EXCLUSIVE MODE", locker, lockTx))
            await command.ExecuteNonQueryAsync(ct);

        var dataDir = Directory.CreateTempSubdirectory("outreach-ready-b-").FullName;
        // Node B: same database (not its owner), its own data directory, so it has no index yet.
        await using var b = new SearchFactory
        {
            DataDir = dataDir,
            Settings = { ["Outreach:Database:Provider"] = "Postgres", ["ConnectionStrings:Outreach"] = connection, ["Outreach:Cluster:NodeId"] = "ready-b" },
        };
        try
        {
            await Task.Run(() => _ = b.Server, ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
            var client = b.CreateClient();
            // Held back: for at least two seconds and five polls, ready says 503 and names the search index; liveness is fine.
            var until = DateTime.UtcNow.AddSeconds(2);
            var polls = 0;
            while (polls < 5 || DateTime.UtcNow < until)
            {
                var ready = await client.GetAsync("/health/ready", ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Contains("search", await ready.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
                polls++;
                await Task.Delay(100, ct);
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", ct)).StatusCode);
            Assert.DoesNotContain((await client.SearchAsync("/ready", "潮汐能")).Hits, h => h.Title == "潮汐能发电科普讲座");
        }
        finally { await lockTx.RollbackAsync(ct); }

        // Released: it catches up, says ready, and by then finds what was published before it started.
        var after = b.CreateClient();
        await Poll.UntilAsync(async () => (await after.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK, "node ready after the lock", 60);
        Assert.Contains((await after.SearchAsync("/ready", "潮汐能")).Hits, h => h.Title == "潮汐能发电科普讲座");
    }
}
