using Outreach.Core.Data;

namespace Outreach.Core.Content;

public enum ContentStatus { Draft = 0, Published = 1, Archived = 2 }

/// <summary>
/// The base of everything a site publishes (pages, news, events …): a title, a slug unique per site and
/// type, a status, a scheduled publish time, soft delete and version history.
/// </summary>
public abstract class PublishableContent : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Stable identity known before insert, so a version can reference a new item in the same save.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();

    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public ContentStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When a draft is due to be published by the scheduler.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two editors saving the same version → the second is told.</summary>
    public int Revision { get; set; }

    public bool IsPublic => Status == ContentStatus.Published && DeletedAt is null;

    /// <summary>The content type's stable name in versions and URLs ("page", "news").</summary>
    public abstract string ContentType { get; }
}

/// <summary>A saved state of a content item: who changed it, when, and its fields at that moment.</summary>
public sealed class ContentVersion : ISiteOwned
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    public string ContentType { get; set; } = "";
    public Guid ContentKey { get; set; }
    public int Number { get; set; }
    public string Author { get; set; } = "";
    public string Action { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>JSON object of the item's editable fields.</summary>
    public string Snapshot { get; set; } = "{}";
}
