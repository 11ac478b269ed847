using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Outreach.Search;

/// <summary>
/// Keeps this node's index in step with the change queue. A node without an index builds one first. It polls
/// for other nodes' changes and is woken at once by this node's own (<see cref="SearchSignal"/>).
/// </summary>
public sealed class SearchWorker(SearchIndex index, SearchSignal signal, IOptions<SearchOptions> options, ILogger<SearchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        index.Settle = TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds);
        await Task.Run(Analysis.ChineseFolding.Warm, stoppingToken); // ICU's tables load before the first query needs them
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!index.Exists) await index.RebuildAsync(stoppingToken);
                while (await index.CatchUpAsync(stoppingToken)) { }
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
