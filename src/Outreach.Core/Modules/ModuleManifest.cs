using Outreach.Core.Security;

namespace Outreach.Core.Modules;

/// <summary>
/// What a module says about itself, in one place (its <see cref="OutreachModule.Manifest"/>). The kernel reads it
/// to check dependencies at start and in recipes, to build the permission set of each role, to keep site prefixes
/// off the module's URLs, to register the module's recipe steps and the types its templates read, and to list it
/// (<c>modules list</c>, the admin's site page). Its English UI strings live beside the module class, in
/// <c>&lt;ModuleClass&gt;.en.resx</c> (keys are the zh-CN text).
/// </summary>
/// <param name="Id">The module's id in recipes and site settings: the project name without <c>Outreach.</c>.</param>
public sealed record ModuleManifest(string Id, string DisplayNameZh, string DisplayNameEn)
{
    /// <summary>Ids of the modules a site must also run for this one to work (Registration requires Events).</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Permissions this module checks, with the roles that have them by default.</summary>
    public IReadOnlyList<PermissionDefinition> Permissions { get; init; } = [];

    /// <summary>First path segments the module serves (<c>events</c> for /events/…); no site may take them as its prefix.</summary>
    public IReadOnlyList<string> ReservedPrefixes { get; init; } = [];

    /// <summary><see cref="Recipes.IRecipeStep"/> types; a recipe may use them only on a site that enables the module.</summary>
    public IReadOnlyList<Type> RecipeSteps { get; init; } = [];

    /// <summary>The view-model types the module's templates read (and so a theme may read); nothing else is visible to Liquid.</summary>
    public IReadOnlyList<Type> TemplateModels { get; init; } = [];

    /// <summary>
    /// Route templates (as mapped, e.g. <c>/events/{slug}</c>) of GET endpoints that show the same thing to every
    /// anonymous visitor: public pages, feeds, read APIs. The kernel serves them from the output cache
    /// (<see cref="Caching.VisitorCachePolicy"/>); never list a page with a form, a token in its URL or personal data.
    /// </summary>
    public IReadOnlyList<string> VisitorPages { get; init; } = [];

    /// <summary>Platform modules (the admin shell) are on for every site and cannot be disabled.</summary>
    public bool AlwaysEnabled { get; init; }

    public string DisplayName(string culture) =>
        culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? DisplayNameEn : DisplayNameZh;
}

/// <summary>A permission a role may hold on a site (<c>registrations.checkin</c>), named for the admin in both languages.</summary>
public sealed record PermissionDefinition(string Name, string DisplayNameZh, string DisplayNameEn, params SiteRole[] DefaultRoles);
