using Microsoft.AspNetCore.Routing;
using Outreach.Core.Modules;

namespace Outreach.Journals;

/// <summary>The reader pages' stylesheet (the CSP refuses inline styles), served by the module.</summary>
public static class JournalAssets
{
    static readonly EmbeddedAsset Style = new(typeof(JournalAssets).Assembly, "Outreach.Journals.Assets.journals.css", "/_journals/journals.css", "text/css; charset=utf-8");

    public static string StyleLink(Func<string, string> url) => $"<link rel=\"stylesheet\" href=\"{url(Style.Path)}?v={Style.Version}\">";

    public static void Map(IEndpointRouteBuilder endpoints) => Style.Map(endpoints);
}
