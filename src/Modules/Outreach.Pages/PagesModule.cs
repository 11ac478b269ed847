using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Security;
using Outreach.Core.Search;

namespace Outreach.Pages;

/// <summary>Pages and news: the content every site has, and the site's home page.</summary>
public sealed class PagesModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Pages", "页面与新闻", "Pages and news")
    {
        ReservedPrefixes = ["pages", "news"],
        VisitorPages = ["/", "/pages/{slug}", "/news", "/news/{slug}"],
        RecipeSteps = [typeof(PagesRecipeStep), typeof(NewsRecipeStep)],
        TemplateModels = [typeof(PageView), typeof(NewsView), typeof(HomePage), typeof(PagePage), typeof(NewsListPage), typeof(NewsItemPage)],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IDashboardTile, Admin.PagesDashboard>();
        services.AddSingleton(new AdminMenuItem("页面", "/admin/content/page", Permissions.EditContent, 10));
        services.AddSingleton(new AdminMenuItem("新闻", "/admin/content/news", Permissions.EditContent, 11));
        services.AddSingleton<ISearchDocumentSource, ArticleSearchSource>();
        services.AddScoped<Outreach.Core.Content.ISitemapSource, ArticleSitemapSource>();
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<Page>(e => e.ToTable("Pages"));
        model.Entity<NewsItem>(e =>
        {
            e.ToTable("News");
            e.Property(n => n.Source).HasMaxLength(Outreach.Core.Data.FieldLimits.NewsSource);
            e.HasIndex(n => new { n.SiteId, n.Status, n.PublishedAt });
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PagesEndpoints.Map(endpoints);
        Admin.PagesAdminApi.Map(endpoints);
    }
}
