namespace Outreach.Dispatch;

/// <summary>What dispatch needs to know of a lecturer: public name, account, menu, travel region, availability, languages.</summary>
public sealed record RosterLecturer(
    int Id, int? UserId, string Name, string Slug, string ProfileUrl, IReadOnlyList<RosterTopic> Topics, IReadOnlyList<RosterRegion> Regions,
    IReadOnlyList<string> Languages, bool Weekdays, bool Weekends, IReadOnlyList<int> Months, DateTimeOffset? PausedUntil)
{
    /// <summary>The text the topic match runs over: topic titles and summaries.</summary>
    public string MenuText => string.Join(' ', Topics.Select(t => t.Title + " " + t.Summary));

    public bool AvailableAt(DateTimeOffset instant)
    {
        var local = Outreach.Core.Localization.OutreachTime.ToBeijing(instant);
        if (PausedUntil is { } until && until > instant) return false;
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend ? !Weekends : !Weekdays) return false;
        return Months.Count == 0 || Months.Contains(local.Month);
    }
}

/// <summary>Where a lecturer travels: a county, or a whole city when <see cref="County"/> is empty.</summary>
public sealed record RosterRegion(string City, string County)
{
    public bool Covers(string city, string county) =>
        city.Length > 0 && (City.StartsWith(city, StringComparison.Ordinal) || city.StartsWith(City, StringComparison.Ordinal))
        && (County.Length == 0 || county.Contains(County, StringComparison.Ordinal) || County.Contains(county, StringComparison.Ordinal));
}

/// <summary>An item of the lecture menu (a topic of an approved lecturer).</summary>
public sealed record RosterTopic(int Id, int LecturerId, string Title, string Summary, IReadOnlyList<string> Audiences);

/// <summary>
/// The lecturers of the current site as dispatch sees them. Implemented over the Lecturers module's read
/// contract (<see cref="LecturersRoster"/>); dispatch never reads the lecturers' tables itself.
/// </summary>
public interface ILecturerRoster
{
    /// <summary>Approved, published lecturers of the current site.</summary>
    Task<IReadOnlyList<RosterLecturer>> ActiveAsync(CancellationToken ct);

    Task<RosterLecturer?> FindAsync(int lecturerId, CancellationToken ct);

    /// <summary>The lecturer records (on any site) of an account.</summary>
    Task<IReadOnlyList<int>> LecturerIdsOfUserAsync(int userId, CancellationToken ct);
}
