using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// 报名管理: the site's events that take registrations with their counts, the events that could, and this
/// site's campaigns with counts over their events of every site. Counts only, so check-in staff may see it.
/// </summary>
[SitePermission(RegistrationPermissions.CheckIn)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site, SiteAuthorization auth, TimeProvider clock) : PageModel
{
    public sealed record EventRow(Event Event, int Capacity, int Taken, Counts Counts);

    public bool CanManage { get; private set; }
    public List<EventRow> Events { get; private set; } = [];
    public List<Event> WithoutRegistration { get; private set; } = [];
    public List<CampaignStats> Campaigns { get; private set; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = await auth.HasAsync(User, RegistrationPermissions.Manage, ct);
        var withForm = await db.Set<RegistrationForm>().AsNoTracking().Select(f => f.EventId).ToListAsync(ct);
        var events = await db.Set<Event>().AsNoTracking().Where(e => withForm.Contains(e.Id))
            .OrderByDescending(e => e.StartsAt).Take(200).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var seats = await RegistrationStatistics.SeatsAsync(db, ids, ct);
        var tallies = await RegistrationStatistics.TalliesAsync(db, ids, ct);
        Events = events.Select(e =>
        {
            var (capacity, taken) = seats.GetValueOrDefault(e.Id);
            return new EventRow(e, capacity, taken, Counts.From(tallies.Where(t => t.EventId == e.Id)));
        }).ToList();
        if (CanManage)
        {
            var now = clock.GetUtcNow();
            WithoutRegistration = await db.Set<Event>().AsNoTracking().Where(e => !withForm.Contains(e.Id) && e.EndsAt > now)
                .OrderBy(e => e.StartsAt).Take(50).ToListAsync(ct);
        }
        Campaigns = await RegistrationStatistics.CampaignsAsync(db, ct);
    }
}
