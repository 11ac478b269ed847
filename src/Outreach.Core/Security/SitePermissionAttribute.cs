using Microsoft.AspNetCore.Authorization;

namespace Outreach.Core.Security;

/// <summary>On a Razor Page or handler: requires a permission on the request's site.</summary>
public sealed class SitePermissionAttribute(string permission) : AuthorizeAttribute(SitePermissionPolicyProvider.Prefix + permission);
