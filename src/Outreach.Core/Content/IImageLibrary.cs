namespace Outreach.Core.Content;

/// <summary>
/// The current site's media library as other modules see it: an image by id, without a reference on the
/// Media module (which implements this when it is installed; otherwise there is no service).
/// </summary>
public interface IImageLibrary
{
    /// <summary>The current site's image, or null for an unknown or deleted id.</summary>
    Task<LibraryImage?> FindAsync(int id, CancellationToken ct);

    /// <summary>
    /// Images of any site by id (a campaign lists other sites' events), each with URLs on its own site;
    /// callers check <see cref="LibraryImage.SiteId"/> against the item that names the image.
    /// </summary>
    Task<IReadOnlyDictionary<int, LibraryImage>> FindManyAsync(IReadOnlyCollection<int> ids, CancellationToken ct);

    /// <summary>The latest images, for pickers.</summary>
    Task<IReadOnlyList<LibraryImage>> RecentAsync(int count, CancellationToken ct);
}

/// <summary>URLs on the image's site: <see cref="Url"/> a large JPEG (for OpenGraph and APIs), <see cref="ThumbnailUrl"/> a small one.</summary>
public sealed record LibraryImage(int Id, int SiteId, string Url, string ThumbnailUrl, int Width, int Height, string Alt, string Name)
{
    /// <summary>The account that uploaded it, when known: a module can insist that people attach only their own images.</summary>
    public int? UploadedById { get; init; }
}
