using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Themes;

/// <summary>
/// The visitor's display mode: standard, or elder (长者模式: large type, high contrast, one column). Turned on
/// with <c>?mode=elder</c> (off with <c>?mode=standard</c>) on any public page and remembered in a cookie,
/// so no account is needed. Themes read it as <c>elder</c> and link the switch with <c>mode_switch</c>.
/// </summary>
public static class DisplayMode
{
    public const string Elder = "elder";
    public const string Standard = "standard";
    public const string CookieName = ".Outreach.Mode";
    const string Query = "mode";

    /// <summary>True in elder mode: from the query (which the cookie then remembers for a year), else the cookie.</summary>
    public static bool IsElder(HttpContext http)
    {
        var asked = http.Request.Query[Query].ToString();
        if (asked is Elder or Standard)
        {
            // A preference, not tracking: like the language cookie, it only changes how pages look.
            if (asked == Elder)
                http.Response.Cookies.Append(CookieName, Elder, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true,
                    Path = "/",
                });
            else http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
            return asked == Elder;
        }
        return http.Request.Cookies[CookieName] == Elder;
    }

    /// <summary>This page's URL with the other mode asked for (other query values kept).</summary>
    public static string SwitchUrl(HttpContext http, bool elder)
    {
        var query = http.Request.Query.Where(q => q.Key != Query)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(Query, elder ? Standard : Elder));
        return http.Request.PathBase + http.Request.Path + QueryString.Create(query);
    }
}
