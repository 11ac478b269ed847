using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Outreach.Tests.Kernel;

public sealed partial class LocalizationTests
{
    [GeneratedRegex("\"([^\"]+)\"\\s*\\|\\s*t\\b")]
    private static partial Regex TranslatedLiteral();

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Outreach.sln not found above the test output");
    }

    static HashSet<string> Keys(IEnumerable<string> resxFiles) =>
        resxFiles.SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)).ToHashSet();

    static bool Built(string file) =>
        !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}");

    /// <summary>
    /// A module's template finds its English in the module's own <c>*Module.en.resx</c> or the kernel's; the kernel's
    /// and the themes' templates anywhere (a theme may override any module's page).
    /// </summary>
    [Fact]
    public void Every_ui_string_in_templates_has_an_english_translation()
    {
        var root = RepositoryRoot();
        var kernelResx = Path.Combine(root, "src/Outreach.Core/Resources/Localization/SharedResource.en.resx");
        var modulesDir = Path.Combine(root, "src/Modules");
        var moduleResx = Directory.GetDirectories(modulesDir).ToDictionary(d => d,
            d => Directory.GetFiles(d, "*Module.en.resx").ToList());
        Assert.Contains(moduleResx.Values, files => files.Count > 0); // the check below has module files to read
        var everywhere = Keys([kernelResx, .. moduleResx.Values.SelectMany(f => f)]);

        var templates = Directory.GetFiles(Path.Combine(root, "src"), "*.liquid", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "themes"), "*.liquid", SearchOption.AllDirectories))
            .Where(Built).ToList();
        var missing = new List<string>();
        foreach (var template in templates)
        {
            var module = moduleResx.Keys.FirstOrDefault(d => template.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            var english = module is null ? everywhere : Keys([kernelResx, .. moduleResx[module]]);
            missing.AddRange(TranslatedLiteral().Matches(File.ReadAllText(template)).Select(m => m.Groups[1].Value)
                .Where(key => !english.Contains(key))
                .Select(key => $"{Path.GetRelativePath(root, template)}: {key}  → scripts/resx.py {(module is null ? Path.GetRelativePath(root, kernelResx) : "src/Modules/" + Path.GetFileName(module) + "/<Module>Module.en.resx")} \"{key}=…\""));
        }
        Assert.True(missing.Count == 0, "Strings without English:\n" + string.Join('\n', missing.Distinct()));
    }
}
