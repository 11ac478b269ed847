using Microsoft.AspNetCore.Routing;
using Outreach.Core.Modules;

namespace Outreach.Journals;

/// <summary>The reader pages' stylesheet (the CSP refuses inline styles), served by the module.</summary>
public static class JournalAssets
{
    static readonly EmbeddedAsset Style = new(typeof(JournalAssets).Assembly, "Outreach.Journals.Assets.journals.css", "/_journals/journals.css", "text/css; charset=utf-8");

    static readonly EmbeddedAsset AdminStyle = new(typeof(JournalAssets).Assembly, "Outreach.Journals.Assets.journals-admin.css", "/_journals/journals-admin.css", "text/css; charset=utf-8");

    public static string StyleLink(Func<string, string> url) => $"<link rel=\"stylesheet\" href=\"{url(Style.Path)}?v={Style.Version}\">";

    /// <summary>The editor pages' additions to the admin stylesheet.</summary>
    public static string AdminStyleUrl(Func<string, string> url) => $"{url(AdminStyle.Path)}?v={AdminStyle.Version}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Style.Map(endpoints);
        AdminStyle.Map(endpoints);
    }
}
