using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Outreach.Dispatch;

/// <summary>
/// The requester's links: the tracking page and the rating page, each the request's secret key in a Data-Protection
/// envelope with its purpose (a tracking link cannot be replayed as a rating link). Expiry is decided by
/// <see cref="RequestAccess"/> from the request's dates, like the registration manage link.
/// </summary>
public sealed class TrackTokens(IDataProtectionProvider protection)
{
    public const string Track = "track";
    public const string Rate = "rate";

    readonly IDataProtector _protector = protection.CreateProtector("Outreach.Dispatch.Request.v1");

    public string For(LectureRequest r, string purpose) => _protector.Protect(purpose + ":" + r.Key.ToString("N"));

    public Guid? Read(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            var value = _protector.Unprotect(token);
            return value.StartsWith(purpose + ":", StringComparison.Ordinal) && Guid.TryParseExact(value[(purpose.Length + 1)..], "N", out var key) ? key : null;
        }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }
}
