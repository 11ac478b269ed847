using Fluid;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>A registration as "我的报名" lists it.</summary>
public sealed record MyRegistrationView(string Title, DateTimeOffset StartsAt, string Site, string Status, string TicketCode, string Url);

public sealed record MyRegistrationsView(IReadOnlyList<MyRegistrationView> Items);

/// <summary>
/// "我的报名" in the personal area: the signed-in person's registrations on every site, each with its manage link.
/// Registrations were given to an organiser for an event, so deleting the account unlinks them rather than cancels
/// them; their own manage links (in the confirmation mail) still view, cancel or delete them.
/// </summary>
public sealed class MyRegistrationsSection(OutreachDbContext db, SiteCatalog catalog, ManageTokens tokens) : IPersonalAreaSection
{
    public string Key => "registrations";

    IQueryable<Registration> Mine(int userId) =>
        db.Set<Registration>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(r => r.UserId == userId && r.AnonymisedAt == null);

    public async Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct)
    {
        var mine = await Mine(userId).OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        var eventIds = mine.Select(r => r.EventId).Distinct().ToList();
        var events = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var sites = await catalog.AllAsync(ct);
        var items = mine.Where(r => events.ContainsKey(r.EventId) && sites.Any(s => s.Id == r.SiteId)).Select(r =>
        {
            var site = sites.First(s => s.Id == r.SiteId);
            var ev = events[r.EventId];
            return new MyRegistrationView(ev.Title, ev.StartsAt, site.DisplayNameZh, RegistrationStatuses.Chinese(r.Status), r.TicketCode,
                site.LinkTo("/registrations/" + tokens.For(r)));
        }).ToList();
        return new PersonalAreaBlock(Key, "我的报名", "my-registrations", new MyRegistrationsView(items), 10);
    }

    public async Task<object?> ExportAsync(int userId, CancellationToken ct)
    {
        var mine = await Mine(userId).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var eventIds = mine.Select(r => r.EventId).Distinct().ToList();
        var titles = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        var sites = await catalog.AllAsync(ct);
        return mine.Select(r => new
        {
            site = sites.FirstOrDefault(s => s.Id == r.SiteId)?.DisplayNameZh ?? "",
            @event = titles.GetValueOrDefault(r.EventId, ""),
            status = RegistrationStatuses.Word(r.Status), r.TicketCode, r.Name, r.Phone, r.Email, r.GroupSize, r.CreatedAt, r.CheckedInAt,
        }).ToList();
    }

    public Task ForgetAsync(int userId, CancellationToken ct) =>
        db.Set<Registration>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(r => r.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, (int?)null), ct);
}

/// <summary>The section's view models are readable by templates.</summary>
public sealed class MyRegistrationsViews : ILiquidExtension
{
    public void Register(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<MyRegistrationView>();
        options.MemberAccessStrategy.Register<MyRegistrationsView>();
    }
}
