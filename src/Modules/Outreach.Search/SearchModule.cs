using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Recipes;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Outreach.Core.Themes;
using Outreach.Search.Misses;
using Outreach.Search.Synonyms;

namespace Outreach.Search;

/// <summary>
/// Full-text search with Chinese analysis over what every module offers through
/// <see cref="Core.Search.ISearchDocumentSource"/>; a site searches itself, the portal every site.
/// </summary>
public sealed class SearchModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Search", "搜索", "Search")
    {
        ReservedPrefixes = ["search"],
        TemplateModels = [typeof(SearchPageView), typeof(SearchHitView), typeof(SearchPaging), typeof(SearchFacetView), typeof(SearchFacetValueView)],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().BindConfiguration("Outreach:Search").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<SearchFacetLabels>();
        services.AddSingleton<SynonymBook>();
        services.AddScoped<SearchMissLog>();
        services.AddSingleton<SearchSignal>();
        services.AddSingleton<SearchChangeInterceptor>();
        // Wakes the worker when this node commits a content change, so the writer's node finds it at once.
        services.ConfigureDbContext<OutreachDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<SearchChangeInterceptor>()));
        services.AddHostedService<SearchWorker>();
        // Cluster: each node's checkpoint, the trim of the log behind the slowest node, readiness for the balancer.
        services.AddSingleton<Indexing.SearchCheckpoints>();
        services.AddSingleton<Indexing.SearchReadiness>();
        services.AddSingleton<Core.Cluster.IReadinessCheck>(sp => sp.GetRequiredService<Indexing.SearchReadiness>());
        services.AddScheduledJob<Indexing.TrimSearchChangesJob>("0 */5 * ? * *", "清理各节点都已应用的索引变更 / trim the search change log");
        services.AddSingleton<IRecipeStep, SynonymsStep>();
        services.AddSingleton(new AdminMenuItem("搜索同义词", "/admin/search/synonyms", Permissions.ManageSite, 960));
        services.AddSingleton(new AdminMenuItem("无结果的搜索", "/admin/search/misses", Permissions.ManageSite, 961));
        services.AddSingleton(new AdminMenuItem("搜索索引", "/admin/search", Permissions.ManagePlatform, 970));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<SiteSynonymList>(e =>
        {
            e.HasIndex(s => s.SiteId).IsUnique();
            e.Property(s => s.Rules).HasMaxLength(100_000);
        });
        model.Entity<Indexing.SearchNodeCheckpoint>(e =>
        {
            e.HasKey(c => c.NodeId);
            e.Property(c => c.NodeId).HasMaxLength(Indexing.SearchNodeCheckpoint.NodeIdLength);
        });
        model.Entity<SearchMiss>(e =>
        {
            e.HasIndex(m => new { m.SiteId, m.Query }).IsUnique();
            e.HasIndex(m => new { m.SiteId, m.Count });
            e.Property(m => m.Query).HasMaxLength(SearchService.MaxQueryLength);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => SearchEndpoints.Map(endpoints);
}
