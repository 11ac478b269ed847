using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Registration;

/// <summary>A custom question of a registration form.</summary>
/// <param name="Kind">text, single, multiple, number or yesno.</param>
public sealed record Question(string Id, string Label, string Kind, bool Required, IReadOnlyList<string>? Choices = null)
{
    public static readonly IReadOnlyList<string> Kinds = ["text", "single", "multiple", "number", "yesno"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Question> Parse(string json) =>
        JsonSerializer.Deserialize<List<Question>>(string.IsNullOrEmpty(json) ? "[]" : json, Json) ?? [];

    /// <summary>Problems of a question list as an organiser wrote it (recipe, API or admin form), in Chinese.</summary>
    public static List<string> Problems(IReadOnlyList<Question> questions)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (q, i) in questions.Select((q, i) => (q, i)))
        {
            var at = $"第 {i + 1} 个问题";
            if (string.IsNullOrWhiteSpace(q.Id) || !Regex.IsMatch(q.Id, "^[a-z][a-z0-9_-]{0,39}$")) problems.Add($"{at}：id 应为小写字母开头的字母、数字、下划线或连字符。");
            else if (!ids.Add(q.Id)) problems.Add($"{at}：id“{q.Id}”重复。");
            if (string.IsNullOrWhiteSpace(q.Label) || q.Label.Length > RegistrationLimits.QuestionLabel) problems.Add($"{at}：题目必填，且不超过 {RegistrationLimits.QuestionLabel} 个字符。");
            if (!Kinds.Contains(q.Kind)) problems.Add($"{at}：类型应为 {string.Join("、", Kinds)} 之一。");
            if (q.Kind is "single" or "multiple" && (q.Choices is null || q.Choices.Count == 0 || q.Choices.Any(string.IsNullOrWhiteSpace)))
                problems.Add($"{at}：单选或多选题需要选项。");
        }
        return problems;
    }
}

/// <summary>Checks the answers a registrant gave against the form's questions; keeps only known questions.</summary>
public static class Answers
{
    public const int MaxTextLength = RegistrationLimits.AnswerText;

    /// <param name="given">Question id → the raw values given (a form field may repeat for multiple choice).</param>
    public static (JsonObject Answers, Dictionary<string, string[]> Errors) Check(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, string[]> given)
    {
        var answers = new JsonObject();
        var errors = new Dictionary<string, string[]>();
        foreach (var q in questions)
        {
            var values = given.TryGetValue(q.Id, out var v) ? v.Select(x => x.Trim()).Where(x => x.Length > 0).ToArray() : [];
            var key = "answers." + q.Id;
            if (values.Length == 0)
            {
                if (q.Required) errors[key] = [$"请回答“{q.Label}”。"];
                continue;
            }
            switch (q.Kind)
            {
                case "text":
                    if (values[0].Length > MaxTextLength) errors[key] = [$"“{q.Label}”不能超过 {MaxTextLength} 个字符。"];
                    else if (!RegistrationLimits.IsSingleLine(values[0])) errors[key] = [$"“{q.Label}”不能包含换行或其他控制字符。"];
                    else answers[q.Id] = values[0];
                    break;
                case "single":
                    if (values.Length != 1 || !q.Choices!.Contains(values[0])) errors[key] = [$"“{q.Label}”请从选项中选择一项。"];
                    else answers[q.Id] = values[0];
                    break;
                case "multiple":
                    if (values.Any(x => !q.Choices!.Contains(x))) errors[key] = [$"“{q.Label}”只能从选项中选择。"];
                    else answers[q.Id] = new JsonArray(values.Distinct().Select(x => (JsonNode)x).ToArray());
                    break;
                case "number":
                    if (!decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) errors[key] = [$"“{q.Label}”应为数字。"];
                    else answers[q.Id] = n;
                    break;
                case "yesno":
                    if (values[0] is "true" or "yes" or "是" or "on") answers[q.Id] = true;
                    else if (values[0] is "false" or "no" or "否") answers[q.Id] = false;
                    else errors[key] = [$"“{q.Label}”请选择“是”或“否”。"];
                    break;
            }
        }
        return (answers, errors);
    }

    /// <summary>Flattens a JSON answers object (API input) into raw values.</summary>
    public static Dictionary<string, string[]> FromJson(JsonElement? json)
    {
        var given = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (json is not { ValueKind: JsonValueKind.Object } obj) return given;
        foreach (var p in obj.EnumerateObject())
            given[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Array => p.Value.EnumerateArray().Select(Raw).ToArray(),
                _ => [Raw(p.Value)],
            };
        return given;

        static string Raw(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() ?? "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "",
            _ => e.GetRawText(),
        };
    }

    /// <summary>"问题：回答" lines for mails, the manage page and the CSV export.</summary>
    public static IEnumerable<(string Label, string Answer)> Readable(IReadOnlyList<Question> questions, string answersJson)
    {
        var answers = JsonNode.Parse(string.IsNullOrEmpty(answersJson) ? "{}" : answersJson) as JsonObject ?? [];
        foreach (var q in questions)
        {
            if (answers[q.Id] is not { } a) continue;
            yield return (q.Label, a switch
            {
                JsonArray arr => string.Join("、", arr.Select(x => x?.GetValue<string>())),
                JsonValue val when val.TryGetValue<bool>(out var b) => b ? "是" : "否",
                _ => a.ToString(),
            });
        }
    }
}

/// <summary>Contact data as people type it, normalised so "138 0013 8000" and "+86 13800138000" are one person.</summary>
public static partial class Contact
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MainlandMobile();

    /// <summary>The 11-digit mainland mobile number, or null when it is not one.</summary>
    public static string? NormalisePhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = new string(raw.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        return MainlandMobile().IsMatch(digits) ? digits : null;
    }

    /// <summary>The kernel's one address check (<see cref="Core.Mail.EmailAddress.Normalise"/>): exactly one plain mailbox, lower-cased.</summary>
    public static string? NormaliseEmail(string? raw) => Core.Mail.EmailAddress.Normalise(raw);

    /// <summary>138****8000: enough for staff to tell people apart, not enough to call them.</summary>
    public static string MaskPhone(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[7..] : phone.Length == 0 ? "" : "***";

    /// <summary>A mainland resident identity card number (GB 11643-1999: 18 characters with the ISO 7064 check digit).</summary>
    public static bool IsValidIdCard(string? id)
    {
        if (id is null || id.Length != 18) return false;
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return false;
            sum += (id[i] - '0') * weights[i];
        }
        var check = "10X98765432"[sum % 11];
        return char.ToUpperInvariant(id[17]) == check
            && DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}
