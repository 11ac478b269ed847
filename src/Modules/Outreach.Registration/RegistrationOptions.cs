using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Core.Sites;

namespace Outreach.Registration;

/// <summary>Bound from <c>Outreach:Registration</c>, checked at start.</summary>
public sealed class RegistrationOptions
{
    /// <summary>
    /// Registration attempts per client IP per minute on the public endpoints. Generous: mobile carriers put many
    /// phones behind one address (CGNAT), and a school's computer room shares one; the per-contact limit guards people.
    /// </summary>
    [Range(1, 1_000_000)] public int PerIpPerMinute { get; set; } = 120;

    /// <summary>Registration attempts per phone number or email per hour.</summary>
    [Range(1, 1_000_000)] public int PerContactPerHour { get; set; } = 10;

    /// <summary>How long a registration waits for the seat lock before answering "try again".</summary>
    [Range(1, 300)] public int LockTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Registering again with a phone or email already registered mails the manage link to the address on file,
    /// at most once per this many minutes per registration (so the form cannot be used to flood someone's inbox).
    /// </summary>
    [Range(1, 24 * 60)] public int ManageLinkMailMinutes { get; set; } = 10;

    /// <summary>Days after its event (or its slot) ends that a manage link keeps working; then it answers 410.</summary>
    [Range(1, 3650)] public int ManageLinkDays { get; set; } = 30;
}

/// <summary>Absolute links into a site from its configured public URL (kernel <see cref="SiteLinks"/>), never the request's Host.</summary>
public sealed class RegistrationLinks(SiteLinks siteLinks, ManageTokens tokens)
{
    /// <summary>The request (<paramref name="http"/>) no longer decides the origin; the parameter stays for the callers.</summary>
    public string Absolute(Site site, string path, HttpContext? http = null) => siteLinks.Absolute(site, path);

    public string ManagePath(Registration r) => "/registrations/" + tokens.For(r);

    public string Manage(Site site, Registration r, HttpContext? http = null) => Absolute(site, ManagePath(r), http);
}
