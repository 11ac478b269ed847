using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Content;

/// <summary>
/// A module's public URLs for the current site's <c>/sitemap.xml</c>: published items only, as site-relative
/// paths ("/news/x"); the kernel adds the scheme, host and the site's path base.
/// </summary>
public interface ISitemapSource
{
    Task<IReadOnlyList<SitemapEntry>> EntriesAsync(HttpContext http, CancellationToken ct);
}

/// <param name="Path">Site-relative path, e.g. "/events/forum-a".</param>
/// <param name="LastModified">When the item last changed, if known.</param>
public sealed record SitemapEntry(string Path, DateTimeOffset? LastModified);
