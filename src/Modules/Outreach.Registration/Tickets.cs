using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Core.Sites;
using QRCoder;

namespace Outreach.Registration;

/// <summary>Ticket codes and their QR images.</summary>
public static class Tickets
{
    // Crockford's base32 without I, L, O, U: nothing to misread when typed at the door.
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>10 random characters (50 bits): unguessable, short enough to read out.</summary>
    public static string NewCode() =>
        string.Create(10, 0, (span, _) =>
        {
            Span<byte> bytes = stackalloc byte[10];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[bytes[i] & 31];
        });

    /// <summary>What people type: case-insensitive, spaces and dashes ignored, O read as 0 and I/L as 1.</summary>
    public static string Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return "";
        var s = typed.Trim();
        // A scanned QR code carries "OUTREACH-TICKET:<code>".
        var colon = s.LastIndexOf(':');
        if (colon >= 0) s = s[(colon + 1)..];
        return new string(s.ToUpperInvariant().Where(c => c is not (' ' or '-')).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray());
    }

    public static string QrPayload(string code) => "OUTREACH-TICKET:" + code;

    public static byte[] QrPng(string code)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(QrPayload(code), QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}

/// <summary>
/// The manage link's token: the registration's random key in a Data Protection envelope (authenticated
/// encryption), so the URL carries no personal data and cannot be forged or altered.
/// </summary>
public sealed class ManageTokens(IDataProtectionProvider protection)
{
    readonly IDataProtector _protector = protection.CreateProtector("Outreach.Registration.Manage.v1");

    public string For(Registration r) => _protector.Protect(r.Key.ToString("N"));

    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var key) ? key : null;
        }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }
}

/// <summary>Bound from <c>Outreach:Registration</c>.</summary>
public sealed class RegistrationOptions
{
    /// <summary>Where mails sent by jobs (no request at hand) point for sites without a host of their own.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>Registration attempts per client IP per minute on the public endpoints.</summary>
    public int PerIpPerMinute { get; set; } = 30;

    /// <summary>Registration attempts per phone number or email per hour.</summary>
    public int PerContactPerHour { get; set; } = 10;

    /// <summary>How long a registration waits for the seat lock before answering "try again".</summary>
    public int LockTimeoutSeconds { get; set; } = 10;
}

/// <summary>Absolute links into a site, from a request or, in jobs, from the configured public URL.</summary>
public sealed class RegistrationLinks(IOptions<RegistrationOptions> options, ManageTokens tokens)
{
    public string Absolute(Site site, string path, HttpContext? http = null)
    {
        if (site.HostList.Count > 0) return $"{(http?.Request.Scheme ?? "https")}://{site.HostList[0]}{path}";
        var origin = http is not null ? $"{http.Request.Scheme}://{http.Request.Host}" : options.Value.PublicUrl.TrimEnd('/');
        return origin + site.PathBase + path;
    }

    public string ManagePath(Registration r) => "/registrations/" + tokens.For(r);

    public string Manage(Site site, Registration r, HttpContext? http = null) => Absolute(site, ManagePath(r), http);
}
