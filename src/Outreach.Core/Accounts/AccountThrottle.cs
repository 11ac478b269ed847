using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Accounts;

/// <summary>A limit: at most <paramref name="Limit"/> counted events per key in a fixed window.</summary>
public sealed record ThrottleRule(string Kind, int Limit, TimeSpan Window);

/// <summary>
/// One fixed-window counter in the database, shared by every node. The key (an address, a phone, an IP) is stored
/// only as a SHA-256 hash; rows older than a day are swept away.
/// </summary>
public sealed class ThrottleWindow
{
    public string Kind { get; set; } = "";
    public string KeyHash { get; set; } = "";

    /// <summary>Start of the window, Unix milliseconds (a plain number, so one SQL statement serves both providers).</summary>
    public long StartMs { get; set; }

    public int Count { get; set; }
}

/// <summary>
/// Fixed-window counters for sign-in, sign-up, code guesses and registrations per contact, on the app's clock (so
/// tests can move time). Stored in the database, so a limit that protects a person (per account, per address, per
/// contact) holds across every node of a cluster: one atomic upsert per counted event
/// (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, the same statement on PostgreSQL and SQLite).
/// </summary>
public sealed class AccountThrottle(IServiceScopeFactory scopes, TimeProvider clock)
{
    static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    long _lastSweep;

    static string Hash(string kind, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + key)));

    /// <summary>How long until <paramref name="key"/> may try again, or null when it is under the limit.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(ThrottleRule rule, string key, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OutreachDbContext>();
        var hash = Hash(rule.Kind, key);
        var window = await db.Set<ThrottleWindow>().AsNoTracking().FirstOrDefaultAsync(w => w.Kind == rule.Kind && w.KeyHash == hash, ct);
        return window is null ? null : Wait(rule, window.StartMs, window.Count >= rule.Limit);
    }

    /// <summary>Counts one event (a failure, or an attempt where every attempt counts).</summary>
    public Task CountAsync(ThrottleRule rule, string key, CancellationToken ct = default) => HitAsync(rule, key, int.MaxValue - 1, ct);

    /// <summary>Counts an attempt and says whether it was within the limit (a refused attempt is not counted).</summary>
    public async Task<TimeSpan?> TakeAsync(ThrottleRule rule, string key, CancellationToken ct = default)
    {
        var (count, startMs) = await HitAsync(rule, key, rule.Limit, ct);
        return Wait(rule, startMs, count > rule.Limit);
    }

    TimeSpan? Wait(ThrottleRule rule, long startMs, bool over)
    {
        var until = DateTimeOffset.FromUnixTimeMilliseconds(startMs) + rule.Window;
        var now = clock.GetUtcNow();
        return over && until > now ? until - now : null;
    }

    /// <summary>Adds one to the key's window (a new window when the old one ran out), but never past <paramref name="cap"/> + 1.</summary>
    async Task<(int Count, long StartMs)> HitAsync(ThrottleRule rule, string key, int cap, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expired = now - (long)rule.Window.TotalMilliseconds;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OutreachDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "ThrottleWindows" ("Kind", "KeyHash", "StartMs", "Count") VALUES (@kind, @hash, @now, 1)
                ON CONFLICT ("Kind", "KeyHash") DO UPDATE SET
                  "Count" = CASE WHEN "ThrottleWindows"."StartMs" <= @expired THEN 1
                                 WHEN "ThrottleWindows"."Count" <= @cap THEN "ThrottleWindows"."Count" + 1
                                 ELSE "ThrottleWindows"."Count" END,
                  "StartMs" = CASE WHEN "ThrottleWindows"."StartMs" <= @expired THEN @now ELSE "ThrottleWindows"."StartMs" END
                RETURNING "Count", "StartMs"
                """;
            Add(command, "kind", rule.Kind);
            Add(command, "hash", Hash(rule.Kind, key));
            Add(command, "now", now);
            Add(command, "expired", expired);
            Add(command, "cap", cap);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var result = (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
            await reader.DisposeAsync();
            await SweepAsync(db, now, ct);
            return result;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>At most once an hour per node: forget windows older than a day.</summary>
    async Task SweepAsync(Data.OutreachDbContext db, long now, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now - last < 3_600_000 || Interlocked.CompareExchange(ref _lastSweep, now, last) != last) return;
        var cutoff = now - (long)Retention.TotalMilliseconds;
        await db.Set<ThrottleWindow>().Where(w => w.StartMs < cutoff).ExecuteDeleteAsync(ct);
    }

    static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    public static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whole seconds, at least one, for the <c>Retry-After</c> header.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"请 3 分钟后再试" in the page's words.</summary>
    public static string Minutes(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
