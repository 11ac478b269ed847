namespace Outreach.Core.Modules;

/// <summary>
/// An entry of the admin menu. Modules register theirs as singleton instances; the admin shows the entries of
/// the modules the site enables (<see cref="Enabled{T}"/>) whose permission the person has on the current site.
/// </summary>
public sealed record AdminMenuItem(string Title, string Path, string Permission, int Order = 100);
