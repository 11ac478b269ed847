using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Pages.Admin;

namespace Outreach.Pages.Pages.Admin.Content;

[SitePermission(Permissions.EditContent)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site) : PageModel
{
    public string Kind { get; private set; } = "page";
    public bool ShowDeleted { get; private set; }
    public List<Article> Items { get; private set; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(string kind, bool deleted, CancellationToken ct)
    {
        if (!ArticleKinds.IsKnown(kind)) return NotFound();
        Kind = kind;
        ShowDeleted = deleted;
        var query = ArticleKinds.Query(db, kind, includeDeleted: deleted);
        if (deleted) query = query.Where(a => a.DeletedAt != null);
        Items = await query.AsNoTracking().OrderByDescending(a => a.UpdatedAt).Take(500).ToListAsync(ct);
        return Page();
    }
}
