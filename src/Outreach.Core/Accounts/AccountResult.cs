using System.Text.RegularExpressions;
using Outreach.Core.Mail;

namespace Outreach.Core.Accounts;

/// <summary>The answer of an account use case: done, refused with errors per field (zh-CN), or throttled.</summary>
public sealed record AccountResult(IReadOnlyDictionary<string, string[]> Errors, TimeSpan? RetryAfter = null)
{
    public static readonly AccountResult Done = new(new Dictionary<string, string[]>());

    public bool Succeeded => Errors.Count == 0 && RetryAfter is null;

    public static AccountResult Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    public static AccountResult Invalid(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));

    public static AccountResult Throttled(TimeSpan wait) => new(new Dictionary<string, string[]>(), wait);
}

/// <summary>Checks of what people type into account forms; messages in Chinese, naming the field.</summary>
public static partial class AccountInput
{
    public const int DisplayNameMax = 100;

    public static string? Email(string? raw, Dictionary<string, List<string>> errors, string field = "email")
    {
        var email = EmailAddress.Normalise(raw);
        if (email is null) Add(errors, field, string.IsNullOrWhiteSpace(raw) ? "请填写邮箱。" : "邮箱格式不正确。");
        return email;
    }

    public static string? DisplayName(string? raw, Dictionary<string, List<string>> errors)
    {
        var name = (raw ?? "").Trim();
        if (name.Length == 0) Add(errors, "displayName", "请填写称呼。");
        else if (name.Length > DisplayNameMax) Add(errors, "displayName", $"称呼最多 {DisplayNameMax} 个字符。");
        else if (name.Any(char.IsControl)) Add(errors, "displayName", "称呼不能包含控制字符或换行。");
        else return name;
        return null;
    }

    /// <summary>A mainland mobile number (11 digits, +86 optional) or an international one (+ and 8–15 digits); "" for none.</summary>
    public static string? Phone(string? raw, Dictionary<string, List<string>> errors)
    {
        var text = (raw ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (text.Length == 0) return "";
        if (text.StartsWith("+86", StringComparison.Ordinal)) text = text[3..];
        if (Mainland().IsMatch(text) || International().IsMatch(text)) return text;
        Add(errors, "phone", "手机号码格式不正确。");
        return null;
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mainland();

    [GeneratedRegex("^\\+[1-9][0-9]{7,14}$")]
    private static partial Regex International();
}
