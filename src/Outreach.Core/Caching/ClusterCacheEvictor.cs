using System.Collections.Concurrent;
using Outreach.Core.Cluster;

namespace Outreach.Core.Caching;

/// <summary>
/// Carries every eviction to the other nodes through the cluster bus (PostgreSQL LISTEN/NOTIFY), so a publish on one
/// node is visible on all of them at the next request. This node evicts at once; peers evict when the signal arrives,
/// and evict everything when the bus says a signal may have been missed (after a reconnect, and periodically).
/// </summary>
public sealed class ClusterCacheEvictor : ICacheEvictor
{
    /// <summary>The cluster signal for "drop cached pages with this tag".</summary>
    public const string Signal = "output-cache";

    readonly OutputCacheEvictor _local;
    readonly IClusterBus _bus;
    // tag → when a broadcast may next go out: seat floods send one signal per window, not one per seat.
    readonly ConcurrentDictionary<string, long> _nextBroadcast = new();

    public ClusterCacheEvictor(OutputCacheEvictor local, IClusterBus bus)
    {
        _local = local;
        _bus = bus;
        bus.Subscribe(Signal, async (signal, ct) =>
        {
            if (signal.Missed) await _local.EvictAsync(PageCacheTags.All, ct);
            else if (signal.Origin != _bus.NodeId && signal.Key is { } tag) _local.EvictSoon(tag);
        });
    }

    public long Generation => _local.Generation;

    public async ValueTask EvictAsync(string tag, CancellationToken ct = default)
    {
        await _local.EvictAsync(tag, ct);
        await _bus.PublishAsync(Signal, tag, ct);
    }

    public void EvictSoon(string tag)
    {
        _local.EvictSoon(tag);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var window = (long)(PageCacheTags.SeatsStaleness.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var next = _nextBroadcast.GetOrAdd(tag, 0);
        if (now < next || !_nextBroadcast.TryUpdate(tag, now + window, next)) return;
        // Peers apply EvictSoon themselves, which re-evicts at the end of their window: later seats are covered.
        _ = _bus.PublishAsync(Signal, tag);
    }
}
