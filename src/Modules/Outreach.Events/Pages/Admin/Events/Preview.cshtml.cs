using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>An event, draft or not, as the public would see it in the site's theme; never cached, never indexed.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class PreviewModel(OutreachDbContext db, SiteContext site, LiquidViews views) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (item is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        var links = await EventLinks.CreateAsync(HttpContext, ct);
        var model = await EventsEndpoints.EventPageAsync(item, EventLinks.Absolute(HttpContext, links.Path(item)), HttpContext, db, site, links, ct);
        var html = await views.RenderPageAsync(HttpContext, "event", model);
        return html is null ? StatusCode(500) : Content(html, "text/html; charset=utf-8");
    }
}
