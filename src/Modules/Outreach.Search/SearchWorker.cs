using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Search.Indexing;

namespace Outreach.Search;

/// <summary>
/// Keeps this node's index in step with the change log. A node without an index, or one the cluster does not know
/// (new, or gone so long that the log was trimmed past it), builds one first. It polls for other nodes' changes and
/// is woken at once by a change committed on any node (<see cref="SearchSignal"/>). After the first full catch-up
/// since start it reports ready (<c>/health/ready</c>); it records its position for the log's trim as it moves.
/// </summary>
public sealed class SearchWorker(SearchIndex index, SearchSignal signal, SearchCheckpoints checkpoints, SearchReadiness readiness,
    IOptions<SearchOptions> options, ILogger<SearchWorker> logger) : BackgroundService
{
    static readonly TimeSpan CheckpointEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        index.Settle = TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds);
        await Task.Run(Analysis.ChineseFolding.Warm, stoppingToken); // ICU's tables load before the first query needs them
        var known = false;
        long saved = -1;
        var savedAt = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!known)
                {
                    // Hold the log back from the trim before anything else, then decide whether the index can replay.
                    var checkpoint = await checkpoints.FindAsync(stoppingToken);
                    await checkpoints.SaveAsync(checkpoint is null ? 0 : Math.Min(checkpoint.Value, index.Position), stoppingToken);
                    if (index.Exists && checkpoint is null && index.Position > 0)
                    {
                        logger.LogInformation("Search index of node {Node} is unknown to the cluster (the log may be trimmed past it): rebuilding", checkpoints.NodeId);
                        await index.RebuildAsync(stoppingToken);
                    }
                    known = true;
                }
                if (!index.Exists) await index.RebuildAsync(stoppingToken);
                while (await index.CatchUpAsync(stoppingToken)) { }
                readiness.CaughtUp();
                if (index.Position != saved || DateTime.UtcNow - savedAt > CheckpointEvery)
                {
                    await checkpoints.SaveAsync(index.Position, stoppingToken);
                    (saved, savedAt) = (index.Position, DateTime.UtcNow);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // E.g. the database is not migrated yet at start-up: try again on the next tick.
                logger.LogWarning(ex, "Search index update failed; retrying");
            }
            // Real time on purpose: the injected TimeProvider may be a test clock that never moves.
            try { await signal.WaitAsync(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
