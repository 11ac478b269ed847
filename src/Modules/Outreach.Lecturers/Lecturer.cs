using Outreach.Core.Data;

namespace Outreach.Lecturers;

/// <summary>Where a lecturer stands on one site. Public: <see cref="Approved"/> and <see cref="Paused"/>.</summary>
public enum LecturerStatus { Pending = 0, ChangesRequested = 1, Approved = 2, Rejected = 3, Paused = 4, Left = 5 }

public enum LecturerGender { Unspecified = 0, Male = 1, Female = 2 }

/// <summary>职称 level: 正高 / 副高 / 中级 / 其他 (the free text says which title exactly).</summary>
public enum TitleLevel { Other = 0, Senior = 1, AssociateSenior = 2, Intermediate = 3 }

/// <summary>Who a topic is for (讲座对象).</summary>
[Flags]
public enum LectureAudiences { None = 0, Students = 1, Residents = 2, Seniors = 4, Farmers = 8, Employees = 16, Officials = 32 }

[Flags]
public enum LectureFormats { None = 0, OnSite = 1, Online = 2 }

[Flags]
public enum LecturerLanguages { None = 0, Mandarin = 1, Cantonese = 2, Hakka = 4, Teochew = 8, English = 16 }

[Flags]
public enum AvailableDays { None = 0, Weekdays = 1, Weekends = 2 }

/// <summary>Fields a lecturer may keep to the reviewers: never on public pages or in public APIs.</summary>
[Flags]
public enum PrivateFields { None = 0, Gender = 1, BirthYear = 2, Organisation = 4 }

/// <summary>
/// A volunteer lecturer (科普讲师) of one site, linked to a platform account. The row holds the version the public
/// sees once approved; a later substantive change (fields, title, photo) waits in a <see cref="LecturerApplication"/>
/// until a reviewer approves it, so the approved version stays public meanwhile.
/// </summary>
public sealed class Lecturer : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>The account; null once the lecturer left and the profile was anonymised.</summary>
    public int? UserId { get; set; }

    /// <summary>Stable identity for the search index.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();

    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public LecturerGender Gender { get; set; }
    public int? BirthYear { get; set; }
    public string Organisation { get; set; } = "";
    public TitleLevel TitleLevel { get; set; }

    /// <summary>The title as written: 主任医师, 研究员, 高级工程师.</summary>
    public string ProfessionalTitle { get; set; } = "";

    public string Bio { get; set; } = "";

    /// <summary>An image of the site's media library; shown only when <see cref="PhotoPublic"/> (faces stay private by default).</summary>
    public int? PhotoId { get; set; }

    public bool PhotoPublic { get; set; }
    public PrivateFields PrivateFields { get; set; }
    public LecturerLanguages Languages { get; set; }
    public AvailableDays AvailableDays { get; set; }

    /// <summary>Months available, bit 0 = January … bit 11 = December; 0 = all year.</summary>
    public int AvailableMonths { get; set; }

    public string AvailabilityNote { get; set; } = "";
    public LecturerStatus Status { get; set; }

    /// <summary>Paused: not available until this Beijing-time day.</summary>
    public DateOnly? PausedUntil { get; set; }

    public DateTimeOffset ConsentedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }

    public bool IsPublic => Status is LecturerStatus.Approved or LecturerStatus.Paused;
}

/// <summary>A topic the lecturer can lecture on: one line of the "lecture menu" (讲座菜单).</summary>
public sealed class LecturerTopic : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int LecturerId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public LectureAudiences Audiences { get; set; }
    public int DurationMinutes { get; set; }
    public LectureFormats Formats { get; set; }
}

/// <summary>A city (and optionally one county or district of it) the lecturer will travel to.</summary>
public sealed class LecturerRegion : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int LecturerId { get; set; }
    public string City { get; set; } = "";

    /// <summary>Empty: the whole city.</summary>
    public string County { get; set; } = "";
}

/// <summary>A 学科 the lecturer works in.</summary>
public sealed class LecturerDiscipline : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int LecturerId { get; set; }
    public int DisciplineId { get; set; }
}

/// <summary>The site's two-level 学科 list (医药卫生 › 公共卫生), seeded by the module and editable by site admins.</summary>
public sealed class Discipline : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Stable code used in URLs and recipes: <c>medicine</c>, <c>public-health</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
    public int? ParentId { get; set; }
    public int Position { get; set; }
}

/// <summary>A lecturer team (讲师团 / 分团) of a site.</summary>
public sealed class LecturerTeam : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int? CoverImageId { get; set; }
    public int? LeadLecturerId { get; set; }
    public int Position { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class LecturerTeamMember : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int TeamId { get; set; }
    public int LecturerId { get; set; }
}

public enum ApplicationKind { New = 0, Change = 1 }

public enum ApplicationStatus { Pending = 0, ChangesRequested = 1, Approved = 2, Rejected = 3, Withdrawn = 4 }

/// <summary>
/// One thing for the reviewers: a new lecturer, or a substantive change of an approved one. At most one is open
/// (pending or waiting for the applicant's changes) per lecturer: <see cref="OpenLecturerId"/> is unique.
/// </summary>
public sealed class LecturerApplication : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int LecturerId { get; set; }
    public ApplicationKind Kind { get; set; }
    public ApplicationStatus Status { get; set; }

    /// <summary>= LecturerId while open, null once decided: the database keeps one open application per lecturer.</summary>
    public int? OpenLecturerId { get; set; }

    /// <summary>For a change: the proposed substantive fields (<see cref="ProposedChange"/> as JSON).</summary>
    public string? ChangeJson { get; set; }

    /// <summary>The reviewer's comment or reason (asked-for changes, rejection).</summary>
    public string Reason { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int? DecidedByUserId { get; set; }
}

/// <summary>The substantive fields of a change that waits for review.</summary>
public sealed record ProposedChange(TitleLevel TitleLevel, string ProfessionalTitle, int? PhotoId, bool PhotoPublic, IReadOnlyList<int> DisciplineIds)
{
    public string Name { get; init; } = "";
}
