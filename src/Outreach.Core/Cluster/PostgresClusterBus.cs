using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Core.Cluster;

/// <summary>
/// The bus over PostgreSQL <c>LISTEN/NOTIFY</c> on the channel <see cref="Channel"/>. One dedicated connection per node
/// listens (application name <c>outreach-bus:&lt;node&gt;</c>); publishing is one <c>pg_notify</c> on a pooled
/// connection. Notifications sent while the listener was away are lost (PostgreSQL keeps none), so each (re)connect is
/// followed by a <see cref="ClusterSignal.Missed"/> refresh of every subscriber.
/// </summary>
public sealed class PostgresClusterBus : ClusterBus, IAsyncDisposable
{
    public const string Channel = "outreach_cluster";
    public const string ApplicationNamePrefix = "outreach-bus:";
    readonly string _listen;
    readonly NpgsqlDataSource _publish;

    /// <summary>True while the listener is connected; the count of (re)connections so far.</summary>
    public bool Listening { get; private set; }
    public int Connections { get; private set; }

    public PostgresClusterBus(ClusterNode node, IOptions<ClusterOptions> options, IConfiguration configuration, TimeProvider clock, ILogger<PostgresClusterBus> logger)
        : base(node, options, clock, logger)
    {
        var connection = configuration.GetConnectionString("Outreach") is { Length: > 0 } configured ? configured
            : throw new InvalidOperationException("ConnectionStrings:Outreach is empty: Outreach:Database:Provider=Postgres needs it.");
        _listen = new NpgsqlConnectionStringBuilder(connection)
        {
            ApplicationName = ApplicationNamePrefix + node.Id,
            Pooling = false,
            KeepAlive = 10, // a silently dropped connection is noticed within seconds, then healed by the reconnect refresh
        }.ConnectionString;
        _publish = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 4 }.ConnectionString);
    }

    sealed record Wire(string N, string? K, string O);

    protected override async Task SendAsync(string name, string? key, CancellationToken ct)
    {
        var payload = JsonSerializer.Serialize(new Wire(name, key, NodeId));
        try
        {
            await using var command = _publish.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", payload);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The change is committed; other nodes catch up at their periodic refresh.
            Logger.LogWarning("Cluster signal {Name} not sent to other nodes: {Error}", name, ex.Message);
        }
    }

    protected override async Task TransportAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listen);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                Connections++;
                backoff = TimeSpan.FromMilliseconds(200);
                // Whatever was published before this LISTEN (start-up, or while disconnected) may be unknown here.
                RefreshAll();
                if (Connections > 1) Logger.LogInformation("Cluster bus listening again on node {Node}; subscribers refreshed", NodeId);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                Listening = false;
                Logger.LogWarning("Cluster bus listener lost on node {Node}, reconnecting in {Delay} ms: {Error}", NodeId, backoff.TotalMilliseconds, ex.Message);
                try { await Task.Delay(backoff, stoppingToken); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
            }
        }
    }

    void OnNotification(string payload)
    {
        Wire? wire;
        try { wire = JsonSerializer.Deserialize<Wire>(payload); }
        catch (JsonException) { return; }
        if (wire is null || string.IsNullOrEmpty(wire.N) || wire.O == NodeId) return; // our own: delivered at publish
        Deliver(new ClusterSignal(wire.N, wire.K, wire.O));
    }

    public async ValueTask DisposeAsync() => await _publish.DisposeAsync();
}
