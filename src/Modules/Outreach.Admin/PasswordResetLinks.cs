using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Outreach.Admin;

/// <summary>
/// The one opaque value in a password-reset URL. It wraps the account id and Identity's reset token
/// (itself bound to the account's security stamp, so it is void once the password changes) in a Data
/// Protection envelope: encrypted and authenticated, so the URL carries no e-mail address or other personal
/// data, cannot be altered, and needs no table. A short random id mapped in a table would give shorter URLs
/// but a migration and a cleanup job; the envelope expires by itself with the Identity token.
/// </summary>
public sealed class PasswordResetLinks(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(2);

    readonly IDataProtector _protector = protection.CreateProtector("Outreach.Admin.PasswordResetLink.v1");

    public string Wrap(int userId, string identityToken) =>
        _protector.Protect(userId.ToString(CultureInfo.InvariantCulture) + "\n" + identityToken);

    public bool TryUnwrap(string? token, out int userId, out string identityToken)
    {
        userId = 0;
        identityToken = "";
        if (string.IsNullOrEmpty(token) || token.Length > 4000) return false;
        string plain;
        try
        {
            plain = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        var newline = plain.IndexOf('\n', StringComparison.Ordinal);
        if (newline <= 0 || !int.TryParse(plain.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out userId)) return false;
        identityToken = plain[(newline + 1)..];
        return identityToken.Length > 0;
    }
}

/// <summary><c>mail-password-reset*.liquid</c>: the link and how many hours it lives.</summary>
public sealed record PasswordResetMail(string Link, int Hours);
