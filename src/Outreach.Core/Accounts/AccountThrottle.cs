using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Accounts;

/// <summary>A limit: at most <paramref name="Limit"/> counted events per key in a fixed window.</summary>
public sealed record ThrottleRule(string Kind, int Limit, TimeSpan Window);

/// <summary>
/// Fixed-window counters for sign-in, sign-up and code guesses, on the app's clock (so tests can move time).
/// Per node and in memory, like the registration limits: a flood is slowed on each node; lockout (in the
/// database) is what finally guards an account.
/// </summary>
public sealed class AccountThrottle(TimeProvider clock)
{
    sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    const int PruneAbove = 100_000;
    readonly ConcurrentDictionary<(string, string), Window> _windows = new();

    /// <summary>How long until <paramref name="key"/> may try again, or null when it is under the limit.</summary>
    public TimeSpan? RetryAfter(ThrottleRule rule, string key)
    {
        if (!_windows.TryGetValue((rule.Kind, key), out var window)) return null;
        var now = clock.GetUtcNow();
        lock (window)
        {
            if (now - window.Start >= rule.Window) return null;
            return window.Count >= rule.Limit ? window.Start + rule.Window - now : null;
        }
    }

    /// <summary>Counts one event (a failure, or an attempt where every attempt counts).</summary>
    public void Count(ThrottleRule rule, string key)
    {
        if (_windows.Count > PruneAbove) Prune(rule.Window);
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd((rule.Kind, key), _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= rule.Window)
            {
                window.Start = now;
                window.Count = 0;
            }
            window.Count++;
        }
    }

    /// <summary>Counts an attempt and says whether it was within the limit (for rules where every attempt counts).</summary>
    public TimeSpan? Take(ThrottleRule rule, string key)
    {
        if (RetryAfter(rule, key) is { } wait) return wait;
        Count(rule, key);
        return null;
    }

    void Prune(TimeSpan window)
    {
        var cutoff = clock.GetUtcNow() - window;
        foreach (var (key, value) in _windows)
            if (value.Start < cutoff) _windows.TryRemove(key, out _);
    }

    public static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whole seconds, at least one, for the <c>Retry-After</c> header.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"请 3 分钟后再试" in the page's words.</summary>
    public static string Minutes(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
