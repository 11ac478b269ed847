using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Outreach.Core.Content;

/// <summary>
/// URL slugs. A given slug is kept if valid; otherwise the Latin words of the title are used, and a title
/// with none (most Chinese titles) gets a stable fallback derived from the title's hash.
/// </summary>
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex ValidPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    public const int MaxLength = Data.FieldLimits.Slug;

    /// <summary>Lower-case Latin letters, digits and single hyphens; not all digits (ids use digits).</summary>
    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && ValidPattern().IsMatch(slug) && !slug.All(char.IsAsciiDigit);

    public static string FromTitle(string title, string prefix)
    {
        var latin = NonWord().Replace(title.Normalize(NormalizationForm.FormKD).ToLowerInvariant(), "-").Trim('-');
        if (latin.Length > MaxLength) latin = latin[..MaxLength].Trim('-');
        // Only trust the Latin part when it carries most of the title; "2026年学术活动月" would otherwise become "2026".
        if (IsValid(latin) && latin.Length * 2 >= title.Length) return latin;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(title.Trim()));
        return prefix + "-" + Convert.ToHexStringLower(hash)[..8];
    }
}
