namespace Outreach.Core.Security;

/// <summary>What a role may do on its site. Modules check permissions, never roles.</summary>
public static class Permissions
{
    public const string ViewAdmin = "admin.view";
    public const string EditContent = "content.edit";
    public const string PublishContent = "content.publish";
    public const string UploadMedia = "media.upload";
    public const string ReviewContent = "content.review";
    public const string ManageSite = "site.manage";
    public const string ViewAudit = "audit.view";
    public const string ManageTokens = "tokens.manage";
    public const string ManageRegistrations = "registrations.manage";
    public const string ManageMail = "mail.manage";

    /// <summary>Check people in at the door (a phone page); sees ticket holders' names, not their contact data.</summary>
    public const string CheckIn = "registrations.checkin";

    /// <summary>Platform-wide: create sites, enable modules, assign people. Only platform admins.</summary>
    public const string ManagePlatform = "platform.manage";

    static readonly string[] Reviewer = [ViewAdmin, ReviewContent];
    static readonly string[] Editor = [ViewAdmin, ReviewContent, EditContent, PublishContent, UploadMedia, CheckIn];
    static readonly string[] SiteAdmin = [.. Editor, ManageSite, ViewAudit, ManageTokens, ManageRegistrations, ManageMail];

    public static IReadOnlyList<string> Of(SiteRole role) => role switch
    {
        SiteRole.SiteAdmin => SiteAdmin,
        SiteRole.Editor => Editor,
        SiteRole.Reviewer => Reviewer,
        _ => [],
    };

    public static bool Grants(SiteRole role, string permission) => Of(role).Contains(permission);

    public static string RoleName(SiteRole role) => role switch
    {
        SiteRole.SiteAdmin => "站点管理员",
        SiteRole.Editor => "编辑",
        SiteRole.Reviewer => "审核员",
        _ => role.ToString(),
    };
}
