namespace Outreach.Core.Sites;

/// <summary>A site (tenant) hosted by this installation: the portal, a programme or a society.</summary>
public sealed class Site
{
    public int Id { get; set; }

    /// <summary>Unique, stable machine name (also the recipe key), e.g. <c>lingnan</c>.</summary>
    public string Name { get; set; } = "";

    public string DisplayNameZh { get; set; } = "";
    public string DisplayNameEn { get; set; } = "";

    /// <summary>First path segment that selects the site; empty for the portal, null for host-only sites.</summary>
    public string? Prefix { get; set; }

    /// <summary>Host names that select the site, lower case, space separated.</summary>
    public string Hosts { get; set; } = "";

    /// <summary>
    /// The site's root URL as the public reaches it (<c>https://forum.example.cn</c>, or
    /// <c>https://www.gdsta.cn/lingnan</c> behind a shared host); null: derived from its host or prefix and the
    /// platform's <c>Outreach:PublicOrigin</c>. Links in mail, feeds and sitemaps start here.
    /// </summary>
    public string? PublicUrl { get; set; }

    public string Theme { get; set; } = "Academic";
    public string DefaultCulture { get; set; } = "zh-CN";

    /// <summary>Enabled module ids, comma separated (e.g. <c>Pages,Events</c>).</summary>
    public string Modules { get; set; } = "";

    /// <summary>Module and theme settings as a JSON object.</summary>
    public string SettingsJson { get; set; } = "{}";

    public bool IsPublic { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // Parsed once per value: the module gate and every Enabled<T> ask on each request.
    sealed record Parsed(string From, string[] List);
    Parsed? _modules, _hosts;

    public IReadOnlyList<string> ModuleList =>
        (_modules is { } m && ReferenceEquals(m.From, Modules) ? m : _modules = new(Modules, Modules.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).List;

    public IReadOnlyList<string> HostList =>
        (_hosts is { } h && ReferenceEquals(h.From, Hosts) ? h : _hosts = new(Hosts, Hosts.Split(' ', StringSplitOptions.RemoveEmptyEntries))).List;

    /// <summary>Where the site is mounted on a shared host: "/lingnan", or "" for the portal and host-only sites.</summary>
    public string PathBase => string.IsNullOrEmpty(Prefix) ? "" : "/" + Prefix;

    /// <summary>
    /// A link to one of this site's paths that works from any site: its own host when it has one (on another
    /// site's host the host decides, so a prefix would land there), else its prefix on the shared host.
    /// Protocol-relative, so it keeps the visitor's scheme.
    /// </summary>
    public string LinkTo(string path) =>
        !string.IsNullOrEmpty(PublicUrl) ? PublicUrl.TrimEnd('/') + path
        : HostList.Count > 0 ? $"//{HostList[0]}{path}" : PathBase + path;

    /// <summary>
    /// An absolute link for mail, feeds and sitemaps, from configuration only — never the request's Host header,
    /// which anyone can forge: the site's <see cref="PublicUrl"/>, else its own host with the platform origin's
    /// scheme, else the platform origin and the site's prefix.
    /// </summary>
    public string AbsoluteUrl(Uri platformOrigin, string path)
    {
        if (!path.StartsWith('/')) path = "/" + path;
        if (!string.IsNullOrEmpty(PublicUrl)) return PublicUrl.TrimEnd('/') + path;
        if (HostList.Count > 0) return $"{platformOrigin.Scheme}://{HostList[0]}{path}";
        return platformOrigin.GetLeftPart(UriPartial.Authority) + PathBase + path;
    }

    /// <summary>The host names this site answers to: its hosts and its public URL's host.</summary>
    public IEnumerable<string> KnownHosts =>
        PublicUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? HostList.Append(uri.Host.ToLowerInvariant()) : HostList;

    public bool HasModule(string moduleId) =>
        ModuleList.Contains(moduleId, StringComparer.OrdinalIgnoreCase);

    public string DisplayName(string culture) =>
        culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) && DisplayNameEn.Length > 0 ? DisplayNameEn : DisplayNameZh;
}

/// <summary>An entry of a site's navigation menu.</summary>
public sealed class MenuItem : Data.ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int Position { get; set; }
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";

    /// <summary>Site-relative path (<c>/news</c>) or an absolute http(s) URL.</summary>
    public string Url { get; set; } = "/";
}
