namespace Outreach.Core.Modules;

/// <summary>
/// An entry of the admin menu. Modules register theirs as singletons; the admin shows the entries whose
/// permission the person has on the current site (and whose module the site has enabled).
/// </summary>
public sealed record AdminMenuItem(string Title, string Path, string Permission, int Order = 100, string? ModuleId = null);
