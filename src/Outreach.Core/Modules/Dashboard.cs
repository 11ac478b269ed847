namespace Outreach.Core.Modules;

/// <summary>Counts a module shows on the admin dashboard of a site that has it enabled.</summary>
public interface IDashboardTile
{
    string? ModuleId { get; }

    Task<IReadOnlyList<DashboardTile>> BuildAsync(CancellationToken ct);
}

public sealed record DashboardTile(string Title, string Value, string? Path = null);
