using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Outreach.Core.Themes;

/// <summary>A theme read from <c>themes/&lt;Name&gt;/theme.json</c>.</summary>
/// <param name="Color">The theme's brand colour (<c>#rrggbb</c>): browser chrome, the web app manifest, share images.</param>
public sealed record Theme(string Name, string DisplayNameZh, string DisplayNameEn, string? Base, string Directory, string Color = "#0b3c6f")
{
    public string TemplatesDirectory => Path.Combine(Directory, "templates");
    public string AssetsDirectory => Path.Combine(Directory, "wwwroot");
}

/// <summary>The installed themes and their inheritance chains.</summary>
public sealed class ThemeCatalog
{
    public const string DefaultTheme = "Academic";
    readonly Dictionary<string, Theme> _themes = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _assetVersions = new(StringComparer.Ordinal);
    readonly Lock _versionsLock = new();

    public ThemeCatalog(string themesPath, ILogger<ThemeCatalog> logger)
    {
        Root = themesPath;
        if (!System.IO.Directory.Exists(themesPath))
        {
            logger.LogWarning("Themes folder {ThemesPath} not found; modules' default templates only", themesPath);
            return;
        }
        foreach (var dir in System.IO.Directory.GetDirectories(themesPath))
        {
            var manifest = Path.Combine(dir, "theme.json");
            if (!File.Exists(manifest)) continue;
            var json = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifest), ManifestJson)
                       ?? throw new InvalidDataException($"{manifest}: empty theme manifest");
            var name = json.Name ?? Path.GetFileName(dir);
            _themes[name] = new Theme(name, json.DisplayName?.GetValueOrDefault("zh-CN") ?? name,
                json.DisplayName?.GetValueOrDefault("en") ?? name, json.Base, dir,
                json.Color is { } color && System.Text.RegularExpressions.Regex.IsMatch(color, "^#[0-9a-fA-F]{6}$") ? color : "#0b3c6f");
        }
        foreach (var theme in _themes.Values) Chain(theme.Name); // fails fast on unknown or circular bases
    }

    public string Root { get; }

    public IReadOnlyCollection<Theme> All => _themes.Values;

    public bool Exists(string name) => _themes.ContainsKey(name);

    /// <summary>The theme followed by its base themes, nearest first.</summary>
    public IReadOnlyList<Theme> Chain(string name)
    {
        var chain = new List<Theme>();
        var current = _themes.GetValueOrDefault(name) ?? _themes.GetValueOrDefault(DefaultTheme);
        while (current is not null)
        {
            if (chain.Contains(current)) throw new InvalidDataException($"Theme {name}: circular base theme {current.Name}");
            chain.Add(current);
            if (current.Base is null) break;
            current = _themes.GetValueOrDefault(current.Base)
                      ?? throw new InvalidDataException($"Theme {current.Name}: unknown base theme {current.Base}");
        }
        return chain;
    }

    /// <summary>URL of an asset from the theme chain with a content hash, so it can be cached for a year.</summary>
    public string? AssetUrl(string themeName, string assetPath)
    {
        assetPath = assetPath.TrimStart('/');
        foreach (var theme in Chain(themeName))
        {
            var file = Path.GetFullPath(Path.Combine(theme.AssetsDirectory, assetPath));
            if (!file.StartsWith(theme.AssetsDirectory, StringComparison.Ordinal) || !File.Exists(file)) continue;
            string version;
            lock (_versionsLock)
            {
                if (!_assetVersions.TryGetValue(file, out version!))
                {
                    using var stream = File.OpenRead(file);
                    version = Convert.ToHexStringLower(SHA256.HashData(stream))[..10];
                    _assetVersions[file] = version;
                }
            }
            return $"/_themes/{theme.Name}/{assetPath}?v={version}";
        }
        return null;
    }

    static readonly JsonSerializerOptions ManifestJson = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    sealed record Manifest(string? Name, Dictionary<string, string>? DisplayName, string? Base, string? Color);
}
