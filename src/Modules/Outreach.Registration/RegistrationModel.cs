using Outreach.Core.Data;

namespace Outreach.Registration;

/// <summary>
/// How an event takes registrations: the window, the per-person limit, approval, the waitlist and the
/// questions asked. One per event; an event without it takes no registrations.
/// </summary>
public sealed class RegistrationForm : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int EventId { get; set; }

    /// <summary>Registration opens at this instant (null: as soon as the event is published).</summary>
    public DateTimeOffset? OpensAt { get; set; }

    /// <summary>Registration closes at this instant (null: when the event starts).</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>Most seats one registration may take (a teacher's class); 1 = individuals only.</summary>
    public int MaxGroupSize { get; set; } = 1;

    /// <summary>Registrations wait for an organiser (forum seats for professionals); they hold their seat meanwhile.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>Over capacity, people join a waitlist instead of being turned away.</summary>
    public bool Waitlist { get; set; }

    /// <summary>How long a waitlisted person has to confirm an offered seat.</summary>
    public int OfferHours { get; set; } = 24;

    /// <summary>Identity-card numbers are asked (only where an event truly needs them), encrypted at rest.</summary>
    public bool RequiresIdCard { get; set; }

    /// <summary>Custom questions as JSON (<see cref="Question"/>[]).</summary>
    public string QuestionsJson { get; set; } = "[]";
}

/// <summary>Seats that one or more options draw from (a hall shared by two sessions). <see cref="Taken"/> only moves by conditional update.</summary>
public sealed class Quota : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int EventId { get; set; }
    public string Name { get; set; } = "";
    public int Capacity { get; set; }

    /// <summary>Seats held by confirmed, pending and offered registrations.</summary>
    public int Taken { get; set; }
}

/// <summary>A ticket type or time slot (e.g. 09:00–11:00 场) drawing from a quota.</summary>
public sealed class TicketOption : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int EventId { get; set; }
    public int QuotaId { get; set; }
    public Quota? Quota { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>Kept for later; everything is free now (yuan, 0 = free).</summary>
    public decimal Price { get; set; }
}

public enum RegistrationStatus
{
    /// <summary>Waits for an organiser; holds a seat.</summary>
    Pending = 0,
    Confirmed = 1,

    /// <summary>No seat; in line by <see cref="Registration.Id"/>.</summary>
    Waitlisted = 2,

    /// <summary>A freed seat is held for this person until <see cref="Registration.OfferExpiresAt"/>.</summary>
    Offered = 3,
    Cancelled = 4,
    Rejected = 5,

    /// <summary>An offer that was not taken up in time.</summary>
    Expired = 6,
}

/// <summary>
/// One person's (or one group's) registration. Personal fields are blanked by the retention job; the
/// status, option, group size, attendance and times stay for statistics.
/// </summary>
[Outreach.Core.Caching.NotOnPublicPages] // seat counts change through the desk, which evicts itself
public sealed class Registration : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>What the manage link's signed token carries.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();

    public int EventId { get; set; }
    public int OptionId { get; set; }
    public RegistrationStatus Status { get; set; }

    /// <summary>Printed on the ticket and in the QR code; unique across the installation.</summary>
    public string TicketCode { get; set; } = "";

    public int GroupSize { get; set; } = 1;
    public string Name { get; set; } = "";

    /// <summary>Normalised 11-digit mainland mobile number.</summary>
    public string Phone { get; set; } = "";

    /// <summary>Lower-cased address, or empty.</summary>
    public string Email { get; set; } = "";

    /// <summary>Answers to the form's questions as a JSON object keyed by question id.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>Data-Protection ciphertext of the ID-card number, when the event needs one.</summary>
    public string? IdCardProtected { get; set; }

    /// <summary>Last four characters of the ID card for the admin's masked view.</summary>
    public string IdCardTail { get; set; } = "";

    /// <summary>The phone while the registration is active: unique per event, so one person cannot hold two. Null once cancelled.</summary>
    public string? ActivePhone { get; set; }

    /// <summary>Like <see cref="ActivePhone"/> for the email.</summary>
    public string? ActiveEmail { get; set; }

    /// <summary>The client's Idempotency-Key: a retried request returns this registration.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the normalised request that created it: a reused key with another body is refused.</summary>
    public string? IdempotencyHash { get; set; }

    /// <summary>
    /// When the manage link was last mailed because someone registered again with this phone or email; the
    /// conditional UPDATE on it limits such mails to one per <see cref="RegistrationOptions.ManageLinkMailMinutes"/>.
    /// </summary>
    public DateTimeOffset? ManageLinkMailedAt { get; set; }

    /// <summary>The signed-in account that registered, if any (their registrations across sites).</summary>
    public int? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public int CheckedInCount { get; set; }

    /// <summary>Set after the event for confirmed registrations nobody checked in.</summary>
    public bool NoShow { get; set; }

    public DateTimeOffset? ReminderSentAt { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>Why an organiser rejected it (mailed to the person).</summary>
    public string DecisionNote { get; set; } = "";

    /// <summary>Holds a seat of its option's quota.</summary>
    public bool HoldsSeat => Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Offered;

    public bool IsActive => HoldsSeat || Status == RegistrationStatus.Waitlisted;

    public static readonly RegistrationStatus[] SeatHolding = [RegistrationStatus.Pending, RegistrationStatus.Confirmed, RegistrationStatus.Offered];
}

public static class RegistrationStatuses
{
    public static string Word(RegistrationStatus s) => s.ToString().ToLowerInvariant();

    public static string Chinese(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Pending => "待审核",
        RegistrationStatus.Confirmed => "报名成功",
        RegistrationStatus.Waitlisted => "候补中",
        RegistrationStatus.Offered => "候补递补待确认",
        RegistrationStatus.Cancelled => "已取消",
        RegistrationStatus.Rejected => "未通过",
        RegistrationStatus.Expired => "递补已过期",
        _ => s.ToString(),
    };
}
