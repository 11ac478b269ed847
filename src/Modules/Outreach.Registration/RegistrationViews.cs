namespace Outreach.Registration;

// What the Registration templates and mails (and themes overriding them) may read; registered in
// RegistrationModule's manifest together with OptionView.

/// <summary>The event as a registration page or mail shows it.</summary>
public sealed record EventSummary(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string City, string District,
    string Address, string VenueName, string Url, bool Deleted = false)
{
    /// <summary>The venue's name, as the mails call it.</summary>
    public string Venue => VenueName;
}

/// <summary>The form's switches the page explains.</summary>
public sealed record FormSettings(int MaxGroupSize, bool RequiresIdCard, bool RequiresApproval, bool Waitlist);

/// <summary>A custom question with what was entered (<see cref="Values"/> for multiple choice) and its problem.</summary>
public sealed record QuestionField(string Id, string Label, string Kind, bool Required, IReadOnlyList<string> Choices,
    string? Value, IReadOnlyList<string> Values, string? Error = null);

/// <summary>What the person typed, shown again after a problem.</summary>
public sealed record FormValues(string OptionId, string Name, string Phone, string Email, string GroupSize);

/// <summary>The antiforgery field of a form.</summary>
public sealed record FormToken(string Name, string Value);

/// <summary><c>registration-form.liquid</c>. <see cref="Message"/> is the answer to a submission; <see cref="StateMessage"/> says whether registration is open.</summary>
public sealed record RegistrationFormPage(string Title, EventSummary Event, bool Open, string StateMessage, string Status,
    IReadOnlyList<OptionView> Options, FormSettings Form, IReadOnlyList<QuestionField> Questions, FormValues Values,
    IReadOnlyDictionary<string, string> Errors, string? Message, string Consent, FormToken Antiforgery, string Submission,
    string Honeypot, string Action);

/// <summary>A registration as its owner sees it on the manage page.</summary>
public sealed record RegistrationView(string Status, string StatusText, string TicketCode, string Name, string Phone, string Email,
    int GroupSize, DateTimeOffset? OfferExpiresAt, DateTimeOffset? CheckedInAt, string DecisionNote, bool Active, bool Offered, bool Confirmed);

public sealed record OptionSummary(string Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record AnswerView(string Label, string Answer);

/// <summary>Where the manage page's buttons post.</summary>
public sealed record ManageActions(string Confirm, string Cancel, string Answers, string Delete);

/// <summary><c>registration-manage.liquid</c>.</summary>
public sealed record RegistrationManagePage(string Title, RegistrationView Registration, EventSummary Event, OptionSummary Option,
    IReadOnlyList<QuestionField> Questions, IReadOnlyList<AnswerView> Answers, string? Message, FormToken Antiforgery,
    string Qr, string Data, string Ics, ManageActions Actions, int RetentionDays);

/// <summary><c>registration-deleted.liquid</c>.</summary>
public sealed record RegistrationDeletedPage(string Title);

/// <summary>A line of "my registrations" across sites.</summary>
public sealed record MyRegistration(string Title, DateTimeOffset StartsAt, string Site, string Status, string TicketCode, string Url);

/// <summary><c>my-registrations.liquid</c>.</summary>
public sealed record MyRegistrationsPage(string Title, IReadOnlyList<MyRegistration> Items);

/// <summary><c>registration-section.liquid</c>: the block on the event page.</summary>
public sealed record RegistrationSection(bool Open, string Status, string Message, IReadOnlyList<OptionView> Options, bool Waitlist,
    bool RequiresApproval, string Url);

/// <summary><c>mail-registration*.liquid</c>: one mail per kind (confirmed, waitlisted, offered, approved, rejected, reminder, …).</summary>
public sealed record RegistrationMail(string Kind, string Name, string TicketCode, int GroupSize, EventSummary Event, string Option,
    string ManageUrl, DateTimeOffset? OfferExpiresAt, string? Note);

/// <summary><c>registration-duplicate.liquid</c>: the phone or e-mail is already registered (the link went to the contact on file).</summary>
public sealed record RegistrationDuplicatePage(string Title, string Message, string EventUrl);

/// <summary><c>registration-gone.liquid</c>: an expired manage link.</summary>
public sealed record RegistrationGonePage(string Title, string Message);
