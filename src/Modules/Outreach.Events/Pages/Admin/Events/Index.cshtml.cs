using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>The site's events, drafts included, latest start first.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site) : PageModel
{
    public List<Event> Items { get; private set; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Set<Event>().AsNoTracking().OrderByDescending(e => e.StartsAt).Take(500).ToListAsync(ct);
}
