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

    [Fact]
    public void Every_ui_string_in_templates_has_an_english_translation()
    {
        var root = RepositoryRoot();
        var english = XDocument.Load(Path.Combine(root, "src/Outreach.Core/Resources/Localization/SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var templates = Directory.GetFiles(Path.Combine(root, "src"), "*.liquid", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "themes"), "*.liquid", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var missing = templates
            .SelectMany(f => TranslatedLiteral().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Groups[1].Value}"))
            .Where(s => !english.Contains(s[(s.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .Distinct().ToList();
        Assert.True(missing.Count == 0, "Add these to scripts/resx.py and run it:\n" + string.Join('\n', missing));
    }
}
