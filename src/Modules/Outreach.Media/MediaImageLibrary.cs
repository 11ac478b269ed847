using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Media;

/// <summary>The media library behind <see cref="IImageLibrary"/>.</summary>
public sealed class MediaImageLibrary(MediaLibrary library, OutreachDbContext db, SiteContext site, SiteCatalog catalog) : IImageLibrary
{
    public async Task<LibraryImage?> FindAsync(int id, CancellationToken ct) =>
        await library.Items.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } item ? View(item, site.Url) : null;

    public async Task<IReadOnlyDictionary<int, LibraryImage>> FindManyAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<int, LibraryImage>();
        // Reading across sites is the point: each image keeps its own site's URL.
        var items = await db.Set<MediaItem>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        var sites = await catalog.AllAsync(ct);
        return items.ToDictionary(m => m.Id, m => View(m, m.SiteId == site.SiteId
            ? site.Url
            : path => sites.FirstOrDefault(s => s.Id == m.SiteId)?.LinkTo(path) ?? path));
    }

    public async Task<IReadOnlyList<LibraryImage>> RecentAsync(int count, CancellationToken ct) =>
        (await library.Items.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(count).ToListAsync(ct))
            .Select(m => View(m, site.Url)).ToList();

    static LibraryImage View(MediaItem item, Func<string, string> url) => new(item.Id, item.SiteId,
        url(MediaUrls.Sized(item.Id, 1600, MediaFormat.Jpeg)), url(MediaUrls.Sized(item.Id, 320, MediaFormat.Jpeg)),
        item.Width, item.Height, item.AltText, item.OriginalName) { UploadedById = item.UploadedById };
}
