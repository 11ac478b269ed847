using MimeKit;

namespace Outreach.Core.Mail;

/// <summary>
/// The one check for an e-mail address typed by a person, at every entry point (registration, accounts,
/// recipes, admin). Parsed by MimeKit in strict RFC mode, then required to be exactly one plain mailbox:
/// no display name, no group, no list (<c>a.b,c@evil.example</c>), no route, no CR/LF or other control
/// characters, a dotted domain. Stored lower-cased.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>The normalised address, or null when the input is not exactly one plain mailbox.</summary>
    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        if (text.Length > MaxLength || text.Any(char.IsControl) || text.Any(char.IsWhiteSpace)) return null;
        if (!InternetAddressList.TryParse(Strict, text, out var list) || list.Count != 1) return null;
        if (list[0] is not MailboxAddress box || box.Route.Count > 0 || !string.IsNullOrEmpty(box.Name)) return null;
        var address = box.Address;
        // The parsed address must be the whole input: nothing dropped or added by the parser.
        if (!string.Equals(address, text, StringComparison.OrdinalIgnoreCase)) return null;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return null;
        var domain = address[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
            return null;
        return address.ToLowerInvariant();
    }

    public static bool IsValid(string? raw) => Normalise(raw) is not null;
}
