using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Cluster;

/// <summary>
/// A named invalidation message. <see cref="Key"/> says what changed (a tag, an id), or is null for "anything under
/// this name". <see cref="Missed"/> is true when the bus could not promise delivery (after the listener reconnected,
/// and on the periodic fallback): the subscriber should then refresh everything it holds under <see cref="Name"/>.
/// </summary>
public sealed record ClusterSignal(string Name, string? Key, string Origin, bool Missed = false);

/// <summary>
/// Tells every node of the cluster (this one included) that something it may cache has changed. On PostgreSQL it is
/// <c>LISTEN/NOTIFY</c>; on SQLite (one node) it is in-process. Delivery is best effort and fast (well under 1 s);
/// what a node may have missed is healed by a <see cref="ClusterSignal.Missed"/> signal to every subscriber after a
/// reconnect and every <c>Outreach:Cluster:RefreshSeconds</c>. Publish after the change is committed.
/// </summary>
public interface IClusterBus
{
    /// <summary>This node's stable id (<see cref="ClusterOptions.NodeId"/>).</summary>
    string NodeId { get; }

    /// <summary>Sends <paramref name="name"/> (and an optional key, at most 200 characters) to every node, this one at once.</summary>
    Task PublishAsync(string name, string? key = null, CancellationToken ct = default);

    /// <summary>Calls <paramref name="handler"/> for every signal named <paramref name="name"/>, one at a time, in order of arrival.</summary>
    IDisposable Subscribe(string name, Func<ClusterSignal, CancellationToken, Task> handler);
}

/// <summary>Bound from <c>Outreach:Cluster</c>.</summary>
public sealed class ClusterOptions
{
    /// <summary>This node's name, stable across restarts (its search checkpoint is kept under it). Default: host name + a hash of the data directory.</summary>
    public string? NodeId { get; set; }

    /// <summary>Every subscriber refreshes this often whatever the notifications said (the fallback for a missed one).</summary>
    public int RefreshSeconds { get; set; } = 30;
}

/// <summary>
/// Delivery shared by both transports: a queue that runs handlers one at a time off the notifying thread, and the
/// periodic fallback refresh (on the app's clock, so a test can move time instead of waiting).
/// </summary>
public abstract class ClusterBus : BackgroundService, IClusterBus
{
    readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);
    readonly Channel<ClusterSignal> _inbox = Channel.CreateUnbounded<ClusterSignal>(new UnboundedChannelOptions { SingleReader = true });
    protected readonly ILogger Logger;
    protected readonly TimeProvider Clock;
    readonly TimeSpan _refresh;

    sealed record ImmutableHandlers(Func<ClusterSignal, CancellationToken, Task>[] Items);

    protected ClusterBus(ClusterNode node, IOptions<ClusterOptions> options, TimeProvider clock, ILogger logger)
    {
        NodeId = node.Id;
        Clock = clock;
        Logger = logger;
        _refresh = TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds));
    }

    public string NodeId { get; }

    public const int MaxKeyLength = 200;

    public async Task PublishAsync(string name, string? key = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 100 || key?.Length > MaxKeyLength) throw new ArgumentException("Cluster signal name ≤ 100 and key ≤ 200 characters.");
        Deliver(new ClusterSignal(name, key, NodeId)); // this node at once, whatever happens to the others
        await SendAsync(name, key, ct);
    }

    /// <summary>Sends to the other nodes; the in-process bus has none.</summary>
    protected abstract Task SendAsync(string name, string? key, CancellationToken ct);

    public IDisposable Subscribe(string name, Func<ClusterSignal, CancellationToken, Task> handler)
    {
        _handlers.AddOrUpdate(name, _ => new([handler]), (_, h) => new([.. h.Items, handler]));
        return new Subscription(() => _handlers.AddOrUpdate(name, _ => new([]), (_, h) => new(h.Items.Where(x => x != handler).ToArray())));
    }

    /// <summary>Queues a signal for this node's subscribers (from a notification, or from this node's own publish).</summary>
    protected void Deliver(ClusterSignal signal) => _inbox.Writer.TryWrite(signal);

    /// <summary>Asks every subscriber to refresh everything: a notification may have been missed.</summary>
    protected void RefreshAll()
    {
        foreach (var name in _handlers.Keys) Deliver(new ClusterSignal(name, null, NodeId, Missed: true));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DispatchAsync(stoppingToken), FallbackAsync(stoppingToken), TransportAsync(stoppingToken));

    /// <summary>The transport's own loop (listening); the in-process bus has nothing to listen to.</summary>
    protected virtual Task TransportAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var signal in _inbox.Reader.ReadAllAsync(ct))
            {
                if (!_handlers.TryGetValue(signal.Name, out var handlers)) continue;
                foreach (var handler in handlers.Items)
                {
                    try { await handler(signal, ct); }
                    catch (Exception ex) when (ex is not OperationCanceledException) { Logger.LogError(ex, "Cluster signal {Name} handler failed", signal.Name); }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task FallbackAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_refresh, Clock, ct);
                RefreshAll();
            }
        }
        catch (OperationCanceledException) { }
    }

    sealed class Subscription(Action dispose) : IDisposable
    {
        int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) dispose(); }
    }
}

/// <summary>One node (SQLite, or tests): signals go to this process only; the periodic refresh still runs.</summary>
public sealed class InProcessClusterBus(ClusterNode node, IOptions<ClusterOptions> options, TimeProvider clock, ILogger<InProcessClusterBus> logger)
    : ClusterBus(node, options, clock, logger)
{
    protected override Task SendAsync(string name, string? key, CancellationToken ct) => Task.CompletedTask;
}
