using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Cluster;
using Outreach.Core.Data;

namespace Outreach.Core.Sites;

/// <summary>
/// The list of sites, read from the database and kept until a change to any site is signalled on the cluster bus
/// (<see cref="Signal"/>): the node that changes a site calls <see cref="Invalidate"/>, every node drops its copy
/// within a second, and the bus's periodic refresh heals a missed notification.
/// </summary>
public sealed class SiteCatalog
{
    /// <summary>The cluster signal for "a site changed".</summary>
    public const string Signal = "sites";

    readonly IServiceScopeFactory _scopes;
    readonly IClusterBus _bus;
    readonly SemaphoreSlim _gate = new(1, 1);
    volatile IReadOnlyList<Site>? _sites;
    long _version; // bumped by every invalidation, so a load that raced one is not kept

    public SiteCatalog(IServiceScopeFactory scopes, IClusterBus bus)
    {
        _scopes = scopes;
        _bus = bus;
        bus.Subscribe(Signal, (_, _) => { Drop(); return Task.CompletedTask; });
    }

    public async Task<IReadOnlyList<Site>> AllAsync(CancellationToken ct = default)
    {
        if (_sites is { } cached) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_sites is { } again) return again;
            var version = Interlocked.Read(ref _version);
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
            if (Interlocked.Read(ref _version) == version) _sites = sites;
            return sites;
        }
        finally { _gate.Release(); }
    }

    /// <summary>A site was changed and committed here: drop this node's copy now and tell the other nodes.</summary>
    public void Invalidate()
    {
        Drop();
        _ = _bus.PublishAsync(Signal); // never throws for the transport (logged); other nodes heal at their refresh
    }

    void Drop()
    {
        Interlocked.Increment(ref _version);
        _sites = null;
    }

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
