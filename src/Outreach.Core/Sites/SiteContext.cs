namespace Outreach.Core.Sites;

/// <summary>
/// The site of the current request or job (scoped). Data access is filtered by <see cref="SiteId"/>;
/// with no site, site-owned queries return nothing rather than everything.
/// </summary>
public sealed class SiteContext
{
    public Site? Site { get; private set; }

    /// <summary>Path prefix the site is mounted at ("" or "/lingnan").</summary>
    public string BasePath { get; private set; } = "";

    public int? SiteId => Site?.Id;

    public Site Required => Site ?? throw new InvalidOperationException("No site is in scope.");

    public void Enter(Site site, string basePath = "")
    {
        Site = site;
        BasePath = basePath;
    }

    /// <summary>Site-relative path to a path the browser can follow ("/news" → "/lingnan/news").</summary>
    public string Url(string path)
    {
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return path;
        if (!path.StartsWith('/')) path = "/" + path;
        return BasePath.Length == 0 ? path : (path == "/" ? BasePath + "/" : BasePath + path);
    }
}
