using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Outreach.Core.Modules;

namespace Outreach.Core.Localization;

/// <summary>
/// UI strings in the visitor's language. Keys are the zh-CN text, so Chinese needs no lookup; the English comes
/// from the kernel's <c>Resources/Localization/SharedResource.en.resx</c> (layout, error pages, themes) and from
/// each module's <c>&lt;ModuleClass&gt;.en.resx</c> beside its module class. A page of a module reads its own
/// translations first, so two modules may translate the same word differently.
/// </summary>
public sealed class UiText(ModuleCatalog modules)
{
    readonly ConcurrentDictionary<string, IReadOnlyList<(string? Module, IReadOnlyDictionary<string, string> Strings)>> _tables = new();

    /// <param name="module">The module whose page is being rendered, if any: its translations win.</param>
    public string Translate(string key, CultureInfo culture, string? module = null)
    {
        if (!culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return key;
        var tables = _tables.GetOrAdd("en", Load);
        if (module is not null)
            foreach (var (owner, strings) in tables)
                if (owner == module && strings.TryGetValue(key, out var own)) return own;
        foreach (var (_, strings) in tables)
            if (strings.TryGetValue(key, out var value)) return value;
        return key;
    }

    /// <summary>The strings of one module (null: the kernel) in one culture, for tests and tools.</summary>
    public IReadOnlyDictionary<string, string> Table(string? module, string culture = "en") =>
        _tables.GetOrAdd(culture, Load).FirstOrDefault(t => t.Module == module).Strings ?? new Dictionary<string, string>();

    IReadOnlyList<(string?, IReadOnlyDictionary<string, string>)> Load(string culture)
    {
        var kernel = new ResourceManager("Outreach.Core.Resources.Localization.SharedResource", typeof(SharedResource).Assembly);
        return [(null, Read(kernel, culture)), .. modules.Modules.Select(m => ((string?)m.Id, Read(new ResourceManager(m.GetType()), culture)))];
    }

    static IReadOnlyDictionary<string, string> Read(ResourceManager resources, string culture)
    {
        try
        {
            var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false);
            if (set is null) return new Dictionary<string, string>();
            return set.Cast<DictionaryEntry>().Where(e => e.Value is string)
                .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        }
        catch (MissingManifestResourceException)
        {
            return new Dictionary<string, string>(); // a module without translations
        }
    }
}
