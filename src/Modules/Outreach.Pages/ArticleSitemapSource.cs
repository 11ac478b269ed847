using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Pages;

/// <summary>The site's published pages (the home page as "/") and news for its sitemap.</summary>
public sealed class ArticleSitemapSource(OutreachDbContext db, SiteContext site) : ISitemapSource
{
    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(HttpContext http, CancellationToken ct)
    {
        if (site.Site is null) return [];
        var pages = await db.Set<Page>().AsNoTracking().Published().Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(ct);
        var news = await db.Set<NewsItem>().AsNoTracking().Published().OrderByDescending(n => n.PublishedAt)
            .Select(n => new { n.Slug, n.UpdatedAt }).Take(10000).ToListAsync(ct);
        var entries = new List<SitemapEntry>();
        var home = pages.FirstOrDefault(p => p.Slug == Page.HomeSlug);
        entries.Add(new SitemapEntry("/", home?.UpdatedAt));
        entries.AddRange(pages.Where(p => p.Slug != Page.HomeSlug).OrderBy(p => p.Slug, StringComparer.Ordinal).Select(p => new SitemapEntry("/pages/" + p.Slug, p.UpdatedAt)));
        entries.Add(new SitemapEntry("/news", news.Select(n => (DateTimeOffset?)n.UpdatedAt).DefaultIfEmpty(null).Max()));
        entries.AddRange(news.Select(n => new SitemapEntry("/news/" + n.Slug, n.UpdatedAt)));
        return entries;
    }
}
