using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;

namespace Outreach.Dispatch;

/// <summary>
/// What a tracking or rating link opens: forged → refused before any lookup; purged (retention) → gone; older than
/// <see cref="DispatchOptions.TrackLinkDays"/> after the lecture (or after the last preferred date) → expired.
/// </summary>
public sealed class RequestAccess(OutreachDbContext db, TrackTokens tokens, IOptions<DispatchOptions> options, TimeProvider clock)
{
    public enum Denial { None, Forged, Missing, Expired }

    public async Task<(LectureRequest? Request, Denial Denial)> FindAsync(string token, string purpose, CancellationToken ct)
    {
        if (tokens.Read(token, purpose) is not { } key) return (null, Denial.Forged);
        var r = await db.Set<LectureRequest>().FirstOrDefaultAsync(x => x.Key == key, ct);
        if (r is null || r.AnonymisedAt is not null) return (null, Denial.Missing);
        var lecture = await db.Set<LectureDispatch>().AsNoTracking().Where(d => d.RequestId == r.Id).MaxAsync(d => (DateTimeOffset?)d.EndsAt, ct);
        var last = new[] { lecture ?? r.PreferredAt1, r.PreferredTimes.Max(), r.CreatedAt }.Max();
        if (clock.GetUtcNow() > last.AddDays(options.Value.TrackLinkDays)) return (null, Denial.Expired);
        return (r, Denial.None);
    }
}
