using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
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

    public string For(Registration r) => For(r.Key);

    /// <summary>The same envelope for another module's bookings (a base's group visits) keyed by their own random key.</summary>
    public string For(Guid key) => _protector.Protect(key.ToString("N"));

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
