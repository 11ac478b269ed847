using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Core.Content;

/// <summary>
/// The one way content changes state: create, save, publish, unpublish, schedule, archive, delete and
/// restore. Every change is recorded as a <see cref="ContentVersion"/>; callers save the DbContext
/// once, so the item and its version land in the same transaction.
/// </summary>
public sealed class ContentEditor(OutreachDbContext db, TimeProvider clock)
{
    static readonly JsonSerializerOptions SnapshotJson = new() { WriteIndented = false };
    static readonly HashSet<string> Bookkeeping =
        [nameof(PublishableContent.Id), nameof(PublishableContent.SiteId), nameof(PublishableContent.CreatedAt),
         nameof(PublishableContent.UpdatedAt), nameof(PublishableContent.Revision), nameof(PublishableContent.IsPublic),
         nameof(PublishableContent.ContentType), nameof(PublishableContent.Key)];

    /// <summary>A slug unique among the site's items of this type: the requested one, else from the title.</summary>
    public async Task<string> UniqueSlugAsync<T>(string? requested, string title, int exceptId = 0, CancellationToken ct = default)
        where T : PublishableContent
    {
        var prefix = Activator.CreateInstance<T>().ContentType;
        var baseSlug = !string.IsNullOrWhiteSpace(requested) && Slugs.IsValid(requested) ? requested : Slugs.FromTitle(title, prefix);
        var slug = baseSlug;
        for (var n = 2; await db.Set<T>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter])
                 .AnyAsync(x => x.Slug == slug && x.Id != exceptId, ct); n++)
            slug = $"{baseSlug}-{n}";
        return slug;
    }

    public void Add<T>(T item, string author) where T : PublishableContent
    {
        var now = clock.GetUtcNow();
        item.CreatedAt = item.UpdatedAt = now;
        if (item.Status == ContentStatus.Published) item.PublishedAt ??= now;
        db.Add((object)item); // by runtime type: T may be an abstract base such as Article
        Record(item, author, "create");
    }

    /// <summary>
    /// The editor started from <paramref name="revision"/>: the save succeeds only if the row still has it (the
    /// check is in the UPDATE itself, so two saves racing from the same revision cannot both win); else
    /// <c>SaveChangesAsync</c> throws <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public void ExpectRevision<T>(T item, int revision) where T : PublishableContent =>
        db.Entry((object)item).Property(nameof(PublishableContent.Revision)).OriginalValue = revision;

    /// <summary>
    /// The save lost to another editor's save of the same revision: the conditional UPDATE matched no row, or the
    /// version number it recorded was taken first (the database may check either one first).
    /// </summary>
    public static bool IsLostEdit(Exception e) =>
        e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolationOn(e, nameof(ContentVersion.Number));

    public void Save<T>(T item, string author, string action = "edit") where T : PublishableContent
    {
        item.UpdatedAt = clock.GetUtcNow();
        item.Revision++;
        Record(item, author, action);
    }

    public void Publish<T>(T item, string author) where T : PublishableContent
    {
        item.Status = ContentStatus.Published;
        item.PublishedAt ??= clock.GetUtcNow();
        item.ScheduledAt = null;
        Save(item, author, "publish");
    }

    public void Unpublish<T>(T item, string author) where T : PublishableContent
    {
        item.Status = ContentStatus.Draft;
        Save(item, author, "unpublish");
    }

    public void Schedule<T>(T item, DateTimeOffset at, string author) where T : PublishableContent
    {
        item.Status = ContentStatus.Draft;
        item.ScheduledAt = at.ToUniversalTime();
        Save(item, author, "schedule");
    }

    public void Archive<T>(T item, string author) where T : PublishableContent
    {
        item.Status = ContentStatus.Archived;
        Save(item, author, "archive");
    }

    public void Delete<T>(T item, string author) where T : PublishableContent
    {
        item.DeletedAt = clock.GetUtcNow();
        Save(item, author, "delete");
    }

    public void Restore<T>(T item, string author) where T : PublishableContent
    {
        item.DeletedAt = null;
        Save(item, author, "restore");
    }

    /// <summary>Publishes the current site's drafts whose scheduled time has come; returns how many.</summary>
    public async Task<int> PublishDueAsync<T>(string author, CancellationToken ct = default) where T : PublishableContent
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<T>().Where(x => x.Status == ContentStatus.Draft && x.ScheduledAt != null && x.ScheduledAt <= now)
            .Take(500).ToListAsync(ct);
        foreach (var item in due) Publish(item, author);
        return due.Count;
    }

    public Task<List<ContentVersion>> HistoryAsync<T>(T item, CancellationToken ct = default) where T : PublishableContent =>
        db.ContentVersions.Where(v => v.ContentType == item.ContentType && v.ContentKey == item.Key)
            .OrderByDescending(v => v.Number).ToListAsync(ct);

    void Record<T>(T item, string author, string action) where T : PublishableContent =>
        db.ContentVersions.Add(new ContentVersion
        {
            SiteId = item.SiteId,
            ContentType = item.ContentType,
            ContentKey = item.Key,
            Number = item.Revision + 1,
            Author = author,
            Action = action,
            CreatedAt = clock.GetUtcNow(),
            Snapshot = Snapshot(item).ToJsonString(SnapshotJson),
        });

    /// <summary>Field names that differ between two versions' snapshots (for a readable history).</summary>
    public static IReadOnlyList<string> ChangedFields(ContentVersion before, ContentVersion after)
    {
        var a = JsonNode.Parse(before.Snapshot)!.AsObject();
        var b = JsonNode.Parse(after.Snapshot)!.AsObject();
        return b.Where(p => !JsonNode.DeepEquals(p.Value, a[p.Key])).Select(p => p.Key).ToList();
    }

    public static JsonObject Snapshot(PublishableContent item)
    {
        var node = JsonSerializer.SerializeToNode(item, item.GetType(), SnapshotJson)!.AsObject();
        foreach (var key in Bookkeeping) node.Remove(key);
        return node;
    }

}
