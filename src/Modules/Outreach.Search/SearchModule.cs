using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Security;

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
        TemplateModels = [typeof(SearchPage), typeof(SearchHit)],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().BindConfiguration("Outreach:Search").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchService>();
        services.AddHostedService<SearchWorker>();
        services.AddSingleton(new AdminMenuItem("搜索索引", "/admin/search", Permissions.ManagePlatform, 970));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => SearchEndpoints.Map(endpoints);
}
