using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Search.Indexing;
using Outreach.Search.Tests.Infrastructure;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests;

/// <summary>
/// Two nodes on one PostgreSQL database, each with its own Lucene index in its own data directory, fed by the shared
/// change log. Node B is stopped and started again on the same data directory and node id (a restart).
/// </summary>
public sealed class ClusterCatchUpTests : IAsyncLifetime
{
    string _connection = "";
    string _dataB = "";
    SearchFactory _a = null!;

    public async ValueTask InitializeAsync()
    {
        _connection = RequiredServices.Postgres();
        _a = Node(owner: true, "node-a", Directory.CreateTempSubdirectory("outreach-node-a-").FullName);
        _ = _a.Server;
        _dataB = Directory.CreateTempSubdirectory("outreach-node-b-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        try { Directory.Delete(_dataB, recursive: true); } catch (IOException) { }
    }

    SearchFactory Node(bool owner, string id, string dataDir) => owner
        ? new SearchFactory { PostgresConnection = _connection, DataDir = dataDir, Settings = { ["Outreach:Cluster:NodeId"] = id } }
        : new SearchFactory
        {
            DataDir = dataDir, KeepDataDir = true,
            Settings = { ["Outreach:Database:Provider"] = "Postgres", ["ConnectionStrings:Outreach"] = _connection, ["Outreach:Cluster:NodeId"] = id },
        };

    Task PublishOnAAsync(params string[] titles) =>
        _a.Services.GetRequiredService<RecipeRunner>().RunAsync(JsonSerializer.Serialize(new
        {
            site = new { name = "pulse", displayName = "科普脉搏", prefix = "pulse", modules = new[] { "Pages", "Search" } },
            steps = new object[] { new { step = "news", items = titles.Select((t, i) => new { slug = "n-" + Math.Abs(t.GetHashCode()), title = t, body = $"<p>{t}</p>" }) } },
        }), "pulse.recipe.json");

    static async Task<bool> FindsAsync(SearchFactory node, string q, string title) =>
        (await node.CreateClient().SearchAsync("/pulse", q)).Hits.Any(h => h.Title == title);

    long CheckpointOf(string node) => _a.WithSiteAsync(null, db => db.Set<SearchNodeCheckpoint>().Where(c => c.NodeId == node).Select(c => c.Position).SingleAsync()).GetAwaiter().GetResult();

    [Fact]
    public async Task A_restarted_node_catches_up_from_the_change_log_before_it_says_ready_and_the_log_is_trimmed_only_behind_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await PublishOnAAsync("韶关丹霞山地质科普讲座");
        await _a.CaughtUpAsync();

        // Node B starts, builds its index and finds what node A published; a publish on A reaches B through the log.
        var b = Node(owner: false, "node-b", _dataB);
        _ = b.Server;
        await Poll.UntilAsync(() => FindsAsync(b, "丹霞山", "韶关丹霞山地质科普讲座"), "node B's first index", 90);
        await PublishOnAAsync("韶关丹霞山地质科普讲座", "湛江红树林湿地观鸟活动");
        await Poll.UntilAsync(() => FindsAsync(b, "红树林", "湛江红树林湿地观鸟活动"), "a publish on node A searchable on node B", 5);
        await Poll.UntilAsync(() => Task.FromResult(CheckpointOf("node-b") > 0), "node B's checkpoint", 15);
        await b.DisposeAsync(); // node B stops; its index stays in its data directory

        // While B is down: A publishes more, and the log is trimmed — but never past B's checkpoint.
        await PublishOnAAsync("韶关丹霞山地质科普讲座", "湛江红树林湿地观鸟活动", "肇庆七星岩溶洞探秘");
        await _a.CaughtUpAsync();
        var bPosition = CheckpointOf("node-b");
        await Task.Delay(1500, ct); // A's position settles (1 s in tests)
        await _a.Services.GetRequiredService<SearchCheckpoints>().TrimAsync(ct);
        var left = await _a.WithSiteAsync(null, db => db.SearchChanges.CountAsync(c => c.Id > bPosition, ct));
        Assert.True(left > 0, "the changes node B has not applied are still in the log");
        Assert.Equal(0, await _a.WithSiteAsync(null, db => db.SearchChanges.CountAsync(c => c.Id <= bPosition, ct)));

        // B starts again on the same folder: not ready until caught up; once ready it finds the news at once.
        var again = Node(owner: false, "node-b", _dataB);
        try
        {
            var client = again.CreateClient();
            await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK, "node B ready", 90);
            Assert.True(await FindsAsync(again, "七星岩", "肇庆七星岩溶洞探秘"), "published while node B was down, searchable as soon as B is ready");

            // Once both have applied everything, the log can be emptied.
            await Task.Delay(1500, ct);
            await Poll.UntilAsync(async () =>
            {
                await _a.Services.GetRequiredService<SearchCheckpoints>().TrimAsync(ct);
                return await _a.WithSiteAsync(null, db => db.SearchChanges.CountAsync(ct)) == 0;
            }, "the log trimmed once both nodes applied it", 20);
            Assert.True(await FindsAsync(again, "红树林", "湛江红树林湿地观鸟活动"));
        }
        finally { await again.DisposeAsync(); }
    }
}
