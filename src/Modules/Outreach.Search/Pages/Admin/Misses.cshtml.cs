using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Search.Misses;

namespace Outreach.Search.Pages.Admin;

/// <summary>"Searches with no results" on this site, most frequent first: the usual way to find missing synonyms.</summary>
[SitePermission(Permissions.ManageSite)]
public sealed class MissesModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public const int Shown = 200;
    public IReadOnlyList<SearchMiss> Misses { get; private set; } = [];
    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct) =>
        Misses = await db.Set<SearchMiss>().AsNoTracking().OrderByDescending(m => m.Count).ThenByDescending(m => m.LastAt).Take(Shown).ToListAsync(ct);

    /// <summary>Starts a new list, e.g. after the synonyms were tuned.</summary>
    public async Task<IActionResult> OnPostClearAsync(CancellationToken ct)
    {
        var removed = await db.Set<SearchMiss>().ExecuteDeleteAsync(ct);
        audit.Record(User, "search.misses.clear", "search-misses", removed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "列表已清空。";
        return RedirectToPage();
    }
}
