using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin.Platform;

[SitePermission(Permissions.ManagePlatform)]
public sealed class PeopleModel(OutreachDbContext db, AccountAdministration accounts, AuditLog audit) : PageModel
{
    public List<OutreachUser> Users { get; private set; } = [];
    public List<SiteMembership> Memberships { get; private set; } = [];
    public List<Site> Sites { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public string SiteName(int id) => Sites.FirstOrDefault(s => s.Id == id)?.DisplayNameZh ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? password, string? displayName)
    {
        if (SingleLine.Check(displayName, FieldLimits.PersonName, out var name) is { } nameProblem)
        {
            Errors.Add("姓名" + nameProblem);
            await LoadAsync();
            return Page();
        }
        var result = await accounts.CreateAsync(email?.Trim() ?? "", password ?? "", platformAdmin: false, name);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            await LoadAsync();
            return Page();
        }
        audit.Record(User, "user.create", email!.Trim(), platformWide: true);
        await db.SaveChangesAsync();
        TempData["Message"] = $"已创建账号 {email}。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostGrantAsync(int userId, int siteId, SiteRole role)
    {
        if (!Enum.IsDefined(role) || !await db.Sites.AnyAsync(s => s.Id == siteId) || !await db.Set<OutreachUser>().AnyAsync(u => u.Id == userId))
            return BadRequest();
        var memberships = db.Set<SiteMembership>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        var existing = await memberships.FirstOrDefaultAsync(m => m.UserId == userId && m.SiteId == siteId);
        if (existing is null) db.Add(new SiteMembership { UserId = userId, SiteId = siteId, Role = role });
        else existing.Role = role;
        audit.Record(User, "role.grant", $"user {userId} @ site {siteId}", role.ToString(), platformWide: true);
        await db.SaveChangesAsync();
        TempData["Message"] = "角色已更新。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        var membership = await db.Set<SiteMembership>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).FirstOrDefaultAsync(m => m.Id == id);
        if (membership is null) return NotFound();
        db.Remove(membership);
        audit.Record(User, "role.remove", $"user {membership.UserId} @ site {membership.SiteId}", membership.Role.ToString(), platformWide: true);
        await db.SaveChangesAsync();
        TempData["Message"] = "角色已移除。";
        return RedirectToPage();
    }

    async Task LoadAsync()
    {
        Users = await db.Set<OutreachUser>().AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        Memberships = await db.Set<SiteMembership>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).AsNoTracking().ToListAsync();
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
    }
}
