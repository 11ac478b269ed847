using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Cluster;
using Outreach.Core.Data;
using Quartz;

namespace Outreach.Search.Indexing;

/// <summary>
/// How far one node's index has applied the change log (its saved, settled position). The log is trimmed up to the
/// lowest position of the nodes seen recently, so no live node loses a change it has not applied.
/// </summary>
public sealed class SearchNodeCheckpoint
{
    public const int NodeIdLength = 64;

    public string NodeId { get; set; } = "";
    public long Position { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>Reads and writes the per-node checkpoints and trims the change log behind the slowest live node.</summary>
public sealed class SearchCheckpoints(IServiceScopeFactory scopes, Core.Cluster.ClusterNode node, TimeProvider clock, ILogger<SearchCheckpoints> logger)
{
    /// <summary>A node not seen for this long no longer holds the log back; when it returns it rebuilds its index.</summary>
    public static readonly TimeSpan NodeExpiry = TimeSpan.FromDays(2);

    public string NodeId => node.Id;

    /// <summary>This node's checkpoint, or null when the cluster has none (a new node, or one that expired).</summary>
    public async Task<long?> FindAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        return await db.Set<SearchNodeCheckpoint>().Where(c => c.NodeId == node.Id).Select(c => (long?)c.Position).FirstOrDefaultAsync(ct);
    }

    /// <summary>Records this node's position (insert or update; a concurrent insert by the same node id is retried as an update).</summary>
    public async Task SaveAsync(long position, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var now = clock.GetUtcNow();
        var set = db.Set<SearchNodeCheckpoint>();
        if (await set.Where(c => c.NodeId == node.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, position).SetProperty(c => c.SeenAt, now), ct) > 0) return;
        set.Add(new SearchNodeCheckpoint { NodeId = node.Id, Position = position, SeenAt = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await set.Where(c => c.NodeId == node.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, position).SetProperty(c => c.SeenAt, now), ct);
        }
    }

    /// <summary>
    /// Deletes the changes every live node has applied and forgets nodes gone longer than <see cref="NodeExpiry"/>.
    /// Safe on several nodes at once (plain deletes by id bound). Returns the number of changes deleted.
    /// </summary>
    public async Task<int> TrimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var cutoff = clock.GetUtcNow() - NodeExpiry;
        var forgotten = await db.Set<SearchNodeCheckpoint>().Where(c => c.SeenAt < cutoff).ExecuteDeleteAsync(ct);
        if (forgotten > 0) logger.LogWarning("{Count} search nodes not seen for {Days} days no longer hold the change log back", forgotten, NodeExpiry.TotalDays);
        var lowest = await db.Set<SearchNodeCheckpoint>().MinAsync(c => (long?)c.Position, ct);
        if (lowest is not long upTo || upTo <= 0) return 0;
        var deleted = await db.SearchChanges.Where(c => c.Id <= upTo).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("Search change log trimmed: {Count} changes up to {Id} applied by every node", deleted, upTo);
        return deleted;
    }
}

/// <summary>Every 5 minutes: trims the search change log behind the slowest live node.</summary>
[DisallowConcurrentExecution]
public sealed class TrimSearchChangesJob(SearchCheckpoints checkpoints) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已清理 {await checkpoints.TrimAsync(cancellationToken)} 条索引变更 / changes trimmed";
}

/// <summary>Not ready until this node's index exists and has applied the whole change log once since start.</summary>
public sealed class SearchReadiness : IReadinessCheck
{
    volatile bool _ready;
    public string Name => "search";
    public bool IsReady => _ready;
    public void CaughtUp() => _ready = true;
}
