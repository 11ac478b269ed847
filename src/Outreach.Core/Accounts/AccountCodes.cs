using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Core.Accounts;

/// <summary>What a mailed code proves: the mailbox (confirm, also a new address) or the right to set a new password.</summary>
public enum CodePurpose { Confirm, Reset }

/// <summary>
/// Six-digit codes sent by mail, typed on a phone or carried by a link. A row in Identity's <c>UserTokens</c>
/// per account, purpose and address (<c>confirm:new@example.cn</c>) holds a hash of the code, its expiry and the
/// wrong guesses so far: after <see cref="AccountOptions.CodeAttempts"/> the code is void, so a million
/// possibilities cannot be walked. Redeeming deletes the row with a conditional delete, so a code works once
/// even when two requests race. Links carry the code in a Data-Protection envelope (no address in the URL).
/// </summary>
public sealed class AccountCodes(OutreachDbContext db, IDataProtectionProvider protection, TimeProvider clock, IOptions<AccountOptions> options)
{
    public const string Provider = "Outreach.Account";

    readonly IDataProtector _links = protection.CreateProtector("Outreach.Account.CodeLink.v1");

    static string Name(CodePurpose purpose, string email) => purpose.ToString().ToLowerInvariant() + ":" + email;

    /// <summary>A new code for <paramref name="email"/>; earlier codes of this account and purpose are void. Saved with the caller's SaveChanges.</summary>
    public async Task<string> IssueAsync(OutreachUser user, CodePurpose purpose, string email, CancellationToken ct = default)
    {
        var prefix = purpose.ToString().ToLowerInvariant() + ":";
        await db.Set<IdentityUserToken<int>>()
            .Where(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name.StartsWith(prefix))
            .ExecuteDeleteAsync(ct);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var expires = clock.GetUtcNow().AddMinutes(options.Value.CodeMinutes).ToUnixTimeSeconds();
        db.Set<IdentityUserToken<int>>().Add(new IdentityUserToken<int>
        {
            UserId = user.Id, LoginProvider = Provider, Name = Name(purpose, email),
            Value = Format(expires, 0, Hash(user.Id, purpose, email, code)),
        });
        return code;
    }

    /// <summary>
    /// The account whose code for <paramref name="email"/> this is, or null (wrong, expired, used up, unknown —
    /// one answer). A wrong code counts against every pending code for that address.
    /// </summary>
    public async Task<OutreachUser?> RedeemAsync(CodePurpose purpose, string email, string code, CancellationToken ct = default)
    {
        code = code.Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var name = Name(purpose, email);
        var rows = await db.Set<IdentityUserToken<int>>().AsNoTracking()
            .Where(t => t.LoginProvider == Provider && t.Name == name).Take(10).ToListAsync(ct);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var row in rows)
        {
            if (!TryParse(row.Value, out var expires, out var attempts, out var hash) || expires <= now || attempts >= options.Value.CodeAttempts) continue;
            var candidate = Hash(row.UserId, purpose, email, code);
            var tokens = db.Set<IdentityUserToken<int>>().Where(t => t.UserId == row.UserId && t.LoginProvider == Provider && t.Name == name && t.Value == row.Value);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(hash)))
            {
                if (await tokens.ExecuteDeleteAsync(ct) == 1) return await db.Set<OutreachUser>().FirstOrDefaultAsync(u => u.Id == row.UserId, ct);
                continue;
            }
            var counted = Format(expires, attempts + 1, hash);
            await tokens.ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, counted), ct);
        }
        return null;
    }

    /// <summary>The opaque value of a link that fills in the address and code.</summary>
    public string LinkToken(CodePurpose purpose, string email, string code) =>
        _links.Protect(string.Join('\n', purpose.ToString(), email, code));

    public bool TryReadLink(string? token, CodePurpose purpose, out string email, out string code)
    {
        email = code = "";
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return false;
        string plain;
        try { plain = _links.Unprotect(token); }
        catch (CryptographicException) { return false; }
        catch (FormatException) { return false; }
        var parts = plain.Split('\n');
        if (parts.Length != 3 || parts[0] != purpose.ToString()) return false;
        (email, code) = (parts[1], parts[2]);
        return true;
    }

    /// <summary>Drops every code of the account (deletion, password set).</summary>
    public Task ForgetAsync(int userId, CancellationToken ct = default) =>
        db.Set<IdentityUserToken<int>>().Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(ct);

    static string Hash(int userId, CodePurpose purpose, string email, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}|{purpose}|{email}|{code}")));

    static string Format(long expires, int attempts, string hash) =>
        string.Create(CultureInfo.InvariantCulture, $"{expires}|{attempts}|{hash}");

    static bool TryParse(string? value, out long expires, out int attempts, out string hash)
    {
        expires = 0;
        attempts = 0;
        hash = "";
        var parts = (value ?? "").Split('|');
        if (parts.Length != 3) return false;
        hash = parts[2];
        return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out expires)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out attempts);
    }
}
