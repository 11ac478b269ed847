using System.ComponentModel.DataAnnotations;

namespace Outreach.Search;

/// <summary>Bound from <c>Outreach:Search</c>, checked at start.</summary>
public sealed class SearchOptions
{
    /// <summary>How often each node applies the change queue to its index.</summary>
    [Range(10, 3_600_000)] public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How old a change must be before the node's position moves past it (late commits are replayed).</summary>
    [Range(0, 3_600_000)] public int SettleMilliseconds { get; set; } = 5000;
}
