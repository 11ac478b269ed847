using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Sites;

namespace Outreach.Core.Search;

public static class EnabledSearchSources
{
    /// <summary>
    /// <see cref="ISearchDocumentSource.LoadAsync"/> without the documents of sites that do not enable the source's
    /// module: the index never shows them, and an update drops them once a site disables the module.
    /// </summary>
    public static async Task<IReadOnlyList<SearchDocument>> LoadEnabledAsync(this ISearchDocumentSource source, OutreachDbContext db,
        IReadOnlyCollection<string>? keys, IServiceProvider services, CancellationToken ct)
    {
        var documents = await source.LoadAsync(db, keys, ct);
        var sites = (await services.GetRequiredService<SiteCatalog>().AllAsync(ct)).ToDictionary(s => s.Id);
        var modules = services.GetRequiredService<ModuleCatalog>();
        return documents.Where(d => sites.TryGetValue(d.SiteId, out var site) && modules.IsEnabled(source, site)).ToList();
    }
}
