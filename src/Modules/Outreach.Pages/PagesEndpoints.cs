using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Pages;

/// <summary>Public pages: the home page, pages and news. Only published items are shown.</summary>
public static class PagesEndpoints
{
    public const int NewsPageSize = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext http, OutreachDbContext db, LiquidViews views, Enabled<IHomeSection> sections, CancellationToken ct) =>
        {
            var home = await db.Set<Page>().AsNoTracking().Published().FirstOrDefaultAsync(p => p.Slug == Page.HomeSlug, ct);
            var news = await db.Set<NewsItem>().AsNoTracking().Published().OrderByDescending(n => n.PublishedAt).Take(6).ToListAsync(ct);
            var blocks = new List<HomeSection>();
            foreach (var section in sections) if (await section.BuildAsync(http, ct) is { } block) blocks.Add(block);
            return await views.PageAsync(http, "home", new HomePage(home is null ? null : PageView.From(home), news.Select(n => NewsView.From(n, http)).ToList(), blocks.OrderBy(b => b.Order).ToList()));
        }).WithName("Home").ExcludeFromDescription();

        app.MapGet("/pages/{id:int}", (int id, HttpContext http, OutreachDbContext db, CancellationToken ct) =>
            RedirectToSlug(db.Set<Page>(), id, http, "/pages/", ct)).ExcludeFromDescription();

        app.MapGet("/pages/{slug}", async (string slug, HttpContext http, OutreachDbContext db, LiquidViews views, CancellationToken ct) =>
        {
            var page = await db.Set<Page>().AsNoTracking().Published().FirstOrDefaultAsync(p => p.Slug == slug, ct);
            return page is null ? Results.NotFound() : await views.PageAsync(http, "page", new PagePage(PageView.From(page), page.Title));
        }).ExcludeFromDescription();

        app.MapGet("/news", async (int? page, HttpContext http, OutreachDbContext db, LiquidViews views, CancellationToken ct) =>
        {
            var number = Math.Max(1, page ?? 1);
            var query = db.Set<NewsItem>().AsNoTracking().Published();
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
                .Skip((number - 1) * NewsPageSize).Take(NewsPageSize).ToListAsync(ct);
            var pages = Math.Max(1, (total + NewsPageSize - 1) / NewsPageSize);
            return await views.PageAsync(http, "news-list", new NewsListPage(items.Select(n => NewsView.From(n, http)).ToList(),
                new Paging(number, pages, total, number > 1 ? $"{number - 1}" : null, number < pages ? $"{number + 1}" : null)));
        }).ExcludeFromDescription();

        app.MapGet("/news/{id:int}", (int id, HttpContext http, OutreachDbContext db, CancellationToken ct) =>
            RedirectToSlug(db.Set<NewsItem>(), id, http, "/news/", ct)).ExcludeFromDescription();

        app.MapGet("/news/{slug}", async (string slug, HttpContext http, OutreachDbContext db, LiquidViews views, CancellationToken ct) =>
        {
            var item = await db.Set<NewsItem>().AsNoTracking().Published().FirstOrDefaultAsync(p => p.Slug == slug, ct);
            return item is null ? Results.NotFound() : await views.PageAsync(http, "news-item", new NewsItemPage(NewsView.From(item, http), item.Title));
        }).ExcludeFromDescription();
    }

    static async Task<IResult> RedirectToSlug<T>(DbSet<T> set, int id, HttpContext http, string prefix, CancellationToken ct) where T : Article
    {
        var slug = await set.AsNoTracking().Published().Where(p => p.Id == id).Select(p => p.Slug).FirstOrDefaultAsync(ct);
        return slug is null ? Results.NotFound() : Results.Redirect(http.Request.PathBase + prefix + slug, permanent: true);
    }

    /// <summary>Published and not deleted (the Deleted filter already hides deleted rows).</summary>
    public static IQueryable<T> Published<T>(this IQueryable<T> query) where T : PublishableContent =>
        query.Where(x => x.Status == ContentStatus.Published);
}
