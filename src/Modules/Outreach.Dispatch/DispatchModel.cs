using Outreach.Core.Data;

namespace Outreach.Dispatch;

/// <summary>Who asks for a lecture (点单的单位类型).</summary>
public enum OrganisationType { School, Community, Village, Company, Government, Other }

/// <summary>
/// Where a request is in the loop 点单 → 派单 → 接单 → 评单. A declined or unanswered dispatch puts the request back
/// to <see cref="Submitted"/> (the queue); <see cref="Closed"/> is the office turning it down.
/// </summary>
public enum RequestStatus { Submitted, Dispatched, Accepted, Reported, Completed, Closed }

/// <summary>One offer of a request to one lecturer.</summary>
public enum DispatchStatus { Offered, Accepted, Declined, Escalated, Reported, Confirmed, Cancelled }

/// <summary>
/// A lecture ordered from the menu (点单). The contact person's name, mobile and email are private: they are shown
/// to the site's dispatchers and to the requester through the signed tracking link, never on public pages, to
/// lecturers or in logs, and are blanked after the site's retention (<see cref="AnonymisedAt"/>).
/// </summary>
public sealed class LectureRequest : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>The secret behind the tracking and rating links (the links carry it signed, never the id).</summary>
    public Guid Key { get; set; } = Guid.NewGuid();

    public string Organisation { get; set; } = "";
    public OrganisationType OrganisationType { get; set; }
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string Address { get; set; } = "";

    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    /// <summary>The menu item (a lecturer's topic) if one was chosen; else <see cref="Topic"/> is free text.</summary>
    public int? TopicId { get; set; }
    public string Topic { get; set; } = "";
    public string Audience { get; set; } = "";
    public int AudienceSize { get; set; }
    public DateTimeOffset PreferredAt1 { get; set; }
    public DateTimeOffset? PreferredAt2 { get; set; }
    public DateTimeOffset? PreferredAt3 { get; set; }
    public int DurationMinutes { get; set; } = 90;
    public bool Online { get; set; }
    public string Notes { get; set; } = "";

    public RequestStatus Status { get; set; }

    /// <summary>Null until the contact typed the code we sent; unconfirmed requests never reach the queue.</summary>
    public DateTimeOffset? ContactConfirmedAt { get; set; }
    public string ConfirmCodeHash { get; set; } = "";
    public DateTimeOffset? ConfirmCodeExpiresAt { get; set; }
    public int ConfirmAttempts { get; set; }

    /// <summary>A stop of a tour (上山下乡) this lecture belongs to, if any.</summary>
    public int? TourStopId { get; set; }

    /// <summary>Planned by the office (a tour lecture) rather than ordered by the public.</summary>
    public bool PlannedByOffice { get; set; }

    public int? Rating { get; set; }
    public string RatingComment { get; set; } = "";
    public DateTimeOffset? RatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FirstDispatchedAt { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }

    public IEnumerable<DateTimeOffset> PreferredTimes =>
        new[] { (DateTimeOffset?)PreferredAt1, PreferredAt2, PreferredAt3 }.Where(t => t is not null).Select(t => t!.Value);
}

/// <summary>An offer of a request to a lecturer (派单) and what followed: accept or decline (接单), the report, the office's confirmation.</summary>
public sealed class LectureDispatch : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int RequestId { get; set; }
    public int LecturerId { get; set; }

    /// <summary>The lecturer's account (who may answer), copied when dispatched.</summary>
    public int? LecturerUserId { get; set; }
    public string LecturerName { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DispatchStatus Status { get; set; }
    public DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset AnswerDueAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string DeclineReason { get; set; } = "";
    public DateTimeOffset? EscalatedAt { get; set; }

    public int? ActualAudience { get; set; }
    public int? ActualMinutes { get; set; }
    public string ReportNotes { get; set; } = "";

    /// <summary>Media ids of the report's photos, as a JSON array.</summary>
    public List<int> PhotoIds { get; set; } = [];
    public DateTimeOffset? ReportedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>
/// One row per lecturer account that accepting a dispatch locks first (an UPDATE), so two accepts for the same person
/// queue behind each other in PostgreSQL as they do in SQLite, and the overlap check that follows sees the other's
/// committed row. Keyed by the account, not the lecturer record: one person may lecture for several sites (a lecturer
/// record per site) and can still be in one place at a time. Platform-wide, outside the site filter.
/// </summary>
public sealed class LecturerSchedule
{
    public int UserId { get; set; }
    public int Accepts { get; set; }
}

/// <summary>Volunteer service hours for one confirmed lecture: its duration plus the site's travel allowance.</summary>
public sealed class ServiceRecord : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int DispatchId { get; set; }
    public int LecturerId { get; set; }
    public int? LecturerUserId { get; set; }
    public string LecturerName { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string Activity { get; set; } = "";
    public DateTimeOffset ServedAt { get; set; }
    public decimal Hours { get; set; }
    public decimal TravelHours { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public decimal TotalHours => Hours + TravelHours;
}

/// <summary>A change to a service record after confirmation, kept with who, when and why (志愿服务记录的更正留痕).</summary>
public sealed class ServiceCorrection : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ServiceRecordId { get; set; }
    public decimal OldHours { get; set; }
    public decimal NewHours { get; set; }
    public string Reason { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A certificate issued for one service or a year's total; its serial opens the public verification page.</summary>
public sealed class ServiceCertificate : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Serial { get; set; } = "";
    public int LecturerId { get; set; }
    public string LecturerName { get; set; } = "";
    public decimal Hours { get; set; }
    public int Services { get; set; }
    public DateTimeOffset PeriodFrom { get; set; }
    public DateTimeOffset PeriodTo { get; set; }

    /// <summary>The one service certified, or null for a year's total.</summary>
    public int? ServiceRecordId { get; set; }
    public int? Year { get; set; }
    public string Issuer { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>A tour to the mountains and villages (上山下乡): several stops, each with lectures dispatched like any request.</summary>
public sealed class Tour : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<TourStop> Stops { get; set; } = [];
}

public sealed class TourStop : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int TourId { get; set; }
    public int Position { get; set; }
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string Town { get; set; } = "";
    public string Venue { get; set; } = "";
    public DateTimeOffset Date { get; set; }
}
