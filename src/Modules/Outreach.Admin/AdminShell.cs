using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin;

/// <summary>What the admin layout needs: the menu the person may see here, and the sites they can switch to.</summary>
public sealed class AdminShell(Enabled<AdminMenuItem> menu, SiteContext site, SiteAuthorization auth, OutreachDbContext db, SiteCatalog sites)
{
    public static readonly EmbeddedAsset Stylesheet =
        new(typeof(AdminShell).Assembly, "Outreach.Admin.Assets.admin.css", "/_admin/admin.css", "text/css; charset=utf-8");

    public static string StylesheetUrl => Stylesheet.Url;

    public SiteContext Site => site;

    public async Task<IReadOnlyList<AdminMenuItem>> MenuAsync(ClaimsPrincipal user)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in menu.OrderBy(m => m.Order))
        {
            if (await auth.HasAsync(user, item.Permission)) visible.Add(item);
        }
        return visible;
    }

    /// <summary>Sites where the person has a role (every site for a platform admin).</summary>
    public async Task<IReadOnlyList<Site>> SwitchableSitesAsync(ClaimsPrincipal user)
    {
        var all = await sites.AllAsync();
        if (SiteAuthorization.IsPlatformAdmin(user)) return all;
        if (user.UserId() is not { } userId) return [];
        var ids = await db.Set<SiteMembership>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(m => m.UserId == userId).Select(m => m.SiteId).ToListAsync();
        return all.Where(s => ids.Contains(s.Id)).ToList();
    }

    public static string AdminUrl(Site s) => s.LinkTo("/admin");
}
