using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Bases;

public sealed record MyBaseView(string Name, string Url);

public sealed record MyBasesView(IReadOnlyList<MyBaseView> Items);

/// <summary>
/// "我管理的基地" in the personal area: a base's staff have no site role (so no admin menu entry), and reach their
/// bases' admin pages from here. Shown only to people on some base's staff.
/// </summary>
public sealed class MyBasesSection(OutreachDbContext db, SiteCatalog catalog) : IPersonalAreaSection
{
    public string Key => "base-staff";

    IQueryable<BaseStaff> Mine(int userId) => db.Set<BaseStaff>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(s => s.UserId == userId);

    public async Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct)
    {
        var rows = await Mine(userId).Join(db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), s => s.BaseId, b => b.Id, (s, b) => b)
            .OrderBy(b => b.Title).Take(50).ToListAsync(ct);
        if (rows.Count == 0) return null;
        var sites = await catalog.AllAsync(ct);
        var items = rows.Where(b => sites.Any(s => s.Id == b.SiteId))
            .Select(b => new MyBaseView(b.Title, sites.First(s => s.Id == b.SiteId).LinkTo($"/admin/bases/{b.Id}"))).ToList();
        return new PersonalAreaBlock(Key, "我管理的基地", "my-bases", new MyBasesView(items), 13);
    }

    public async Task<object?> ExportAsync(int userId, CancellationToken ct) =>
        await Mine(userId).Join(db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), s => s.BaseId, b => b.Id, (s, b) => new { baseName = b.Title })
            .ToListAsync(ct);

    public async Task ForgetAsync(int userId, CancellationToken ct) => await Mine(userId).ExecuteDeleteAsync(ct);
}
