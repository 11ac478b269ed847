using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>
/// What a manage link opens. A forged or altered token is refused before any lookup; a deleted (anonymised)
/// registration is gone; a link older than <see cref="RegistrationOptions.ManageLinkDays"/> after its event
/// (or slot) ended has expired (410). An event the organiser deleted keeps its registrants' links working
/// read-only: they can still see, download and delete their data, nothing else.
/// </summary>
public sealed class ManageAccess(OutreachDbContext db, ManageTokens tokens, IOptions<RegistrationOptions> options, TimeProvider clock)
{
    public enum Denial { None, Forged, Missing, Expired }

    /// <param name="EventDeleted">The organiser deleted the event: read-only.</param>
    public sealed record Found(Registration Registration, Event Event, TicketOption? Option, RegistrationForm? Form, bool EventDeleted)
    {
        public bool ReadOnly => EventDeleted;
    }

    public const string ExpiredMessage = "此管理链接已过期：活动结束 {0} 天后链接失效，个人信息将按网站的留存期限匿名化。如有疑问请联系主办方。";
    public const string EventDeletedMessage = "主办方已删除本活动，报名不再有效。您仍可查看、下载或删除您的个人信息。";

    public string Expired => string.Format(System.Globalization.CultureInfo.InvariantCulture, ExpiredMessage, options.Value.ManageLinkDays);

    public async Task<(Found? Found, Denial Denial)> FindAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } key) return (null, Denial.Forged);
        var r = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
        if (r is null || r.AnonymisedAt is not null) return (null, Denial.Missing);
        // The event row outlives a soft delete; a hard delete took the registration with it (cascade).
        var ev = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstOrDefaultAsync(e => e.Id == r.EventId, ct);
        if (ev is null) return (null, Denial.Missing);
        var option = await db.Set<TicketOption>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == r.OptionId, ct);
        var ends = new[] { ev.EndsAt, ev.RecurrenceEndsAt ?? ev.EndsAt, option?.EndsAt ?? ev.EndsAt }.Max();
        if (clock.GetUtcNow() > ends.AddDays(options.Value.ManageLinkDays)) return (null, Denial.Expired);
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == r.EventId, ct);
        return (new Found(r, ev, option, form, ev.DeletedAt is not null), Denial.None);
    }
}
