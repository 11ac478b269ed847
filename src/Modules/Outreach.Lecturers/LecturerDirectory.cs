using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Lecturers;

/// <summary>A topic on a lecturer's "lecture menu". Audience and format are codes (<see cref="LecturerWords"/>).</summary>
public sealed record LecturerTopicInfo(int Id, string Title, string Summary, IReadOnlyList<string> Audiences, IReadOnlyList<string> AudienceNames,
    int DurationMinutes, IReadOnlyList<string> Formats);

public sealed record LecturerRegionInfo(string City, string County);

public sealed record LecturerDisciplineInfo(string Code, string Name, string Label);

public sealed record LecturerAvailabilityInfo(IReadOnlyList<string> Days, IReadOnlyList<int> Months, string Note, DateOnly? PausedUntil, bool AvailableNow);

public sealed record LecturerTeamInfo(int Id, string Slug, string Name, string Url);

/// <summary>
/// A lecturer as anyone may see them: public fields only. Fields the lecturer marked private are null, the photo only
/// when made public; phone and e-mail are never part of it. <see cref="Url"/> is absolute, from the configured origin.
/// </summary>
public sealed record LecturerProfile(
    int Id, string Slug, string Name, string Url, string Status, string? Gender, int? BirthYear, string? Organisation,
    string TitleLevel, string ProfessionalTitle, string Bio, string? PhotoUrl, IReadOnlyList<LecturerDisciplineInfo> Fields,
    IReadOnlyList<LecturerTopicInfo> Topics, IReadOnlyList<LecturerRegionInfo> Regions, IReadOnlyList<string> Languages,
    LecturerAvailabilityInfo Availability, IReadOnlyList<LecturerTeamInfo> Teams, string Site);

/// <summary>What <see cref="LecturerDirectory.FindAsync"/> filters by; null or empty means any.</summary>
/// <param name="Field">A discipline code (a first-level code includes its children).</param>
/// <param name="Audience">An audience code (<c>students</c>, <c>seniors</c>, …) one of the topics is for.</param>
/// <param name="City">A city the lecturer travels to (广州 …).</param>
/// <param name="County">With <paramref name="City"/>: a county; lecturers who cover the whole city match too.</param>
/// <param name="Language">A language code (<c>cantonese</c>, …).</param>
/// <param name="Team">A team slug.</param>
/// <param name="AvailableOn">Only lecturers available that day (not paused then; weekday/weekend and month fit).</param>
public sealed record LecturerSearch(string? Field = null, string? Audience = null, string? City = null, string? County = null,
    string? Language = null, string? Team = null, DateOnly? AvailableOn = null);

/// <summary>
/// The module's public read contract for other modules (lecture requests and dispatch): approved lecturers of the
/// current site with their topics, regions, languages and availability. Public fields only; the account id is
/// given apart (<see cref="AccountOfAsync"/>) for mailing the lecturer through the outbox, never for display.
/// </summary>
public sealed class LecturerDirectory(OutreachDbContext db, SiteContext site, SiteLinks links, TimeProvider clock)
{
    /// <summary>Approved (and paused) lecturers of the current site matching <paramref name="search"/>, by name.</summary>
    public async Task<IReadOnlyList<LecturerProfile>> FindAsync(LecturerSearch search, CancellationToken ct = default)
    {
        var query = await LecturerQuery.FilterAsync(LecturerQuery.Public(db), search, db, [site.Required.Id], ct);
        var rows = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Take(2000).ToListAsync(ct);
        var profiles = await BuildAsync(rows, ct);
        return search.AvailableOn is { } day ? profiles.Where((_, i) => LecturerQuery.IsAvailable(rows[i], day)).ToList() : profiles;
    }

    /// <summary>A public (approved or paused) lecturer of the current site, or null.</summary>
    public async Task<LecturerProfile?> GetAsync(int id, CancellationToken ct = default)
    {
        var row = await LecturerQuery.Public(db).FirstOrDefaultAsync(l => l.Id == id, ct);
        return row is null ? null : (await BuildAsync([row], ct))[0];
    }

    /// <summary>The name to show for a lecturer of the current site in any state (e.g. on a past lecture), or null when unknown.</summary>
    public Task<string?> PublicNameAsync(int id, CancellationToken ct = default) =>
        db.Set<Lecturer>().AsNoTracking().Where(l => l.Id == id).Select(l => l.AnonymisedAt == null ? l.Name : "已退出的讲师").FirstOrDefaultAsync(ct);

    /// <summary>The account behind a lecturer of the current site (to mail them through the outbox); null when anonymised.</summary>
    public Task<int?> AccountOfAsync(int lecturerId, CancellationToken ct = default) =>
        db.Set<Lecturer>().AsNoTracking().Where(l => l.Id == lecturerId).Select(l => l.UserId).FirstOrDefaultAsync(ct);

    /// <summary>The current site's lecturer id of an account (any state but left), or null.</summary>
    public Task<int?> LecturerOfAccountAsync(int userId, CancellationToken ct = default) =>
        db.Set<Lecturer>().AsNoTracking().Where(l => l.UserId == userId && l.Status != LecturerStatus.Left).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);

    /// <summary>Public profiles of the given rows (the caller decided they may be shown), in the given order.</summary>
    public Task<IReadOnlyList<LecturerProfile>> BuildAsync(IReadOnlyList<Lecturer> rows, CancellationToken ct = default) =>
        LecturerProfiles.BuildAsync(db, new Dictionary<int, Site> { [site.Required.Id] = site.Required }, links, rows, Today(), ct);

    DateOnly Today() => DateOnly.FromDateTime(OutreachTime.ToBeijing(clock.GetUtcNow()).DateTime);
}
