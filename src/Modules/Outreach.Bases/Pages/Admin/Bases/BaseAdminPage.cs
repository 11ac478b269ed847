using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>
/// A page about one base: any signed-in person reaches it, then <see cref="BaseStaffAccess"/> decides — 404 for a base
/// that is not on this site, 403 for a base the person does not run. Staff have no site role, so no site permission fits.
/// </summary>
[Authorize]
public abstract class BaseAdminPage(OutreachDbContext db, BaseStaffAccess access, SiteContext site) : PageModel
{
    protected OutreachDbContext Db => db;
    protected SiteContext Site => site;

    public Base Base { get; private set; } = null!;

    public string SiteUrl(string path) => site.Url(path);

    public string BaseUrl(string path = "") => site.Url($"/admin/bases/{Base.Id}{path}");

    /// <summary>Loads the base for reading (tracked when <paramref name="track"/>); null when the person may go on, else the answer.</summary>
    protected async Task<IActionResult?> EnterAsync(int id, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Set<Base>() : db.Set<Base>().AsNoTracking();
        var b = await query.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return NotFound();
        if (!await access.CanManageAsync(User, id, ct)) return StatusCode(403);
        Base = b;
        return null;
    }

    protected IActionResult Back(string message, string path = "")
    {
        TempData["Message"] = message;
        return Redirect(BaseUrl(path));
    }
}
