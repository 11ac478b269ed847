using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Modules;

namespace Outreach.Web.Cli;

/// <summary><c>modules list</c>: what this host runs, read from the modules' manifests and the sites.</summary>
public static class ModulesVerb
{
    /// <summary>
    /// One line per module, dependencies first:
    /// <c>Registration  报名  requires: Events  permissions: registrations.manage, registrations.checkin  sites: carnival, month</c>.
    /// </summary>
    public static async Task<int> ListAsync(IServiceProvider services, TextWriter output)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        foreach (var module in services.GetRequiredService<ModuleCatalog>().Modules)
        {
            var manifest = module.Manifest;
            var on = module.AlwaysEnabled ? "(all)" : string.Join(", ", sites.Where(s => s.HasModule(module.Id)).Select(s => s.Name));
            output.WriteLine(string.Join("  ",
                $"{module.Id,-14}",
                manifest.DisplayNameZh,
                $"requires: {List(manifest.Requires)}",
                $"permissions: {List(manifest.Permissions.Select(p => p.Name))}",
                $"sites: {(on.Length > 0 ? on : "—")}"));
        }
        return 0;
    }

    static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "—";
}
