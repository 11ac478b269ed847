using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Recipes;

/// <summary>
/// Creates or updates a site from a recipe: every step is validated first, then all of it is written in one
/// transaction. The site is keyed by its name and each step's items by their own keys, so running a recipe
/// twice updates rather than duplicates.
/// </summary>
public sealed partial class RecipeRunner(
    IServiceScopeFactory scopes,
    IEnumerable<IRecipeStep> steps,
    ThemeCatalog themes,
    ModuleCatalog modules,
    SiteCatalog sites,
    TimeProvider clock,
    ILogger<RecipeRunner> logger)
{
    readonly Dictionary<string, IRecipeStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();

    public IReadOnlyCollection<string> StepNames => _steps.Keys;

    public async Task<Site> RunFileAsync(string path, CancellationToken ct = default)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path)) throw new RecipeException([new RecipeError(fileName, "-", "$", "找不到配方文件")]);
        return await RunAsync(await File.ReadAllTextAsync(path, ct), fileName, ct);
    }

    public async Task<Site> RunAsync(string json, string fileName, CancellationToken ct = default)
    {
        using var document = Parse(json, fileName);
        var root = document.RootElement;
        Validate(root, fileName);

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var siteContext = scope.ServiceProvider.GetRequiredService<SiteContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var site = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var site = await UpsertSiteAsync(db, root.GetProperty("site"), ct);
            siteContext.Enter(site);
            var context = new RecipeApplyContext(db, site, "recipe:" + fileName, scope.ServiceProvider);
            foreach (var step in root.Array("steps"))
            {
                await _steps[step.String("step")!].ApplyAsync(step, context, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            return site;
        });
        sites.Invalidate();
        logger.LogInformation("Recipe {Recipe} applied to site {Site}", fileName, site.Name);
        return site;
    }

    static JsonDocument Parse(string json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(json, RecipeJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new RecipeException([new RecipeError(fileName, "-", ex.Path ?? "$",
                $"JSON 格式错误（第 {ex.LineNumber + 1} 行，第 {ex.BytePositionInLine + 1} 列）")]);
        }
    }

    void Validate(JsonElement root, string fileName)
    {
        var errors = new List<RecipeError>();
        var v = new RecipeValidation(fileName, "site", "$.site", errors);
        if (root.ValueKind != JsonValueKind.Object) v.Error("$", "配方应为 JSON 对象");
        else if (!root.TryGetProperty("site", out var site) || site.ValueKind != JsonValueKind.Object) v.Error("$.site", "必填，且应为对象");
        else ValidateSite(site, v);
        var enabled = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("site", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.Array("modules").Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("steps", out var stepsElement))
        {
            if (stepsElement.ValueKind != JsonValueKind.Array) v.Error("$.steps", "应为数组");
            else
            {
                var i = 0;
                foreach (var step in stepsElement.EnumerateArray())
                {
                    var path = $"$.steps[{i++}]";
                    var name = step.ValueKind == JsonValueKind.Object ? step.String("step") : null;
                    if (name is null) { v.At("-", path).Error($"{path}.step", "必填：步骤名称"); continue; }
                    if (!_steps.TryGetValue(name, out var handler))
                    {
                        v.At(name, path).Error($"{path}.step", $"未知的步骤“{name}”；可用：{string.Join("、", _steps.Keys.Order())}");
                        continue;
                    }
                    // A step fills a module's tables; the site must run that module.
                    if (modules.OwnerOf(handler) is { AlwaysEnabled: false } owner && !enabled.Contains(owner.Id))
                        v.At(name, path).Error($"{path}.step", $"步骤“{name}”属于模块“{owner.Id}”（{owner.Manifest.DisplayNameZh}），但站点未启用该模块；请在 $.site.modules 中加入“{owner.Id}”");
                    handler.Validate(step, v.At(name, path));
                }
            }
        }
        if (errors.Count > 0) throw new RecipeException(errors);
    }

    void ValidateSite(JsonElement site, RecipeValidation v)
    {
        var name = v.RequiredString(site, "name", "$.site", FieldLimits.SiteName);
        if (name is not null && !NamePattern().IsMatch(name)) v.Error("$.site.name", "只能包含小写字母、数字和连字符，并以字母开头");
        var (zh, _) = site.Text("displayName");
        if (string.IsNullOrWhiteSpace(zh)) v.Error("$.site.displayName", "必填：中文名称（字符串或 {\"zh-CN\": …, \"en\": …}）");
        v.TextLength(site, "displayName", "$.site", FieldLimits.SiteDisplayName);
        var publicUrl = v.OptionalString(site, "publicUrl", "$.site", FieldLimits.Url);
        if (publicUrl is not null && !IsPublicUrl(publicUrl))
            v.Error("$.site.publicUrl", "应为站点的完整网址（http 或 https），例如 https://forum.example.cn 或 https://www.gdsta.cn/lingnan");
        if (site.TryGetProperty("prefix", out var prefix) && prefix.ValueKind != JsonValueKind.Null)
        {
            if (prefix.ValueKind != JsonValueKind.String) v.Error("$.site.prefix", "应为字符串");
            else if (prefix.GetString()!.Length > 0 && !NamePattern().IsMatch(prefix.GetString()!))
                v.Error("$.site.prefix", "只能包含小写字母、数字和连字符，并以字母开头；门户用空字符串");
            else if (modules.ReservedBy(prefix.GetString()!) is { } owner)
                v.Error("$.site.prefix", owner.Length == 0
                    ? $"前缀“{prefix.GetString()}”为系统保留"
                    : $"前缀“{prefix.GetString()}”为系统保留：模块“{owner}”的网址 /{prefix.GetString()}/… 使用它");
        }
        var theme = v.OptionalString(site, "theme", "$.site");
        if (theme is not null && !themes.Exists(theme))
            v.Error("$.site.theme", $"未知主题“{theme}”；可用：{string.Join("、", themes.All.Select(t => t.Name))}");
        var culture = v.OptionalString(site, "culture", "$.site");
        if (culture is not null && culture is not ("zh-CN" or "en")) v.Error("$.site.culture", "应为 zh-CN 或 en");
        var i = 0;
        var listed = site.Array("modules").Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToList();
        foreach (var id in listed)
        {
            if (modules.Find(id) is not { } module)
                v.Error($"$.site.modules[{i}]", $"未知模块“{id}”；可用：{string.Join("、", modules.Modules.Select(m => m.Id))}");
            else
            {
                // A recipe says exactly what a site runs: a dependency is listed, never added behind its back.
                var missing = module.Manifest.Requires.Where(r => !listed.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
                if (missing.Count > 0)
                    v.Error($"$.site.modules[{i}]", $"模块“{module.Id}”依赖模块“{string.Join("”“", missing)}”，请在 $.site.modules 中一并启用");
            }
            i++;
        }
        i = 0;
        foreach (var host in site.Array("hosts"))
        {
            if (host.ValueKind != JsonValueKind.String || Uri.CheckHostName(host.GetString()) == UriHostNameType.Unknown)
                v.Error($"$.site.hosts[{i}]", "应为主机名，例如 forum.example.cn");
            i++;
        }
        if (site.TryGetProperty("settings", out var settings) && settings.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            v.Error("$.site.settings", "应为对象");
        v.OptionalBool(site, "public", "$.site");
    }

    static bool IsPublicUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && string.IsNullOrEmpty(u.Query) && string.IsNullOrEmpty(u.Fragment);

    async Task<Site> UpsertSiteAsync(OutreachDbContext db, JsonElement json, CancellationToken ct)
    {
        var name = json.String("name")!;
        var now = clock.GetUtcNow();
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Name == name, ct);
        if (site is null)
        {
            site = new Site { Name = name, CreatedAt = now };
            db.Sites.Add(site);
        }
        var (zh, en) = json.Text("displayName");
        site.DisplayNameZh = zh;
        site.DisplayNameEn = en;
        site.Prefix = json.TryGetProperty("prefix", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        site.Hosts = string.Join(' ', json.Array("hosts").Select(h => h.GetString()!.ToLowerInvariant()));
        site.PublicUrl = json.String("publicUrl")?.TrimEnd('/');
        site.Theme = json.String("theme") ?? ThemeCatalog.DefaultTheme;
        site.DefaultCulture = json.String("culture") ?? "zh-CN";
        site.Modules = string.Join(',', json.Array("modules").Select(m => modules.Modules.First(x => string.Equals(x.Id, m.GetString(), StringComparison.OrdinalIgnoreCase)).Id));
        site.SettingsJson = json.TryGetProperty("settings", out var s) && s.ValueKind == JsonValueKind.Object ? s.GetRawText() : "{}";
        site.IsPublic = json.Bool("public", true);
        site.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return site;
    }
}
