using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

/// <summary>Bound from <c>Outreach:Dispatch</c>, checked at start.</summary>
public sealed class DispatchOptions
{
    /// <summary>Hours a lecturer has to accept or decline before the escalation job puts the request back in the queue.</summary>
    [Range(1, 24 * 30)] public int AnswerHours { get; set; } = 72;

    /// <summary>Days after the lecture (or after the request, if it never happened) that the tracking link keeps working.</summary>
    [Range(1, 3650)] public int TrackLinkDays { get; set; } = 180;

    [Range(1, 120)] public int CodeMinutes { get; set; } = 15;

    /// <summary>Wrong confirmation codes before the code is void.</summary>
    [Range(1, 20)] public int CodeAttempts { get; set; } = 5;

    /// <summary>Requests per client address per hour (a school's computer room shares one address; orders are rare).</summary>
    [Range(1, 1_000_000)] public int RequestsPerIpPerHour { get; set; } = 20;

    /// <summary>
    /// The CJK font embedded (subset) in certificates, a Debian package's TrueType collection (fonts-wqy-microhei), handed
    /// to the kernel's <see cref="Outreach.Core.Pdf.CjkPdfFonts"/>. PDFsharp's resolver is process-wide: whichever module
    /// draws the first PDF installs it, falling back to the Debian WenQuanYi files.
    /// </summary>
    public string CertificateFont { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}

/// <summary>Per-site settings of the module (<c>settings.dispatch</c> in the site's recipe).</summary>
public sealed record DispatchSiteSettings(decimal TravelHours, int RetentionDays)
{
    public static DispatchSiteSettings Of(Site site)
    {
        decimal travel = 0;
        var retention = 365;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrEmpty(site.SettingsJson) ? "{}" : site.SettingsJson);
            if (doc.RootElement.TryGetProperty("dispatch", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                if (d.TryGetProperty("travelHours", out var t) && t.TryGetDecimal(out var h) && h is >= 0 and <= 24) travel = h;
                if (d.TryGetProperty("retentionDays", out var r) && r.TryGetInt32(out var days) && days is >= 30 and <= 3650) retention = days;
            }
        }
        catch (JsonException) { }
        return new DispatchSiteSettings(travel, retention);
    }
}
