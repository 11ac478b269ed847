using Outreach.Lecturers;

namespace Outreach.Dispatch;

/// <summary>
/// <see cref="ILecturerRoster"/> over the Lecturers module's read contract <see cref="LecturerDirectory"/>: public
/// fields only, plus the account id (for mail and for who may answer an offer). Cached per request scope.
/// </summary>
public sealed class LecturersRoster(LecturerDirectory directory) : ILecturerRoster
{
    IReadOnlyList<RosterLecturer>? _active;

    public async Task<IReadOnlyList<RosterLecturer>> ActiveAsync(CancellationToken ct)
    {
        if (_active is not null) return _active;
        var list = new List<RosterLecturer>();
        foreach (var p in await directory.FindAsync(new LecturerSearch(), ct))
            list.Add(await MapAsync(p, ct));
        return _active = list;
    }

    public async Task<RosterLecturer?> FindAsync(int lecturerId, CancellationToken ct) =>
        await directory.GetAsync(lecturerId, ct) is { } p ? await MapAsync(p, ct) : null;

    public async Task<IReadOnlyList<int>> LecturerIdsOfUserAsync(int userId, CancellationToken ct) =>
        await directory.LecturerOfAccountAsync(userId, ct) is { } id ? [id] : [];

    async Task<RosterLecturer> MapAsync(LecturerProfile p, CancellationToken ct) => new(
        p.Id, await directory.AccountOfAsync(p.Id, ct), p.Name, p.Slug, p.Url,
        p.Topics.Select(t => new RosterTopic(t.Id, p.Id, t.Title, t.Summary, t.AudienceNames)).ToList(),
        p.Regions.Select(r => new RosterRegion(r.City, r.County)).ToList(),
        p.Languages.Select(code => LecturerWords.Languages.FirstOrDefault(l => l.Code == code).Zh ?? code).ToList(),
        p.Availability.Days.Contains("weekdays"), p.Availability.Days.Contains("weekends"), p.Availability.Months,
        p.Availability.PausedUntil is { } until ? new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)) : null);
}
