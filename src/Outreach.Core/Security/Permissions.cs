using Outreach.Core.Modules;

namespace Outreach.Core.Security;

/// <summary>
/// The kernel's permissions: what a role may do on its site. Modules check permissions, never roles; a module
/// defines its own in its manifest, and <see cref="PermissionCatalog"/> puts both together.
/// </summary>
public static class Permissions
{
    public const string ViewAdmin = "admin.view";
    public const string EditContent = "content.edit";
    public const string PublishContent = "content.publish";
    public const string ReviewContent = "content.review";
    public const string ManageSite = "site.manage";
    public const string ViewAudit = "audit.view";
    public const string ManageTokens = "tokens.manage";
    public const string ManageMail = "mail.manage";

    /// <summary>Platform-wide: create sites, enable modules, assign people. Only platform admins.</summary>
    public const string ManagePlatform = "platform.manage";

    const SiteRole Reviewer = SiteRole.Reviewer, Editor = SiteRole.Editor, SiteAdmin = SiteRole.SiteAdmin;

    public static readonly IReadOnlyList<PermissionDefinition> Kernel =
    [
        new(ViewAdmin, "进入后台", "Open the admin", Reviewer, Editor, SiteAdmin),
        new(ReviewContent, "审核内容", "Review content", Reviewer, Editor, SiteAdmin),
        new(EditContent, "编辑内容", "Edit content", Editor, SiteAdmin),
        new(PublishContent, "发布内容", "Publish content", Editor, SiteAdmin),
        new(ManageSite, "管理站点设置", "Manage the site's settings", SiteAdmin),
        new(ViewAudit, "查看操作记录", "View the audit trail", SiteAdmin),
        new(ManageTokens, "管理 API 令牌", "Manage API tokens", SiteAdmin),
        new(ManageMail, "管理邮件", "Manage mail", SiteAdmin),
        new(ManagePlatform, "管理平台（站点、模块、人员）", "Manage the platform (sites, modules, people)"),
    ];

    public static string RoleName(SiteRole role) => role switch
    {
        SiteRole.SiteAdmin => "站点管理员",
        SiteRole.Editor => "编辑",
        SiteRole.Reviewer => "审核员",
        _ => role.ToString(),
    };
}

/// <summary>Every permission of this host (the kernel's and each module's) and the roles that hold it.</summary>
public sealed class PermissionCatalog
{
    readonly Dictionary<SiteRole, HashSet<string>> _byRole;

    public IReadOnlyList<PermissionDefinition> All { get; }

    public PermissionCatalog(ModuleCatalog modules)
    {
        All = [.. Permissions.Kernel, .. modules.Modules.SelectMany(m => m.Manifest.Permissions)];
        _byRole = Enum.GetValues<SiteRole>().ToDictionary(r => r,
            r => All.Where(p => p.DefaultRoles.Contains(r)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal));
    }

    public IReadOnlyCollection<string> Of(SiteRole role) => _byRole.TryGetValue(role, out var set) ? set : [];

    public bool Grants(SiteRole role, string permission) => _byRole.TryGetValue(role, out var set) && set.Contains(permission);
}
