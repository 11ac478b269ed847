using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Core.Cluster;
using Outreach.Core.Sites;

namespace Outreach.Core.Hosting;

/// <summary>
/// Renders each public site's home and one page of every kind its sitemap lists, once, right after start: a node's
/// first page of a kind pays for JIT, query compilation and template parsing (seconds on a loaded 2-core machine, which
/// the cluster drill saw as "published on node 1, visible on node 2 after 4 s"). Until it is done <c>/health/ready</c>
/// says "warm-up", so a balancer sends visitors only to a warm node. Only the real server (Kestrel) is warmed; a test
/// host has no listening address and is ready at once. Never longer than <see cref="Limit"/>.
/// </summary>
public sealed class NodeWarmUp(IServer server, IHostApplicationLifetime lifetime, SiteCatalog sites, SiteLinks links, ILogger<NodeWarmUp> logger)
    : BackgroundService, IReadinessCheck
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    const int PagesPerSite = 8;
    volatile bool _done;

    public string Name => "warm-up";
    public bool IsReady => _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = new TaskCompletionSource();
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            limit.CancelAfter(Limit);
            var watch = Stopwatch.StartNew();
            var count = await WarmAsync(Local(address), limit.Token);
            logger.LogInformation("Warm-up: {Count} pages rendered in {Ms} ms", count, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { logger.LogWarning("Warm-up stopped after {Limit}", Limit); }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogWarning(ex, "Warm-up failed; the node serves cold"); }
        finally { _done = true; }
    }

    /// <summary>Kestrel's address as a URL this process can call (http://+:80 → http://127.0.0.1:80).</summary>
    static Uri Local(string address) =>
        new(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));

    async Task<int> WarmAsync(Uri local, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Limit };
        var count = 0;
        foreach (var site in await sites.AllAsync(ct))
        {
            if (!site.IsPublic) continue;
            var home = new Uri(links.Absolute(site, "/"));
            await GetAsync(http, local, home, ct);
            count++;
            var sitemap = await GetAsync(http, local, new Uri(links.Absolute(site, "/sitemap.xml")), ct);
            if (sitemap is null) continue;
            // One URL of each shape (…/events/{slug}, …/news/{slug}, a campaign …): the first of a kind is the slow one.
            var shapes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var loc in XDocument.Parse(sitemap).Descendants().Where(e => e.Name.LocalName == "loc"))
            {
                if (!Uri.TryCreate(loc.Value.Trim(), UriKind.Absolute, out var url)) continue;
                var path = url.AbsolutePath.TrimEnd('/');
                var shape = path.Contains('/') ? path[..path.LastIndexOf('/')] : path;
                if (!shapes.Add(shape)) continue;
                await GetAsync(http, local, url, ct);
                if (++count > 0 && shapes.Count >= PagesPerSite) break;
            }
        }
        return count;
    }

    /// <summary>GETs <paramref name="url"/>'s path from this process, with its Host (host-only sites resolve by it).</summary>
    static async Task<string?> GetAsync(HttpClient http, Uri local, Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(local, url.PathAndQuery));
        request.Headers.Host = url.Authority;
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null;
        }
        catch (HttpRequestException) { return null; }
    }
}
