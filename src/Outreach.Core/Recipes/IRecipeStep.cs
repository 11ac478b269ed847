using System.Text.Json;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Recipes;

/// <summary>
/// One kind of step a recipe may contain (<c>{ "step": "pages", ... }</c>). Modules register theirs.
/// Validate must catch every error a user can make, because Apply runs only when all steps validated.
/// Apply must be an upsert by the items' keys, so a second run of a recipe updates and never duplicates.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    void Validate(JsonElement step, RecipeValidation validation);

    Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct);
}

public sealed record RecipeApplyContext(OutreachDbContext Db, Site Site, string Author, IServiceProvider Services);

/// <summary>A recipe problem, named by file, step and JSON path; the message is zh-CN.</summary>
public sealed record RecipeError(string File, string Step, string Path, string Message)
{
    public override string ToString() => $"{File}: 步骤 {Step} {Path}: {Message}";
}

public sealed class RecipeException(IReadOnlyList<RecipeError> errors)
    : Exception("配方无效：" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}

/// <summary>Collects errors for one step, with helpers that read and check typical fields.</summary>
public sealed class RecipeValidation(string file, string step, string path, List<RecipeError> sink)
{
    public string Path { get; } = path;

    public void Error(string path, string message) => sink.Add(new RecipeError(file, step, path, message));

    public RecipeValidation At(string step, string path) => new(file, step, path, sink);

    /// <summary>A required non-empty string at <paramref name="path"/>.name.</summary>
    public string? RequiredString(JsonElement obj, string name, string path, int maxLength = Data.FieldLimits.Title)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Error($"{path}.{name}", "必填，且应为非空字符串");
            return null;
        }
        var s = v.GetString()!;
        if (s.Length > maxLength) Error($"{path}.{name}", $"长度不能超过 {maxLength} 个字符");
        return s;
    }

    public string? OptionalString(JsonElement obj, string name, string path, int maxLength = 100_000)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) { Error($"{path}.{name}", "应为字符串"); return null; }
        var s = v.GetString()!;
        if (s.Length > maxLength) Error($"{path}.{name}", $"长度不能超过 {maxLength} 个字符");
        return s;
    }

    /// <summary>A text given as a string or <c>{ "zh-CN", "en" }</c>: each language at most <paramref name="maxLength"/> characters.</summary>
    public void TextLength(JsonElement obj, string name, string path, int maxLength)
    {
        var (zh, en) = obj.Text(name);
        if (zh.Length > maxLength || en.Length > maxLength) Error($"{path}.{name}", $"长度不能超过 {maxLength} 个字符");
    }

    public bool? OptionalBool(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { Error($"{path}.{name}", "应为 true 或 false"); return null; }
        return v.GetBoolean();
    }

    public DateTimeOffset? OptionalInstant(JsonElement obj, string name, string path)
    {
        var s = OptionalString(obj, name, path);
        if (s is null) return null;
        if (!DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            || !(s.Contains('+') || s.EndsWith('Z') || s.LastIndexOf('-') > 9))
        {
            Error($"{path}.{name}", "应为带时区的 ISO 8601 时间，例如 2026-09-16T09:00:00+08:00");
            return null;
        }
        return d.ToUniversalTime();
    }

    /// <summary>The array at <paramref name="path"/>.name; an error if missing or not an array.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{name}", "必填，且应为数组");
            return [];
        }
        return v.EnumerateArray().Select((item, i) => (item, $"{path}.{name}[{i}]")).ToList();
    }
}
