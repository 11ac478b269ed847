using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;

namespace Outreach.Core.Caching;

/// <summary>
/// The one way to make cached public answers stale: every eviction of the output cache (and of the small
/// in-memory caches that hang off it, such as menus) goes through here. One node today; a cluster broadcasts
/// the same tags to its peers by decorating this service.
/// </summary>
public interface ICacheEvictor
{
    /// <summary>Drops every cached answer carrying <paramref name="tag"/> (see <see cref="PageCacheTags"/>) on this node.</summary>
    ValueTask EvictAsync(string tag, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="EvictAsync"/>, but at most once per <see cref="PageCacheTags.SeatsStaleness"/> per tag: for changes
    /// that come in floods (seats taken during a rush), where a page may show a count a moment old.
    /// </summary>
    void EvictSoon(string tag);

    /// <summary>Bumped by every eviction: in-memory caches keyed on it refresh after any change.</summary>
    long Generation { get; }
}

/// <summary>The tags cached answers carry.</summary>
public static class PageCacheTags
{
    /// <summary>Every cached answer of every site: content changes evict it (a portal or campaign page shows other sites' items).</summary>
    public const string All = "pages";

    /// <summary>Every cached answer of one site: its seat counts.</summary>
    public static string Site(int siteId) => "site:" + siteId;

    /// <summary>How old a seat count on a cached page may be.</summary>
    public static readonly TimeSpan SeatsStaleness = TimeSpan.FromMilliseconds(500);
}

/// <summary>The output cache of this process.</summary>
public sealed class OutputCacheEvictor(IOutputCacheStore store, ILogger<OutputCacheEvictor> logger) : ICacheEvictor
{
    long _generation;
    // tag → when its trailing eviction runs. Real time, not the app's clock: this is a throttle, not a business rule.
    readonly ConcurrentDictionary<string, long> _trailing = new();

    public long Generation => Interlocked.Read(ref _generation);

    public async ValueTask EvictAsync(string tag, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _generation);
        await store.EvictByTagAsync(tag, ct);
        Interlocked.Increment(ref _generation); // also after: a page rendered during the eviction does not keep an old menu
    }

    public void EvictSoon(string tag)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var due = now + (long)(PageCacheTags.SeatsStaleness.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            if (_trailing.TryGetValue(tag, out var trailing))
            {
                if (now < trailing) return; // the trailing eviction of the current window runs after this change
                if (!_trailing.TryUpdate(tag, due, trailing)) continue;
            }
            else if (!_trailing.TryAdd(tag, due)) continue;
            break;
        }
        // The first change in a quiet period evicts at once; the ones after it within the window are covered by the
        // eviction at the window's end, so what a page shows is never older than the window.
        _ = Task.Run(async () =>
        {
            try
            {
                await EvictAsync(tag);
                await Task.Delay(PageCacheTags.SeatsStaleness);
                await EvictAsync(tag);
            }
            catch (Exception e) { logger.LogWarning(e, "Evicting {Tag} from the page cache failed", tag); }
        });
    }
}
