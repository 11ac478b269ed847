using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Lecturers;

/// <summary>
/// Lecturers are not publishable content, so the kernel does not queue their search changes by itself: every write
/// that changes what the public sees of a lecturer queues one here, in the same SaveChanges.
/// </summary>
public static class LecturerIndex
{
    public const string Type = "lecturer";

    public static void Touch(OutreachDbContext db, Lecturer lecturer) =>
        db.SearchChanges.Add(new SearchChange
        {
            EntityType = Type,
            Key = SearchChange.KeyOf(Type, lecturer.Key),
            SiteId = lecturer.SiteId,
            // Wall clock on purpose, as the kernel's own queue: ordered by id, the time only helps to read it.
            EnqueuedAt = DateTimeOffset.UtcNow,
        });
}
