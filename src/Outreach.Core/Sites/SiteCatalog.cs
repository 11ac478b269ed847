using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;

namespace Outreach.Core.Sites;

/// <summary>
/// The list of sites, read from the database and cached briefly. Every node refreshes on its own
/// (short lifetime), and a node that changes a site refreshes at once.
/// </summary>
public sealed class SiteCatalog(IServiceScopeFactory scopes, TimeProvider clock)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    readonly SemaphoreSlim _gate = new(1, 1);
    volatile Snapshot? _snapshot;

    sealed record Snapshot(IReadOnlyList<Site> Sites, DateTimeOffset LoadedAt);

    public async Task<IReadOnlyList<Site>> AllAsync(CancellationToken ct = default)
    {
        var snap = _snapshot;
        if (snap is not null && clock.GetUtcNow() - snap.LoadedAt < Lifetime) return snap.Sites;
        await _gate.WaitAsync(ct);
        try
        {
            snap = _snapshot;
            if (snap is not null && clock.GetUtcNow() - snap.LoadedAt < Lifetime) return snap.Sites;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
            _snapshot = new Snapshot(sites, clock.GetUtcNow());
            return sites;
        }
        finally { _gate.Release(); }
    }

    public void Invalidate() => _snapshot = null;

    public async Task<Site?> FindAsync(string name, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Host header first, then the first path segment, else the portal (the site whose prefix is empty).</summary>
    public async Task<(Site Site, string Prefix)?> ResolveAsync(string host, string path, CancellationToken ct = default)
    {
        var sites = await AllAsync(ct);
        host = host.ToLowerInvariant();
        var byHost = sites.FirstOrDefault(s => s.HostList.Contains(host));
        if (byHost is not null) return (byHost, "");

        var segment = FirstSegment(path);
        if (segment.Length > 0)
        {
            var byPrefix = sites.FirstOrDefault(s => !string.IsNullOrEmpty(s.Prefix) && string.Equals(s.Prefix, segment, StringComparison.OrdinalIgnoreCase));
            if (byPrefix is not null) return (byPrefix, byPrefix.PathBase);
        }
        var portal = sites.FirstOrDefault(s => s.Prefix == "");
        return portal is null ? null : (portal, "");
    }

    static string FirstSegment(string path)
    {
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
