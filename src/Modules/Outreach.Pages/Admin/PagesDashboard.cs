using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Modules;

namespace Outreach.Pages.Admin;

/// <summary>Counts of pages and news on the dashboard.</summary>
public sealed class PagesDashboard(OutreachDbContext db) : IDashboardTile
{
    public async Task<IReadOnlyList<DashboardTile>> BuildAsync(CancellationToken ct) =>
    [
        new("页面", (await db.Set<Page>().CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture), "/admin/content/page"),
        new("新闻", (await db.Set<NewsItem>().CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture), "/admin/content/news"),
        new("草稿", (await db.Set<Page>().CountAsync(p => p.Status == ContentStatus.Draft, ct)
                  + await db.Set<NewsItem>().CountAsync(p => p.Status == ContentStatus.Draft, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
