using Microsoft.AspNetCore.Routing;
using Outreach.Core.Modules;

namespace Outreach.Bases;

/// <summary>The directory's stylesheet and the small script that asks the browser for its position (sort by distance).</summary>
public static class BasesAssets
{
    static readonly EmbeddedAsset Style = new(typeof(BasesAssets).Assembly, "Outreach.Bases.Assets.bases.css", "/_bases/bases.css", "text/css; charset=utf-8");
    static readonly EmbeddedAsset Script = new(typeof(BasesAssets).Assembly, "Outreach.Bases.Assets.bases.js", "/_bases/bases.js", "text/javascript; charset=utf-8");

    public static string StyleUrl => Style.Url;
    public static string ScriptUrl => Script.Url;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Style.Map(endpoints);
        Script.Map(endpoints);
    }
}
