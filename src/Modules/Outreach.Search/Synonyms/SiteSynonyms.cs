using System.Collections.Concurrent;
using Lucene.Net.Analysis.Synonym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;

namespace Outreach.Search.Synonyms;

/// <summary>A site's own synonym rules, added to the platform dictionary for searches made on that site.</summary>
public sealed class SiteSynonymList : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Rules in the format of <see cref="SynonymRules"/>, as the site admin wrote them.</summary>
    public string Rules { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The synonym map each search uses: the shipped platform dictionary plus the searching site's additions, built
/// with Lucene's <see cref="SynonymMap"/>. Applied at query time, so an edit needs no rebuild: the node that saves
/// it forgets its copy at once, other nodes after <see cref="Freshness"/>.
/// </summary>
public sealed class SynonymBook(SearchIndex index, IServiceScopeFactory scopes, ILogger<SynonymBook> logger)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    /// <summary>The shipped dictionary (embedded <c>synonyms.txt</c>).</summary>
    public static string PlatformRules { get; } = ReadPlatformRules();

    readonly Lazy<SynonymMap> _platform = new(() => SynonymRules.Build(index.Analyzer, PlatformRules));
    readonly ConcurrentDictionary<int, (DateTime LoadedAt, SynonymMap Map)> _sites = new();

    public SynonymMap Platform => _platform.Value;

    public async Task<SynonymMap> ForSiteAsync(int siteId, CancellationToken ct)
    {
        if (_sites.TryGetValue(siteId, out var cached) && DateTime.UtcNow - cached.LoadedAt < Freshness) return cached.Map;
        var map = Platform;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var rules = await db.Set<SiteSynonymList>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
                .Where(s => s.SiteId == siteId).Select(s => s.Rules).FirstOrDefaultAsync(ct);
            if (!string.IsNullOrWhiteSpace(rules))
            {
                // Saved lists were validated; one that no longer parses (a newer rule) falls back to the platform's.
                if (SynonymRules.Validate(rules, index.Analyzer) is { Count: > 0 } errors)
                    logger.LogWarning("Site {SiteId} synonyms ignored: {Errors}", siteId, string.Join("; ", errors));
                else map = SynonymRules.Build(index.Analyzer, PlatformRules, rules);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A busy database must not fail a search: the platform dictionary still applies.
            logger.LogWarning(ex, "Site {SiteId} synonyms not loaded", siteId);
            return map;
        }
        _sites[siteId] = (DateTime.UtcNow, map);
        return map;
    }

    /// <summary>After a site's list changed on this node.</summary>
    public void Forget(int siteId) => _sites.TryRemove(siteId, out _);

    static string ReadPlatformRules()
    {
        using var stream = typeof(SynonymBook).Assembly.GetManifestResourceStream("Outreach.Search.synonyms.txt")
            ?? throw new InvalidOperationException("synonyms.txt is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
