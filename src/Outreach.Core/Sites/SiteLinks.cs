using Microsoft.Extensions.Options;
using Outreach.Core.Data;

namespace Outreach.Core.Sites;

/// <summary>
/// Absolute links into a site for mail, feeds and sitemaps, from configuration (the site's <c>PublicUrl</c>, else
/// <c>Outreach:PublicOrigin</c>) and never from the request, whose Host header anyone can forge.
/// </summary>
public sealed class SiteLinks(IOptions<OutreachOptions> options)
{
    public Uri Origin => options.Value.PublicOriginUri;

    /// <summary><c>/admin/reset-password?token=…</c> → <c>https://forum.example.cn/admin/reset-password?token=…</c>.</summary>
    public string Absolute(Site site, string path) => site.AbsoluteUrl(Origin, path);
}
