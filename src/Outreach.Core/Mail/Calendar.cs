using System.Globalization;
using System.Text;

namespace Outreach.Core.Mail;

/// <summary>iCalendar (RFC 5545) attachments, so a registrant can add an event to their calendar in one tap.</summary>
public static class Calendar
{
    /// <param name="uid">Stable per event (e.g. <c>event-42@host</c>), so a changed time updates the same calendar entry.</param>
    public static MailAttachment Event(string uid, string summary, string location, DateTimeOffset starts, DateTimeOffset ends,
        DateTimeOffset stamp, string? description = null, string fileName = "invitation.ics")
    {
        var ics = new StringBuilder()
            .Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Outreach//Outreach//ZH\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n")
            .Append("UID:").Append(Escape(uid)).Append("\r\n")
            .Append("DTSTAMP:").Append(Utc(stamp)).Append("\r\n")
            .Append("DTSTART:").Append(Utc(starts)).Append("\r\n")
            .Append("DTEND:").Append(Utc(ends)).Append("\r\n")
            .Append("SUMMARY:").Append(Escape(summary)).Append("\r\n")
            .Append("LOCATION:").Append(Escape(location)).Append("\r\n");
        if (!string.IsNullOrEmpty(description)) ics.Append("DESCRIPTION:").Append(Escape(description)).Append("\r\n");
        ics.Append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        return new MailAttachment(fileName, "text/calendar; charset=utf-8; method=PUBLISH", Encoding.UTF8.GetBytes(ics.ToString()));
    }

    static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
