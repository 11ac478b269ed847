using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Outreach.Core.Modules;

/// <summary>
/// A script or stylesheet embedded in a module (<c>Assets/*</c>), served at a fixed path with its content hash in
/// the URL, so it can be cached for a year and a new build is fetched at once. The CSP allows only same-origin
/// scripts and styles, so modules serve theirs this way instead of writing them inline.
/// </summary>
public sealed class EmbeddedAsset
{
    public string Path { get; }
    public string Text { get; }
    public string ContentType { get; }

    /// <summary>The first ten hex digits of the content's SHA-256.</summary>
    public string Version { get; }

    /// <summary>The path with its version, e.g. <c>/_admin/admin.css?v=1a2b3c4d5e</c>.</summary>
    public string Url => Path + "?v=" + Version;

    /// <param name="resource">The manifest resource name: the module's root namespace, then <c>.Assets.admin.css</c>.</param>
    public EmbeddedAsset(Assembly assembly, string resource, string path, string contentType)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded asset {resource} is missing.");
        Text = new StreamReader(stream).ReadToEnd();
        Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..10];
        Path = path;
        ContentType = contentType;
    }

    public IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(Text, ContentType);
        }).ExcludeFromDescription();
}
