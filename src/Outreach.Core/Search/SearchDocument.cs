using Outreach.Core.Data;

namespace Outreach.Core.Search;

/// <summary>
/// One searchable item as the search index sees it. <see cref="Key"/> is stable across edits
/// (<c>"page:&lt;guid&gt;"</c>), so an update replaces the old document; <see cref="Url"/> is site-relative.
/// <see cref="Facets"/> holds the values of the extra facet dimensions its source declares
/// (<see cref="ISearchDocumentSource.Facets"/>), by dimension name; a document may have several values in one.
/// </summary>
public sealed record SearchDocument(
    string Key,
    int SiteId,
    string Type,
    string Title,
    string Body,
    string Url,
    DateTimeOffset? Date,
    string? City = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Facets = null);

/// <summary>
/// An extra facet dimension a source offers besides the fixed ones (year, type, site, city), e.g. a journal's
/// <c>section</c>. <see cref="Name"/> is what the API uses (<c>facets.section</c>, <c>?facet.section=综述</c>): lower-case
/// ASCII letters, digits and '-', and not one of the fixed names. Values are shown as written, so give readable ones.
/// </summary>
public sealed record SearchFacet(string Name, string LabelZh, string LabelEn)
{
    public static readonly IReadOnlySet<string> Fixed = new HashSet<string>(StringComparer.Ordinal) { "year", "type", "site", "city" };

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 32 && !Fixed.Contains(name) && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}

/// <summary>
/// How a module turns its items into search documents. The search module knows no module: it asks every
/// registered source, by the content types the source covers.
/// </summary>
public interface ISearchDocumentSource
{
    /// <summary>Content types covered (<see cref="Content.PublishableContent.ContentType"/>, e.g. "page", "news").</summary>
    IReadOnlyCollection<string> Types { get; }

    /// <summary>Extra facet dimensions its documents fill in <see cref="SearchDocument.Facets"/>; none by default.</summary>
    IReadOnlyList<SearchFacet> Facets => [];

    /// <summary>
    /// The public documents of every site: all of them when <paramref name="keys"/> is null (a rebuild),
    /// else only those among the given document keys that are still public — a key without a document is
    /// removed from the index.
    /// </summary>
    Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct);
}

/// <summary>
/// A content item changed; written in the same SaveChanges as the change, read by each node's search
/// worker in id order (each node remembers how far it got).
/// </summary>
public sealed class SearchChange
{
    public long Id { get; set; }

    /// <summary>The content type, e.g. "news".</summary>
    public string EntityType { get; set; } = "";

    /// <summary>The search document key, e.g. "news:&lt;guid&gt;".</summary>
    public string Key { get; set; } = "";

    public int SiteId { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }

    public static string KeyOf(string type, Guid key) => $"{type}:{key:N}";
}
