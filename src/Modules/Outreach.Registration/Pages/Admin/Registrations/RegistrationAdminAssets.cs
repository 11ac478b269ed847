using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// The admin pages' stylesheet and the check-in script, embedded in the module and served with a content hash
/// in the URL (the CSP allows only same-origin scripts and styles, so nothing is inline). Site-relative: the
/// module's endpoints answer only on sites that enabled it.
/// </summary>
public static class RegistrationAdminAssets
{
    public const string ScriptPath = "/_registration/checkin.js";
    public const string StylePath = "/_registration/registration.css";

    static readonly (string Text, string Version) Script = Read("checkin.js");
    static readonly (string Text, string Version) Style = Read("registration.css");

    public static string ScriptUrl => ScriptPath + "?v=" + Script.Version;
    public static string StyleUrl => StylePath + "?v=" + Style.Version;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ScriptPath, (HttpContext http) => Serve(http, Script.Text, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        endpoints.MapGet(StylePath, (HttpContext http) => Serve(http, Style.Text, "text/css; charset=utf-8")).ExcludeFromDescription();
    }

    static IResult Serve(HttpContext http, string text, string contentType)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Text(text, contentType);
    }

    static (string, string) Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Outreach.Registration.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        var text = new StreamReader(stream).ReadToEnd();
        return (text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10]);
    }
}
