using System.Text.Json;

namespace Outreach.Core.Recipes;

/// <summary>Reads values that validation has already checked.</summary>
public static class RecipeJson
{
    public static string? String(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(this JsonElement obj, string name, bool fallback = false) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    public static DateTimeOffset? Instant(this JsonElement obj, string name) =>
        obj.String(name) is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() : null;

    public static IEnumerable<JsonElement> Array(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>A text given either as a string (Chinese) or as <c>{ "zh-CN": …, "en": … }</c>.</summary>
    public static (string Zh, string En) Text(this JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v)) return ("", "");
        if (v.ValueKind == JsonValueKind.String) return (v.GetString()!, "");
        return (v.String("zh-CN") ?? "", v.String("en") ?? "");
    }

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };
}
