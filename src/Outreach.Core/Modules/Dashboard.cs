namespace Outreach.Core.Modules;

/// <summary>Counts a module shows on the admin dashboard of a site that has it enabled (<see cref="Enabled{T}"/>).</summary>
public interface IDashboardTile
{
    Task<IReadOnlyList<DashboardTile>> BuildAsync(CancellationToken ct);
}

public sealed record DashboardTile(string Title, string Value, string? Path = null);
