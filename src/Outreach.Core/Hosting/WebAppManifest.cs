using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

/// <summary>
/// <c>/{site}/manifest.webmanifest</c>: each site's web app manifest — its own name, start URL and scope, its theme's
/// colour and icons — so "add to home screen" and shared links show the site, not the platform.
/// </summary>
public static class WebAppManifest
{
    public sealed record Icon(string Src, string Sizes, string Type, string Purpose = "any");

    public sealed record Manifest(string Name, string ShortName, string Lang, string StartUrl, string Scope, string Display,
        string ThemeColor, string BackgroundColor, IReadOnlyList<Icon> Icons);

    /// <summary>The manifest's member names are snake_case (start_url, theme_color); Chinese stays text.</summary>
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static void MapWebAppManifest(this IEndpointRouteBuilder app) =>
        app.MapGet("/manifest.webmanifest", (HttpContext http, SiteContext site, ThemeCatalog themes) =>
        {
            if (site.Site is not { } current) return Results.NotFound();
            var theme = themes.Chain(current.Theme)[0];
            var root = http.Request.PathBase.Value + "/";
            var icons = new List<Icon>();
            foreach (var (file, sizes) in new[] { ("icons/icon-192.png", "192x192"), ("icons/icon-512.png", "512x512") })
                if (themes.AssetUrl(current.Theme, file) is { } url) icons.Add(new Icon(url, sizes, "image/png"));
            if (themes.AssetUrl(current.Theme, "favicon.svg") is { } svg) icons.Add(new Icon(svg, "any", "image/svg+xml"));
            var manifest = new Manifest(current.DisplayNameZh, ShortName(current.DisplayNameZh), "zh-CN", root, root, "standalone",
                theme.Color, "#ffffff", icons);
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Json(manifest, Json, contentType: "application/manifest+json; charset=utf-8");
        }).ExcludeFromDescription();

    /// <summary>The name under a home-screen icon: the part in brackets when there is one ("广东省老科协"), else the first 12 characters.</summary>
    static string ShortName(string name)
    {
        var open = name.IndexOf('（', StringComparison.Ordinal);
        var close = name.IndexOf('）', StringComparison.Ordinal);
        if (open >= 0 && close > open + 1) return name[(open + 1)..close];
        return name.Length <= 12 ? name : name[..12];
    }
}
