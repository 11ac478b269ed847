namespace Outreach.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from <c>Outreach:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Bound from <c>Outreach</c>.</summary>
public sealed class OutreachOptions
{
    /// <summary>Where the SQLite file, mail pickup, media and indexes live. Default: App_Data beside the app.</summary>
    public string DataDir { get; set; } = "App_Data";

    /// <summary>Apply the demo recipes on first start of an empty database.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Folder of themes; default: the themes folder shipped beside the app.</summary>
    public string? ThemesPath { get; set; }

    /// <summary>Folder of recipes; default: the recipes folder shipped beside the app.</summary>
    public string? RecipesPath { get; set; }

    /// <summary>
    /// Scheme, host and port the public reaches this installation at. Links in mail and feeds are built from it
    /// (or from a site's own <c>PublicUrl</c>), never from the request's Host header. Default: the embedded demo.
    /// </summary>
    public string PublicOrigin { get; set; } = "http://localhost:5000";

    /// <summary>Extra Host header values accepted outside Development (health probes by IP, an internal name).</summary>
    public string[] AllowedHosts { get; set; } = [];

    public ProxyOptions Proxy { get; set; } = new();

    public KeyRingOptions DataProtection { get; set; } = new();

    /// <summary>The public origin as a URI (validated at start: absolute http or https, no path).</summary>
    public Uri PublicOriginUri => new(PublicOrigin.TrimEnd('/'));
}

/// <summary>Reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed; no one else's are.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>How the Data Protection key ring is protected at rest (see README, security).</summary>
public sealed class KeyRingOptions
{
    /// <summary>A 256-bit AES key, base64. Every node must have the same one. Wins over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the base64 key (a mounted secret); default <c>&lt;DataDir&gt;/keys/data-protection.key</c>, created on first start.</summary>
    public string? KeyFile { get; set; }
}
