using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Core.Sites;

namespace Outreach.Registration;

/// <summary>Bound from <c>Outreach:Registration</c>, checked at start.</summary>
public sealed class RegistrationOptions
{
    /// <summary>Where mails sent by jobs (no request at hand) point for sites without a host of their own.</summary>
    [Required, Url] public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>
    /// Registration attempts per client IP per minute on the public endpoints. Generous: mobile carriers put many
    /// phones behind one address (CGNAT), and a school's computer room shares one; the per-contact limit guards people.
    /// </summary>
    [Range(1, 1_000_000)] public int PerIpPerMinute { get; set; } = 120;

    /// <summary>Registration attempts per phone number or email per hour.</summary>
    [Range(1, 1_000_000)] public int PerContactPerHour { get; set; } = 10;

    /// <summary>How long a registration waits for the seat lock before answering "try again".</summary>
    [Range(1, 300)] public int LockTimeoutSeconds { get; set; } = 10;
}

/// <summary>Absolute links into a site, from a request or, in jobs, from the configured public URL.</summary>
public sealed class RegistrationLinks(IOptions<RegistrationOptions> options, ManageTokens tokens)
{
    public string Absolute(Site site, string path, HttpContext? http = null)
    {
        if (site.HostList.Count > 0) return $"{(http?.Request.Scheme ?? "https")}://{site.HostList[0]}{path}";
        var origin = http is not null ? $"{http.Request.Scheme}://{http.Request.Host}" : options.Value.PublicUrl.TrimEnd('/');
        return origin + site.PathBase + path;
    }

    public string ManagePath(Registration r) => "/registrations/" + tokens.For(r);

    public string Manage(Site site, Registration r, HttpContext? http = null) => Absolute(site, ManagePath(r), http);
}
