using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Core.Sites;

namespace Outreach.Registration;

/// <summary>Bound from <c>Outreach:Registration</c>.</summary>
public sealed class RegistrationOptions
{
    /// <summary>Where mails sent by jobs (no request at hand) point for sites without a host of their own.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>
    /// Registration attempts per client IP per minute on the public endpoints. Generous: mobile carriers put many
    /// phones behind one address (CGNAT), and a school's computer room shares one; the per-contact limit guards people.
    /// </summary>
    public int PerIpPerMinute { get; set; } = 120;

    /// <summary>Registration attempts per phone number or email per hour.</summary>
    public int PerContactPerHour { get; set; } = 10;

    /// <summary>How long a registration waits for the seat lock before answering "try again".</summary>
    public int LockTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Registering again with a phone or email already registered mails the manage link to the address on file,
    /// at most once per this many minutes per registration (so the form cannot be used to flood someone's inbox).
    /// </summary>
    public int ManageLinkMailMinutes { get; set; } = 10;

    /// <summary>Days after its event (or its slot) ends that a manage link keeps working; then it answers 410.</summary>
    public int ManageLinkDays { get; set; } = 30;
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
