using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Themes;
using Outreach.Pages.Admin;

namespace Outreach.Pages.Pages.Admin.Content;

/// <summary>A draft as the public would see it, in the site's theme; never cached, never indexed.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class PreviewModel(OutreachDbContext db, LiquidViews views) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        if (!ArticleKinds.IsKnown(kind)) return NotFound();
        var item = await ArticleKinds.Query(db, kind, includeDeleted: true).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (item is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        var html = item is NewsItem news
            ? await views.RenderPageAsync(HttpContext, "news-item", new NewsItemPage(NewsView.From(news, HttpContext), "预览：" + news.Title))
            : await views.RenderPageAsync(HttpContext, "page", new PagePage(PageView.From(item), "预览：" + item.Title));
        return html is null ? StatusCode(500) : Content(html, "text/html; charset=utf-8");
    }
}
