using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

[SitePermission(Permissions.ViewAudit)]
public sealed class AuditModel(OutreachDbContext db, SiteContext site) : PageModel
{
    public const int PageSize = 50;
    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }

    public async Task OnGetAsync(int? p, CancellationToken ct)
    {
        PageNumber = Math.Max(1, p ?? 1);
        var query = db.Set<AuditEntry>().Where(a => a.SiteId == site.SiteId);
        Total = await query.CountAsync(ct);
        Entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}
