using System.Text;

namespace Outreach.Core.Content;

/// <summary>
/// Titles, names, slugs and labels are one line. A line break or tab pasted into one becomes a space; other
/// control characters (and the invisible bidi overrides used to disguise text) are refused. So a stored name can
/// never split a mail header, a CSV row or a log line.
/// </summary>
public static class SingleLine
{
    /// <summary>Line breaks and tabs → one space each, trimmed. Null → "".</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n') continue; // CRLF is one break
            text.Append(c is '\r' or '\n' or '\t' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }
        return text.ToString().Trim();
    }

    /// <summary>True for characters no single-line field may keep (after <see cref="Normalize"/>).</summary>
    public static bool IsForbidden(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// Normalises <paramref name="input"/> into <paramref name="value"/> and checks it; a zh-CN problem (for the
    /// field's error list), or null when the value may be stored.
    /// </summary>
    public static string? Check(string? input, int maxLength, out string value, bool required = false)
    {
        value = Normalize(input);
        if (value.Length == 0) return required ? "必填。" : null;
        if (value.Any(IsForbidden)) return "不能包含控制字符。";
        if (value.Length > maxLength) return $"不能超过 {maxLength} 个字符。";
        return null;
    }
}
