using Microsoft.AspNetCore.Identity;
using Outreach.Core.Data;

namespace Outreach.Core.Security;

/// <summary>One account per person across all sites; what they may do is decided per site by <see cref="SiteMembership"/>.</summary>
public sealed class OutreachUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Manages sites, modules, themes and people on every site.</summary>
    public bool IsPlatformAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Roles are per site: a role on site A grants nothing on site B.</summary>
public enum SiteRole { Reviewer = 1, Editor = 2, SiteAdmin = 3 }

/// <summary>A person's role on one site.</summary>
public sealed class SiteMembership : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int UserId { get; set; }
    public SiteRole Role { get; set; }
}

/// <summary>A bearer token for scripts and integrations: one site, one role, stored as a SHA-256 hash.</summary>
public sealed class ApiToken : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Name { get; set; } = "";
    public SiteRole Role { get; set; }
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, so people can tell tokens apart in the list.</summary>
    public string Prefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>Who did what, when, on which site: every admin change and every sign-in.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Null for platform-wide events (sign-in, site creation).</summary>
    public int? SiteId { get; set; }

    public int? UserId { get; set; }

    /// <summary>Account e-mail or "token:&lt;name&gt;" — never a registrant's personal data.</summary>
    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Details { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
