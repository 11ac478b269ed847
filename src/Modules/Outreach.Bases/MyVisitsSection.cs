using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Registration;

namespace Outreach.Bases;

/// <summary>
/// "我的参观预约" in the personal area: the group visits the signed-in person booked, on every site, each with its
/// manage link (where they change or cancel). Deleting the account unlinks them; the bases keep the bookings.
/// </summary>
public sealed class MyVisitsSection(OutreachDbContext db, SiteCatalog catalog, ManageTokens tokens) : IPersonalAreaSection
{
    public string Key => "base-visits";

    IQueryable<Visit> Mine(int userId) => db.Set<Visit>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(v => v.UserId == userId);

    public async Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct)
    {
        var rows = await Mine(userId)
            .Join(db.Set<VisitSlot>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), v => v.SlotId, s => s.Id, (v, s) => new { v, s.StartsAt })
            .Join(db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]), x => x.v.BaseId, b => b.Id, (x, b) => new { x.v, x.StartsAt, b.Title })
            .OrderByDescending(x => x.StartsAt).Take(100).ToListAsync(ct);
        var sites = await catalog.AllAsync(ct);
        var items = rows.Where(x => sites.Any(s => s.Id == x.v.SiteId)).Select(x => new MyVisitView(x.Title, x.StartsAt, VisitStatuses.Chinese(x.v.Status),
            x.v.GroupSize, sites.First(s => s.Id == x.v.SiteId).LinkTo(VisitMails.ManagePath(tokens, x.v)))).ToList();
        return new PersonalAreaBlock(Key, "我的参观预约", "my-base-visits", new MyVisitsView(items), 12);
    }

    public async Task<object?> ExportAsync(int userId, CancellationToken ct) =>
        (await Mine(userId).OrderBy(v => v.CreatedAt).ToListAsync(ct)).Select(v => new
        {
            status = VisitStatuses.Word(v.Status), v.TicketCode, v.Organisation, v.Contact, v.Mobile, v.Email, v.GroupSize, v.Ages, v.Adults, v.SpecialNeeds, v.CreatedAt,
        }).ToList();

    public async Task ForgetAsync(int userId, CancellationToken ct) =>
        await Mine(userId).ExecuteUpdateAsync(s => s.SetProperty(v => v.UserId, (int?)null), ct);
}
