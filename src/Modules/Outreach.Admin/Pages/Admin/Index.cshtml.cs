using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

[SitePermission(Permissions.ViewAdmin)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site, Enabled<IDashboardTile> tiles) : PageModel
{
    public List<DashboardTile> Tiles { get; } = [];
    public List<AuditEntry> Recent { get; private set; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var tile in tiles)
            Tiles.AddRange(await tile.BuildAsync(ct));
        Recent = await db.Set<AuditEntry>().Where(a => a.SiteId == site.SiteId).OrderByDescending(a => a.At).Take(15).ToListAsync(ct);
    }
}
