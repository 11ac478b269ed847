using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Outreach.Core.Themes;

/// <summary>
/// A module's default Liquid templates, embedded in its assembly under <c>Templates/</c>.
/// A theme overrides one by shipping a file of the same name in its <c>templates/</c> folder.
/// </summary>
/// <param name="ModuleId">The module that ships them; null for the kernel's own (layout, 404, error).</param>
public sealed class ModuleTemplates(Assembly assembly, string? moduleId = null)
{
    public string? ModuleId { get; } = moduleId;

    public IFileProvider Files { get; } =
        new EmbeddedFileProvider(assembly, assembly.GetName().Name + ".Templates");
}
