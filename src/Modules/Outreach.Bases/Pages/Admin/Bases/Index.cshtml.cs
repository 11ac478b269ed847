using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>
/// "我的基地": the bases the person runs (every base for the association), and for the association the accreditation
/// terms that end within 90 days, with whether the reminder went out.
/// </summary>
[Authorize]
public sealed class IndexModel(OutreachDbContext db, BaseStaffAccess access, SiteContext site, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string City, string Slug, int Pending, int Reports);

    public sealed record Term(int BaseId, string Base, string Level, DateOnly TermEnds, int DaysLeft, bool Reminded);

    public IReadOnlyList<Row> Bases { get; private set; } = [];
    public IReadOnlyList<Term> Expiring { get; private set; } = [];
    public bool ManagesAll { get; private set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ManagesAll = await access.ManagesAllAsync(User, ct);
        var userId = User.UserId() ?? 0;
        var mine = db.Set<Base>().AsNoTracking().Where(b => ManagesAll || db.Set<BaseStaff>().Any(s => s.BaseId == b.Id && s.UserId == userId));
        Bases = await mine.OrderBy(b => b.City).ThenBy(b => b.Title).Take(500).Select(b => new Row(b.Id, b.Title, b.City, b.Slug,
            db.Set<Visit>().Count(v => v.BaseId == b.Id && v.Status == VisitStatus.Pending),
            db.Set<YearlyReport>().Count(r => r.BaseId == b.Id))).ToListAsync(ct);
        if (!ManagesAll) return;
        var today = OpeningStatus.Today(clock.GetUtcNow());
        var until = today.AddDays(AccreditationReminderJob.DaysAhead);
        var terms = await db.Set<Accreditation>().AsNoTracking().Where(a => a.State != AccreditationState.Revoked && a.TermEnds >= today && a.TermEnds <= until)
            .Join(db.Set<Base>(), a => a.BaseId, b => b.Id, (a, b) => new { a, b.Title }).OrderBy(x => x.a.TermEnds).ToListAsync(ct);
        Expiring = terms.Select(x => new Term(x.a.BaseId, x.Title, BaseVocabulary.Levels[x.a.Level], x.a.TermEnds, x.a.TermEnds.DayNumber - today.DayNumber,
            x.a.ReminderSentAt is not null)).ToList();
    }
}
