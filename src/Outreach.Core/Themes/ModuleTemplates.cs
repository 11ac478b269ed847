using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Outreach.Core.Themes;

/// <summary>
/// A module's default Liquid templates, embedded in its assembly under <c>Templates/</c>.
/// A theme overrides one by shipping a file of the same name in its <c>templates/</c> folder.
/// </summary>
public sealed class ModuleTemplates(Assembly assembly)
{
    public IFileProvider Files { get; } =
        new EmbeddedFileProvider(assembly, assembly.GetName().Name + ".Templates");
}
