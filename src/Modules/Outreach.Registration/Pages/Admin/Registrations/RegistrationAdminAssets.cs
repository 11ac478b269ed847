using Microsoft.AspNetCore.Routing;
using Outreach.Core.Modules;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// The admin pages' stylesheet and the check-in script. Site-relative: the module's endpoints answer only on
/// sites that enabled it.
/// </summary>
public static class RegistrationAdminAssets
{
    static readonly EmbeddedAsset Script = new(typeof(RegistrationAdminAssets).Assembly, "Outreach.Registration.Assets.checkin.js",
        "/_registration/checkin.js", "text/javascript; charset=utf-8");

    static readonly EmbeddedAsset Style = new(typeof(RegistrationAdminAssets).Assembly, "Outreach.Registration.Assets.registration.css",
        "/_registration/registration.css", "text/css; charset=utf-8");

    public static string ScriptUrl => Script.Url;
    public static string StyleUrl => Style.Url;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Script.Map(endpoints);
        Style.Map(endpoints);
    }
}
