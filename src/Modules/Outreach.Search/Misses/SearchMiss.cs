using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;

namespace Outreach.Search.Misses;

/// <summary>
/// A query that found nothing on a site, counted: what site admins read to add synonyms. The query text only —
/// no visitor, address or time of a single search.
/// </summary>
[Outreach.Core.Caching.NotOnPublicPages]
public sealed class SearchMiss : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>As typed, trimmed, at most <see cref="SearchService.MaxQueryLength"/> characters.</summary>
    public string Query { get; set; } = "";

    public int Count { get; set; }
    public DateTimeOffset FirstAt { get; set; }
    public DateTimeOffset LastAt { get; set; }
}

/// <summary>Counts searches that found nothing, one row per site and query.</summary>
public sealed partial class SearchMissLog(OutreachDbContext db, TimeProvider clock, ILogger<SearchMissLog> logger)
{
    /// <summary>Adds one to the query's count on the current site (a counter, bumped by one conditional update).</summary>
    public async Task RecordAsync(string text, CancellationToken ct)
    {
        var query = text.Trim();
        if (query.Length > SearchService.MaxQueryLength) query = query[..SearchService.MaxQueryLength];
        // People paste phone numbers, ID numbers and e-mail addresses into search boxes; those stay unrecorded.
        if (query.Length == 0 || LooksPersonal().IsMatch(query)) return;
        var now = clock.GetUtcNow();
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var counted = await db.Set<SearchMiss>().Where(m => m.Query == query)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Count, m => m.Count + 1).SetProperty(m => m.LastAt, now), ct);
                if (counted > 0) return;
                db.Add(new SearchMiss { Query = query, Count = 1, FirstAt = now, LastAt = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException)
                {
                    // Another request inserted the same query first (unique index): count on its row.
                    db.ChangeTracker.Clear();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Bookkeeping must never fail a search.
            logger.LogWarning(ex, "A search without results was not counted");
        }
    }

    [GeneratedRegex(@"\d{6,}|@|\d{3}[\s-]?\d{4}[\s-]?\d{4}")]
    private static partial Regex LooksPersonal();
}
