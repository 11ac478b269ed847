using System.Collections.Concurrent;

namespace Outreach.Registration;

/// <summary>
/// Which options this node recently saw sold out, so that the flood of requests after the last seat is answered
/// "full" from memory, without reading the database. Memory only ever says "full", never "there is a seat": a seat
/// is promised by the conditional UPDATE alone. A mark is the database's answer of a moment ago; it is dropped when
/// this node frees a seat of its quota or changes its capacity, and after <see cref="Lifetime"/> in any case, so seats
/// freed on another node are offered again within that time.
/// </summary>
public sealed class SeatAvailability
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    readonly ConcurrentDictionary<int, (int QuotaId, long Until)> _full = new(); // option id → its quota, until when

    public bool IsFull(int optionId) =>
        _full.TryGetValue(optionId, out var mark) && Environment.TickCount64 < mark.Until;

    /// <summary>The database just refused a seat of this option (a read or the conditional UPDATE).</summary>
    public void MarkFull(int optionId, int quotaId) =>
        _full[optionId] = (quotaId, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);

    /// <summary>Seats of the quota were freed or its capacity changed (after the commit).</summary>
    public void Released(int quotaId)
    {
        foreach (var (optionId, mark) in _full)
            if (mark.QuotaId == quotaId) _full.TryRemove(optionId, out _);
    }
}
