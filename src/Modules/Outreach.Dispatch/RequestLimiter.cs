using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Outreach.Dispatch;

/// <summary>
/// Orders per client address per hour for the form page (the API has the same limit as an ASP.NET Core rate-limiter
/// policy, <see cref="OrderApi.RateLimitPolicy"/>). Per node and in memory: a flood is slowed on each node; each
/// order also costs an SMS, so the limit is low.
/// </summary>
public sealed class RequestLimiter(IOptions<DispatchOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerIpPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext http) => _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown").IsAcquired;

    public void Dispose() => _limiter.Dispose();
}
