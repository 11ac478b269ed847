using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Bases;

/// <summary>
/// A science education base (科普教育基地): a place the public can visit, accredited for a term. Published like
/// other content (slug, status, search queue); lists live in JSON columns, hours in <see cref="HoursJson"/>.
/// </summary>
public sealed class Base : PublishableContent
{
    public const string Type = "base";
    public override string ContentType => Type;

    /// <summary>Stable key for recipes (a second run updates).</summary>
    public string RecipeKey { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>Key of a <see cref="BaseCategory"/>.</summary>
    public string Category { get; set; } = "";

    /// <summary>Chinese name of a prefecture-level city (<see cref="Guangdong.Cities"/>).</summary>
    public string City { get; set; } = "";
    public string District { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>WGS-84 as surveyed; map links convert to GCJ-02/BD-09 (<see cref="GeoPoint"/>).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Rich text (HTML), sanitised on output like Pages (<c>rich_text</c>).</summary>
    public string Intro { get; set; } = "";

    /// <summary>Theme keys (<see cref="BaseVocabulary.Themes"/>).</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>Audience keys (<see cref="BaseVocabulary.Audiences"/>).</summary>
    public List<string> Audiences { get; set; } = [];
    public int MinAge { get; set; }
    public int MaxAge { get; set; } = 99;

    public bool Free { get; set; } = true;
    public string PriceText { get; set; } = "";
    public bool BookingRequired { get; set; }

    /// <summary>Accessibility keys (<see cref="BaseVocabulary.Accessibility"/>).</summary>
    public List<string> Accessibility { get; set; } = [];
    public string Transport { get; set; } = "";
    public string PublicPhone { get; set; } = "";

    /// <summary>Image ids of the site's media library.</summary>
    public List<int> PhotoIds { get; set; } = [];

    /// <summary>The opening-hours rules (<see cref="OpeningRules"/> as JSON).</summary>
    public string HoursJson { get; set; } = "{}";

    /// <summary>Group visits are confirmed at once instead of waiting for the base's staff.</summary>
    public bool AutoConfirm { get; set; }

    /// <summary>Most people a base receives in group visits per day over all its slots (null: only the slots' capacity counts).</summary>
    public int? DailyCapacity { get; set; }

    /// <summary>Where the base's staff get mail (accreditation reminders); never shown publicly.</summary>
    public string StaffEmail { get; set; } = "";
}

/// <summary>A kind of base (场馆类, 科研院所类 …); a seeded list the platform admin may edit.</summary>
public sealed class BaseCategory
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int Position { get; set; }
}

public enum AccreditationLevel { National = 0, Provincial = 1, City = 2 }

public enum AccreditationState { Active = 0, UnderReview = 1, Revoked = 2 }

/// <summary>One accreditation of a base (a base may be a provincial and a national base at once).</summary>
public sealed class Accreditation : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int BaseId { get; set; }
    public AccreditationLevel Level { get; set; }
    public string Issuer { get; set; } = "";
    public int YearAccredited { get; set; }
    public DateOnly TermEnds { get; set; }
    public AccreditationState State { get; set; }

    /// <summary>When the 90-day reminder went to the base (once per term end).</summary>
    public DateTimeOffset? ReminderSentAt { get; set; }
}

/// <summary>A person on the staff of one base: edits that base's page, hours, slots and bookings, nothing else.</summary>
public sealed class BaseStaff : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int BaseId { get; set; }
    public int UserId { get; set; }
}

public enum HolidayKind { Holiday = 0, Workday = 1 }

/// <summary>
/// A day of the national holiday calendar: a public holiday (放假) or a make-up working day (调休上班). Platform-wide,
/// maintained by the platform admin each year from the State Council's notice; never guessed.
/// </summary>
public sealed class PublicHoliday
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public HolidayKind Kind { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>
/// A visit slot of a base: a time range on one day with a capacity in people. <see cref="Taken"/> only moves
/// by conditional UPDATE (<c>Taken + n &lt;= Capacity</c>), like the registration engine's quotas.
/// </summary>
public sealed class VisitSlot : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int BaseId { get; set; }
    public DateOnly Date { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }
    public int Taken { get; set; }
    public int MinGroup { get; set; } = 1;
    public int MaxGroup { get; set; } = 50;

    /// <summary>Audience key this slot is meant for, or empty for anyone.</summary>
    public string Audience { get; set; } = "";
}

/// <summary>People booked at a base on one day over all slots, capped by the base's daily capacity.</summary>
public sealed class VisitDay : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int BaseId { get; set; }
    public DateOnly Date { get; set; }
    public int Capacity { get; set; }
    public int Taken { get; set; }
}

public enum VisitStatus { Pending = 0, Confirmed = 1, Declined = 2, Cancelled = 3 }

/// <summary>A group's booking of a slot. Personal fields are blanked by retention; counts stay for the yearly report.</summary>
public sealed class Visit : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>What the signed manage link carries.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();
    public int BaseId { get; set; }
    public int SlotId { get; set; }
    public VisitStatus Status { get; set; }
    public string TicketCode { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string Contact { get; set; } = "";
    public string Mobile { get; set; } = "";
    public string Email { get; set; } = "";
    public int GroupSize { get; set; }
    public string Ages { get; set; } = "";
    public int Adults { get; set; }
    public string SpecialNeeds { get; set; } = "";
    public int? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public int CheckedInCount { get; set; }
    public string DecisionNote { get; set; } = "";

    public bool HoldsSeats => Status is VisitStatus.Pending or VisitStatus.Confirmed;
}

public enum ReportState { Submitted = 0, Accepted = 1, Returned = 2 }

/// <summary>
/// A base's yearly report for assessment (年度报告): filed by the base's staff, reviewed by the association — accepted,
/// or returned with a comment and filed again. One per base and year (unique index).
/// </summary>
public sealed class YearlyReport : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int BaseId { get; set; }
    public int Year { get; set; }
    public int Visitors { get; set; }
    public int Activities { get; set; }
    public int Volunteers { get; set; }
    public int OpenDays { get; set; }
    public string Notes { get; set; } = "";
    public ReportState State { get; set; }
    public string ReviewComment { get; set; } = "";
    public int? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public int? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}

/// <summary>
/// An event (open day, activity) held at a base: the event is the Events module's own row — its campaign, page and
/// registration stay there — and this link lets the base's page list it. The event may belong to another site
/// (the 科普日 site publishes open days at the portal's bases), so the link is not site-filtered.
/// </summary>
public sealed class BaseEvent
{
    public int Id { get; set; }
    public int BaseId { get; set; }
    public int EventId { get; set; }
}

/// <summary>Length of every typed field of the module, used by the EF model, the API and the recipe.</summary>
public static class BaseLimits
{
    public const int Name = 200;
    public const int Category = 32;
    public const int City = 16;
    public const int District = 32;
    public const int Address = 300;
    public const int Summary = 1000;
    public const int Intro = 50_000;
    public const int PriceText = 200;
    public const int Transport = 1000;
    public const int Phone = 32;
    public const int HoursJson = 20_000;
    public const int Issuer = 200;
    public const int Organisation = 100;
    public const int Contact = 50;
    public const int Mobile = 11;
    public const int Email = Core.Mail.EmailAddress.MaxLength;
    public const int Ages = 50;
    public const int SpecialNeeds = 500;
    public const int Audience = 32;
    public const int DecisionNote = 500;
    public const int HolidayName = 50;
    public const int Key = 80;
    public const int ListJson = 2000;
    public const int ReportNotes = 4000;
    public const int ReportCount = 10_000_000;
}
