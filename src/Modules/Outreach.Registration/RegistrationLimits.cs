using Outreach.Core.Mail;

namespace Outreach.Registration;

/// <summary>
/// The length of every field a registrant or organiser types, declared once: the EF model sizes its columns
/// from these and the validation of the API, the form, the admin pages and recipes checks the same numbers,
/// so over-long input is a 400 naming the field on SQLite and PostgreSQL alike.
/// </summary>
public static class RegistrationLimits
{
    public const int Name = 50;
    public const int Phone = 11;
    public const int Email = EmailAddress.MaxLength;
    public const int IdempotencyKey = 100;

    /// <summary>A text answer; the whole answers object (JSON) is capped by <see cref="AnswersJson"/>.</summary>
    public const int AnswerText = 500;
    public const int AnswersJson = 20_000;
    public const int QuestionsJson = 20_000;
    public const int QuestionLabel = 200;
    public const int OptionName = 100;
    public const int QuotaName = 100;
    public const int DecisionNote = 500;
    public const int IdCardReason = 500;

    /// <summary>Single-line text (a name, a text answer): no control characters, so no CR/LF reaches a mail header or a CSV line.</summary>
    public static bool IsSingleLine(string text) => !text.Any(char.IsControl);
}
